package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.StatsSourceStore;
import io.plausiblewebhooks.domain.AccountId;
import io.plausiblewebhooks.domain.ConflictException;
import io.plausiblewebhooks.domain.PlausibleApiKey;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.StatsSource;
import io.plausiblewebhooks.domain.StatsSourceError;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Sites with their stats source. A Plausible API key is sealed at rest with the {@link SecretBox}
 * of webhook secrets, bound to its row and column.
 */
public final class JdbiSiteRepository implements SiteRepository, StatsSourceStore {
    private static final String COLUMNS = "id, account_id, domain, timezone, inserted_at, stats_source_type,"
            + " stats_base_url, stats_site_id, stats_api_key, coalesce(stats_source_since, inserted_at) AS stats_source_since,"
            + " last_error, last_error_at";

    private final Dao dao;
    private final SecretBox box;

    public JdbiSiteRepository(Jdbi jdbi, SecretBox box) {
        this.dao = jdbi.onDemand(Dao.class);
        this.box = box;
    }

    /** With the process-wide ephemeral box: for tests and tools. */
    public JdbiSiteRepository(Jdbi jdbi) {
        this(jdbi, SecretBox.ephemeral());
    }

    @Override
    public void insert(Site site) {
        try {
            Source source = Source.of(site, box);
            dao.insert(site.id(), site.accountId(), site.domain().value(), site.timezone().getId(), site.insertedAt(),
                    source.type(), source.baseUrl(), source.siteId(), source.sealedKey());
        } catch (RuntimeException e) {
            if ("sites_domain".equals(PostgresErrors.violatedUniqueConstraint(e))) {
                throw new ConflictException("domain", "a site with this domain exists already");
            }
            throw e;
        }
    }

    @Override
    public boolean update(Site site, Instant sourceChangedAt) {
        Source source = Source.of(site, box);
        return dao.update(site.id(), site.timezone().getId(), source.type(), source.baseUrl(), source.siteId(),
                source.sealedKey(), sourceChangedAt,
                site.lastError() == null ? null : site.lastError().message(),
                site.lastError() == null ? null : site.lastError().at()) > 0;
    }

    @Override
    public List<Site> listByAccount(AccountId owner) {
        return dao.listByAccount(owner).stream().map(this::open).toList();
    }

    @Override
    public Optional<Site> find(AccountId owner, SiteId id) {
        return dao.find(owner, id).map(this::open);
    }

    @Override
    public Optional<Site> findByDomain(SiteDomain domain) {
        return dao.findByDomain(domain.value()).map(this::open);
    }

    @Override
    public boolean delete(AccountId owner, SiteId id) {
        return dao.delete(owner, id) > 0;
    }

    @Override
    public Map<SiteId, RemoteSite> remoteSources(Set<SiteId> sites) {
        if (sites.isEmpty()) {
            return Map.of();
        }
        UUID[] ids = sites.stream().map(SiteId::value).toArray(UUID[]::new);
        Map<SiteId, RemoteSite> remote = new HashMap<>();
        for (StoredSite row : dao.listRemote(ids)) {
            Site site = open(row);
            remote.put(site.id(), new RemoteSite(site.id(), (StatsSource.PlausibleApi) site.statsSource(), row.since()));
        }
        return remote;
    }

    @Override
    public void recordErrors(Map<SiteId, StatsSourceError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(errors.size());
        List<String> messages = new ArrayList<>(errors.size());
        List<Instant> times = new ArrayList<>(errors.size());
        errors.forEach((site, error) -> {
            ids.add(site.value());
            messages.add(error.message());
            times.add(error.at());
        });
        dao.recordErrors(ids, messages, times);
    }

    @Override
    public void clearErrors(Set<SiteId> sites) {
        if (!sites.isEmpty()) {
            dao.clearErrors(sites.stream().map(SiteId::value).toArray(UUID[]::new));
        }
    }

    @Override
    public int countFailing() {
        return dao.countFailing();
    }

    /**
     * Seals every API key that is still plaintext or sealed with an old key under the current key;
     * answers how many rows changed. Run at start-up, like the webhook secrets' re-sealing.
     */
    public int resealAll() {
        int changed = 0;
        for (StoredSite row : dao.listAllRemote()) {
            if (box.needsResealing(row.sealedKey())) {
                String key = box.open(row.sealedKey(), context(row.id()));
                changed += dao.updateKey(row.id(), row.sealedKey(), box.seal(key, context(row.id())));
            }
        }
        return changed;
    }

    /** Associated data of a sealed API key: which site it belongs to. */
    static String context(UUID site) {
        return "sites.stats_api_key:" + site;
    }

    private Site open(StoredSite row) {
        StatsSource source = StatsSource.local();
        if (StatsSource.PLAUSIBLE_API.equals(row.type())) {
            source = new StatsSource.PlausibleApi(new WebhookUrl(row.baseUrl()), row.plausibleSiteId(),
                    new PlausibleApiKey(box.open(row.sealedKey(), context(row.id()))));
        }
        StatsSourceError error = row.lastError() == null ? null : new StatsSourceError(row.lastError(), row.lastErrorAt());
        return new Site(new SiteId(row.id()), new AccountId(row.accountId()), new SiteDomain(row.domain()),
                ZoneId.of(row.timezone()), row.insertedAt(), source, error);
    }

    /** The stats source columns as written: the key sealed. */
    private record Source(String type, String baseUrl, String siteId, String sealedKey) {
        static Source of(Site site, SecretBox box) {
            if (site.statsSource() instanceof StatsSource.PlausibleApi api) {
                return new Source(api.type(), api.baseUrl().value(), api.siteId(),
                        box.seal(api.apiKey().value(), context(site.id().value())));
            }
            return new Source(StatsSource.LOCAL, null, null, null);
        }
    }

    /** A row as stored: the API key still sealed. */
    record StoredSite(UUID id, UUID accountId, String domain, String timezone, Instant insertedAt, String type,
                      String baseUrl, String plausibleSiteId, String sealedKey, Instant since, String lastError,
                      Instant lastErrorAt) {
        @Override
        public String toString() {
            return "StoredSite[id=" + id + "]";
        }
    }

    @RegisterRowMapper(StoredSiteMapper.class)
    interface Dao {
        @SqlUpdate("INSERT INTO sites (id, account_id, domain, timezone, inserted_at, stats_source_type, stats_base_url,"
                + " stats_site_id, stats_api_key, stats_source_since)"
                + " VALUES (:id, :accountId, :domain, :timezone, :insertedAt, :type, :baseUrl, :siteId, :apiKey, :insertedAt)")
        void insert(@Bind("id") SiteId id, @Bind("accountId") AccountId accountId, @Bind("domain") String domain,
                    @Bind("timezone") String timezone, @Bind("insertedAt") Instant insertedAt,
                    @Bind("type") String type, @Bind("baseUrl") String baseUrl, @Bind("siteId") String siteId,
                    @Bind("apiKey") String apiKey);

        @SqlUpdate("UPDATE sites SET timezone = :timezone, stats_source_type = :type, stats_base_url = :baseUrl,"
                + " stats_site_id = :siteId, stats_api_key = :apiKey,"
                + " stats_source_since = coalesce(:sourceChangedAt, stats_source_since),"
                + " last_error = :lastError, last_error_at = :lastErrorAt"
                + " WHERE id = :id")
        int update(@Bind("id") SiteId id, @Bind("timezone") String timezone, @Bind("type") String type,
                   @Bind("baseUrl") String baseUrl, @Bind("siteId") String siteId, @Bind("apiKey") String apiKey,
                   @Bind("sourceChangedAt") Instant sourceChangedAt, @Bind("lastError") String lastError,
                   @Bind("lastErrorAt") Instant lastErrorAt);

        @SqlQuery("SELECT " + COLUMNS + " FROM sites WHERE account_id = :owner ORDER BY inserted_at, id")
        List<StoredSite> listByAccount(@Bind("owner") AccountId owner);

        @SqlQuery("SELECT " + COLUMNS + " FROM sites WHERE id = :id AND account_id = :owner")
        Optional<StoredSite> find(@Bind("owner") AccountId owner, @Bind("id") SiteId id);

        @SqlQuery("SELECT " + COLUMNS + " FROM sites WHERE domain = :domain")
        Optional<StoredSite> findByDomain(@Bind("domain") String domain);

        @SqlQuery("SELECT " + COLUMNS + " FROM sites WHERE stats_source_type = 'plausible_api' AND id = ANY(:ids)")
        List<StoredSite> listRemote(@Bind("ids") UUID[] ids);

        @SqlQuery("SELECT " + COLUMNS + " FROM sites WHERE stats_source_type = 'plausible_api'")
        List<StoredSite> listAllRemote();

        // Only where a plausible_api source is still configured: a site switched to local meanwhile stays clean.
        @SqlBatch("UPDATE sites SET last_error = :message, last_error_at = :at"
                + " WHERE id = :id AND stats_source_type = 'plausible_api'")
        void recordErrors(@Bind("id") List<UUID> ids, @Bind("message") List<String> messages, @Bind("at") List<Instant> at);

        @SqlUpdate("UPDATE sites SET last_error = NULL, last_error_at = NULL"
                + " WHERE id = ANY(:ids) AND last_error IS NOT NULL")
        void clearErrors(@Bind("ids") UUID[] ids);

        @SqlQuery("SELECT count(*) FROM sites WHERE stats_source_type = 'plausible_api' AND last_error IS NOT NULL")
        int countFailing();

        // Only if the row still holds what was read, so a concurrent change of key is never overwritten.
        @SqlUpdate("UPDATE sites SET stats_api_key = :sealed WHERE id = :id AND stats_api_key = :readKey")
        int updateKey(@Bind("id") UUID id, @Bind("readKey") String readKey, @Bind("sealed") String sealed);

        // Goals, webhooks, triggers, deliveries and queued messages go with it (ON DELETE CASCADE).
        @SqlUpdate("DELETE FROM sites WHERE id = :id AND account_id = :owner")
        int delete(@Bind("owner") AccountId owner, @Bind("id") SiteId id);
    }

    public static final class StoredSiteMapper implements RowMapper<StoredSite> {
        @Override
        public StoredSite map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StoredSite(
                    rs.getObject("id", UUID.class),
                    rs.getObject("account_id", UUID.class),
                    rs.getString("domain"),
                    rs.getString("timezone"),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)),
                    rs.getString("stats_source_type"),
                    rs.getString("stats_base_url"),
                    rs.getString("stats_site_id"),
                    rs.getString("stats_api_key"),
                    JdbiConfigurer.toInstant(rs.getObject("stats_source_since", LocalDateTime.class)),
                    rs.getString("last_error"),
                    JdbiConfigurer.toInstant(rs.getObject("last_error_at", LocalDateTime.class)));
        }
    }
}
