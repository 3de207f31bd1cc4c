package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.AccountRepository;
import io.plausiblewebhooks.domain.Account;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Name;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public final class JdbiAccountRepository implements AccountRepository {
    private final Dao dao;

    public JdbiAccountRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void insert(Account account) {
        try {
            dao.insert(account.id(), account.name().value(), account.admin(), account.insertedAt());
        } catch (RuntimeException e) {
            if ("accounts_single_admin".equals(PostgresErrors.violatedUniqueConstraint(e))) {
                throw new ConflictException("admin", "an admin account exists already");
            }
            throw e;
        }
    }

    @Override
    public Optional<Account> findById(AccountId id) {
        return dao.findById(id);
    }

    @Override
    public Optional<Account> findAdmin() {
        return dao.findAdmin();
    }

    @RegisterRowMapper(AccountMapper.class)
    interface Dao {
        @SqlUpdate("INSERT INTO accounts (id, name, admin, inserted_at) VALUES (:id, :name, :admin, :insertedAt)")
        void insert(@Bind("id") AccountId id, @Bind("name") String name, @Bind("admin") boolean admin,
                    @Bind("insertedAt") Instant insertedAt);

        @SqlQuery("SELECT id, name, admin, inserted_at FROM accounts WHERE id = :id")
        Optional<Account> findById(@Bind("id") AccountId id);

        @SqlQuery("SELECT id, name, admin, inserted_at FROM accounts WHERE admin")
        Optional<Account> findAdmin();
    }

    public static final class AccountMapper implements RowMapper<Account> {
        @Override
        public Account map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Account(
                    new AccountId(rs.getObject("id", UUID.class)),
                    new Name(rs.getString("name")),
                    rs.getBoolean("admin"),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)));
        }
    }
}
