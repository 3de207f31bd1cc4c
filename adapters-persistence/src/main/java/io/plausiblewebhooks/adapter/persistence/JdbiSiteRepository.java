package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public final class JdbiSiteRepository implements SiteRepository {
    private final Dao dao;

    public JdbiSiteRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void insert(Site site) {
        try {
            dao.insert(site.id(), site.accountId(), site.domain().value(), site.timezone().getId(), site.insertedAt());
        } catch (RuntimeException e) {
            if ("sites_domain".equals(PostgresErrors.violatedUniqueConstraint(e))) {
                throw new ConflictException("domain", "a site with this domain exists already");
            }
            throw e;
        }
    }

    @Override
    public List<Site> listByAccount(AccountId owner) {
        return dao.listByAccount(owner);
    }

    @Override
    public Optional<Site> find(AccountId owner, SiteId id) {
        return dao.find(owner, id);
    }

    @Override
    public Optional<Site> findByDomain(SiteDomain domain) {
        return dao.findByDomain(domain.value());
    }

    @Override
    public boolean delete(AccountId owner, SiteId id) {
        return dao.delete(owner, id) > 0;
    }

    @RegisterRowMapper(SiteMapper.class)
    interface Dao {
        @SqlUpdate("INSERT INTO sites (id, account_id, domain, timezone, inserted_at)"
                + " VALUES (:id, :accountId, :domain, :timezone, :insertedAt)")
        void insert(@Bind("id") SiteId id, @Bind("accountId") AccountId accountId, @Bind("domain") String domain,
                    @Bind("timezone") String timezone, @Bind("insertedAt") Instant insertedAt);

        @SqlQuery("SELECT id, account_id, domain, timezone, inserted_at FROM sites"
                + " WHERE account_id = :owner ORDER BY inserted_at, id")
        List<Site> listByAccount(@Bind("owner") AccountId owner);

        @SqlQuery("SELECT id, account_id, domain, timezone, inserted_at FROM sites WHERE id = :id AND account_id = :owner")
        Optional<Site> find(@Bind("owner") AccountId owner, @Bind("id") SiteId id);

        @SqlQuery("SELECT id, account_id, domain, timezone, inserted_at FROM sites WHERE domain = :domain")
        Optional<Site> findByDomain(@Bind("domain") String domain);

        // Goals, webhooks, triggers, deliveries and queued messages go with it (ON DELETE CASCADE).
        @SqlUpdate("DELETE FROM sites WHERE id = :id AND account_id = :owner")
        int delete(@Bind("owner") AccountId owner, @Bind("id") SiteId id);
    }

    public static final class SiteMapper implements RowMapper<Site> {
        @Override
        public Site map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Site(
                    new SiteId(rs.getObject("id", UUID.class)),
                    new AccountId(rs.getObject("account_id", UUID.class)),
                    new SiteDomain(rs.getString("domain")),
                    ZoneId.of(rs.getString("timezone")),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)));
        }
    }
}
