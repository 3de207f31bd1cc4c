package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.ApiKey;
import io.plausiblewebhooks.domain.ApiKeyId;
import io.plausiblewebhooks.domain.ApiKeySecret;
import io.plausiblewebhooks.domain.Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyRepositoryContractTest {
    private final Fixtures fx = new Fixtures();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    @Test
    void findsAKeyByTheHashOfItsSecret() {
        Account account = fx.account("acme");
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = ApiKey.issue(account.id(), new Name("ci"), secret, Fixtures.T0);
        fx.apiKeys.insert(key);

        assertThat(fx.apiKeys.findByHash(secret.hash())).contains(key);
        assertThat(fx.apiKeys.findByHash(ApiKeySecret.generate().hash())).isEmpty();
    }

    @Test
    void neverStoresTheSecretItself() {
        Account account = fx.account("acme");
        ApiKeySecret secret = ApiKeySecret.generate();
        fx.apiKeys.insert(ApiKey.issue(account.id(), new Name("ci"), secret, Fixtures.T0));

        String everything = fx.jdbi.withHandle(h -> h.createQuery("SELECT string_agg(t::text, ' ') FROM api_keys t")
                .mapTo(String.class).one());
        assertThat(everything).doesNotContain(secret.value()).contains(secret.hash());
    }

    @Test
    void deletesOnlyTheOwnersKey() {
        Account owner = fx.account("owner");
        Account stranger = fx.account("stranger");
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = ApiKey.issue(owner.id(), new Name("ci"), secret, Fixtures.T0);
        fx.apiKeys.insert(key);

        assertThat(fx.apiKeys.delete(stranger.id(), key.id())).isFalse();
        assertThat(fx.apiKeys.findByHash(secret.hash())).isPresent();

        assertThat(fx.apiKeys.delete(owner.id(), key.id())).isTrue();
        assertThat(fx.apiKeys.findByHash(secret.hash())).isEmpty();
        assertThat(fx.apiKeys.delete(owner.id(), ApiKeyId.random())).isFalse();
    }

    @Test
    void tellsWhetherAnyKeyExists() {
        assertThat(fx.apiKeys.anyExists()).isFalse();
        Account account = fx.account("acme");
        fx.apiKeys.insert(ApiKey.issue(account.id(), new Name("ci"), ApiKeySecret.generate(), Fixtures.T0));
        assertThat(fx.apiKeys.anyExists()).isTrue();
    }
}
