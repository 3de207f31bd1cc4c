package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.ApiKeyRepository;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ApiKey;
import io.plausiblewebhooks.domain.ApiKeyId;
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

public final class JdbiApiKeyRepository implements ApiKeyRepository {
    private final Dao dao;

    public JdbiApiKeyRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void insert(ApiKey key) {
        dao.insert(key.id(), key.accountId(), key.name().value(), key.keyHash(), key.insertedAt());
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return dao.findByHash(keyHash);
    }

    @Override
    public boolean delete(AccountId owner, ApiKeyId id) {
        return dao.delete(owner, id) > 0;
    }

    @Override
    public boolean anyExists() {
        return dao.anyExists();
    }

    @RegisterRowMapper(ApiKeyMapper.class)
    interface Dao {
        @SqlUpdate("INSERT INTO api_keys (id, account_id, name, key_hash, inserted_at)"
                + " VALUES (:id, :accountId, :name, :keyHash, :insertedAt)")
        void insert(@Bind("id") ApiKeyId id, @Bind("accountId") AccountId accountId, @Bind("name") String name,
                    @Bind("keyHash") String keyHash, @Bind("insertedAt") Instant insertedAt);

        @SqlQuery("SELECT id, account_id, name, key_hash, inserted_at FROM api_keys WHERE key_hash = :keyHash")
        Optional<ApiKey> findByHash(@Bind("keyHash") String keyHash);

        @SqlUpdate("DELETE FROM api_keys WHERE id = :id AND account_id = :owner")
        int delete(@Bind("owner") AccountId owner, @Bind("id") ApiKeyId id);

        @SqlQuery("SELECT EXISTS (SELECT 1 FROM api_keys)")
        boolean anyExists();
    }

    public static final class ApiKeyMapper implements RowMapper<ApiKey> {
        @Override
        public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApiKey(
                    new ApiKeyId(rs.getObject("id", UUID.class)),
                    new AccountId(rs.getObject("account_id", UUID.class)),
                    new Name(rs.getString("name")),
                    rs.getString("key_hash"),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)));
        }
    }
}
