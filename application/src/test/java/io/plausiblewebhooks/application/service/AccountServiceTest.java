package io.plausiblewebhooks.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.application.port.in.CreateAccountCommand;
import io.plausiblewebhooks.application.port.in.CreateAccountUseCase.CreatedAccount;
import io.plausiblewebhooks.application.port.in.CreateApiKeyCommand;
import io.plausiblewebhooks.application.port.in.CreateApiKeyUseCase.CreatedApiKey;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKeySecret;
import io.plausiblewebhooks.domain.ForbiddenException;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final AccountService service = new AccountService(repos.accountRepository, repos.apiKeyRepository,
            Clock.fixed(Instant.parse("2026-02-26T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void generatesFirstAdminKeyOnceWhenNoneConfigured() {
        Optional<ApiKeySecret> first = service.bootstrapAdmin(Optional.empty());
        Optional<ApiKeySecret> second = service.bootstrapAdmin(Optional.empty());

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(repos.accounts.values()).singleElement().satisfies(a -> assertThat(a.admin()).isTrue());
        assertThat(service.authenticate(first.get().value())).contains(repos.accountRepository.findAdmin().get().id());
        assertThat(repos.keys).hasSize(1);
    }

    @Test
    void storesConfiguredBootstrapKeyOnlyOnceAndGeneratesNone() {
        assertThat(service.bootstrapAdmin(Optional.of("pwk_configured_key_123"))).isEmpty();
        assertThat(service.bootstrapAdmin(Optional.of("pwk_configured_key_123"))).isEmpty();

        assertThat(repos.keys).hasSize(1);
        assertThat(repos.keys.values().iterator().next().keyHash()).isNotEqualTo("pwk_configured_key_123");
        assertThat(service.authenticate("pwk_configured_key_123")).contains(repos.accountRepository.findAdmin().get().id());
    }

    @Test
    void treatsBlankBootstrapKeyAsNone() {
        assertThat(service.bootstrapAdmin(Optional.of(""))).isPresent();
    }

    @Test
    void refusesAccountCreationToNonAdmin() {
        service.bootstrapAdmin(Optional.empty());
        Account tenant = new Account(AccountId.random(), new io.plausiblewebhooks.domain.Name("tenant"), false,
                Instant.EPOCH);
        repos.accountRepository.insert(tenant);

        assertThatThrownBy(() -> service.createAccount(CreateAccountCommand.from(tenant.id(), "other")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(repos.accounts).hasSize(2);
    }

    @Test
    void adminCreatesAccountWhoseKeyAuthenticatesAsIt() {
        service.bootstrapAdmin(Optional.empty());
        AccountId admin = repos.accountRepository.findAdmin().get().id();

        CreatedAccount created = service.createAccount(CreateAccountCommand.from(admin, "Acme"));

        assertThat(created.account().admin()).isFalse();
        assertThat(service.authenticate(created.apiKey().value())).contains(created.account().id());
    }

    @Test
    void rejectsBlankAccountName() {
        assertThatThrownBy(() -> CreateAccountCommand.from(AccountId.random(), " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("name"));
        assertThatThrownBy(() -> CreateAccountCommand.from(AccountId.random(), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("name"));
    }

    @Test
    void revokedKeyNoLongerAuthenticates() {
        AccountId owner = AccountId.random();
        CreatedApiKey key = service.createApiKey(CreateApiKeyCommand.from(owner, "ci"));
        assertThat(service.authenticate(key.secret().value())).contains(owner);

        service.revokeApiKey(owner, key.key().id());

        assertThat(service.authenticate(key.secret().value())).isEmpty();
    }

    @Test
    void cannotRevokeAnotherAccountsKey() {
        AccountId owner = AccountId.random();
        CreatedApiKey key = service.createApiKey(CreateApiKeyCommand.from(owner, "ci"));

        assertThatThrownBy(() -> service.revokeApiKey(AccountId.random(), key.key().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(service.authenticate(key.secret().value())).contains(owner);
    }

    @Test
    void doesNotAuthenticateMalformedOrUnknownKeys() {
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
        assertThat(service.authenticate("x".repeat(600))).isEmpty();
        assertThat(service.authenticate("pwk_unknown")).isEmpty();
    }
}
