package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import java.util.Optional;

public interface AccountRepository {
    void insert(Account account);

    Optional<Account> findById(AccountId id);

    /** The admin account, created at first start. */
    Optional<Account> findAdmin();
}
