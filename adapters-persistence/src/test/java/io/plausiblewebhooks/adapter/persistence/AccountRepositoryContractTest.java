package io.plausiblewebhooks.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountRepositoryContractTest {
    private final Fixtures fx = new Fixtures();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    @Test
    void storesAndFindsAnAccountWithAllItsFields() {
        Account account = new Account(AccountId.random(), new Name("Acme Ltd"), false, Fixtures.T0);
        fx.accounts.insert(account);

        assertThat(fx.accounts.findById(account.id())).contains(account);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(fx.accounts.findById(AccountId.random())).isEmpty();
    }

    @Test
    void findsTheAdminAccountOnly() {
        fx.account("customer");
        assertThat(fx.accounts.findAdmin()).isEmpty();

        Account admin = new Account(AccountId.random(), new Name("admin"), true, Fixtures.T0);
        fx.accounts.insert(admin);

        assertThat(fx.accounts.findAdmin()).contains(admin);
    }

    @Test
    void refusesASecondAdminAccount() {
        fx.accounts.insert(new Account(AccountId.random(), new Name("admin"), true, Fixtures.T0));
        Account second = new Account(AccountId.random(), new Name("other admin"), true, Fixtures.T0);

        assertThatThrownBy(() -> fx.accounts.insert(second))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("admin"));
        assertThat(fx.accounts.findById(second.id())).isEmpty();
    }
}
