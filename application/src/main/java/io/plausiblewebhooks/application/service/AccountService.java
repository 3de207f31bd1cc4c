package io.plausiblewebhooks.application.service;

import io.plausiblewebhooks.application.port.in.AuthenticateUseCase;
import io.plausiblewebhooks.application.port.in.CreateAccountCommand;
import io.plausiblewebhooks.application.port.in.CreateAccountUseCase;
import io.plausiblewebhooks.application.port.in.CreateApiKeyCommand;
import io.plausiblewebhooks.application.port.in.CreateApiKeyUseCase;
import io.plausiblewebhooks.application.port.in.RevokeApiKeyUseCase;
import io.plausiblewebhooks.application.port.out.AccountRepository;
import io.plausiblewebhooks.application.port.out.ApiKeyRepository;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKey;
import io.plausiblewebhooks.domain.ApiKeyId;
import io.plausiblewebhooks.domain.ApiKeySecret;
import io.plausiblewebhooks.domain.ForbiddenException;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.ValidationException;
import java.time.Clock;
import java.util.Optional;

/** Accounts and their API keys. Only hashes of keys are stored; a key's plain text is shown once. */
public class AccountService implements CreateAccountUseCase, CreateApiKeyUseCase, RevokeApiKeyUseCase,
        AuthenticateUseCase {
    static final Name ADMIN_NAME = new Name("admin");
    static final Name FIRST_KEY_NAME = new Name("first key");

    private final AccountRepository accounts;
    private final ApiKeyRepository keys;
    private final Clock clock;

    public AccountService(AccountRepository accounts, ApiKeyRepository keys, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CreatedAccount createAccount(CreateAccountCommand command) {
        boolean callerIsAdmin = accounts.findById(command.caller()).map(Account::admin).orElse(false);
        if (!callerIsAdmin) {
            throw new ForbiddenException("only the admin account may create accounts");
        }
        Account account = new Account(AccountId.random(), command.name(), false, Now.of(clock));
        ApiKeySecret secret = ApiKeySecret.generate();
        accounts.insert(account);
        keys.insert(ApiKey.issue(account.id(), FIRST_KEY_NAME, secret, Now.of(clock)));
        return new CreatedAccount(account, secret);
    }

    @Override
    public CreatedApiKey createApiKey(CreateApiKeyCommand command) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = ApiKey.issue(command.caller(), command.name(), secret, Now.of(clock));
        keys.insert(key);
        return new CreatedApiKey(key, secret);
    }

    @Override
    public void revokeApiKey(AccountId caller, ApiKeyId id) {
        if (!keys.delete(caller, id)) {
            throw new NotFoundException("api key");
        }
    }

    @Override
    public Optional<AccountId> authenticate(String presentedKey) {
        ApiKeySecret secret;
        try {
            secret = new ApiKeySecret(presentedKey);
        } catch (ValidationException malformed) {
            return Optional.empty();
        }
        return keys.findByHash(secret.hash()).map(ApiKey::accountId);
    }

    /**
     * Makes sure the admin account exists and can be reached: stores the configured bootstrap key
     * if it is not stored yet, or, when no key exists at all and none is configured, issues one.
     *
     * @param bootstrapKey the configured key; empty for none
     * @return the key issued here, which the caller must show to the operator once
     */
    public Optional<ApiKeySecret> bootstrapAdmin(Optional<String> bootstrapKey) {
        Account admin = accounts.findAdmin().orElseGet(() -> {
            Account created = new Account(AccountId.random(), ADMIN_NAME, true, Now.of(clock));
            accounts.insert(created);
            return created;
        });
        Optional<ApiKeySecret> configured = bootstrapKey.filter(k -> !k.isBlank()).map(ApiKeySecret::new);
        if (configured.isPresent()) {
            if (keys.findByHash(configured.get().hash()).isEmpty()) {
                keys.insert(ApiKey.issue(admin.id(), new Name("bootstrap key"), configured.get(), Now.of(clock)));
            }
            return Optional.empty();
        }
        if (keys.anyExists()) {
            return Optional.empty();
        }
        ApiKeySecret generated = ApiKeySecret.generate();
        keys.insert(ApiKey.issue(admin.id(), FIRST_KEY_NAME, generated, Now.of(clock)));
        return Optional.of(generated);
    }
}
