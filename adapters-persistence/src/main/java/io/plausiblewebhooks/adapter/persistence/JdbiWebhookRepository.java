package io.plausiblewebhooks.adapter.persistence;

import io.plausiblewebhooks.application.port.out.WebhookRepository;
import io.plausiblewebhooks.domain.Name;
import io.plausiblewebhooks.domain.Secret;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
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

/** Secrets are stored as given for now (no encryption at rest yet). */
public final class JdbiWebhookRepository implements WebhookRepository {
    private static final String COLUMNS = "id, site_id, name, url, secret, previous_secret, previous_secret_expires_at,"
            + " coalesce(enabled, true) AS enabled, disabled_reason, inserted_at, updated_at";

    private final Dao dao;

    public JdbiWebhookRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(Dao.class);
    }

    @Override
    public void insert(Webhook w) {
        dao.insert(w.id(), w.siteId(), w.name().value(), w.url().value(), w.secret().value(),
                previousSecret(w), w.previousSecretExpiresAt(), w.enabled(), w.disabledReason(),
                w.insertedAt(), w.updatedAt());
    }

    @Override
    public List<Webhook> listBySite(SiteId site) {
        return dao.listBySite(site);
    }

    @Override
    public Optional<Webhook> find(SiteId site, WebhookId id) {
        return dao.find(site, id);
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
        return dao.findById(id);
    }

    @Override
    public boolean update(Webhook w) {
        return dao.update(w.id(), w.name().value(), w.url().value(), w.secret().value(),
                previousSecret(w), w.previousSecretExpiresAt(), w.enabled(), w.disabledReason(), w.updatedAt()) > 0;
    }

    @Override
    public boolean delete(SiteId site, WebhookId id) {
        return dao.delete(site, id) > 0;
    }

    private static String previousSecret(Webhook w) {
        return w.previousSecret() == null ? null : w.previousSecret().value();
    }

    @RegisterRowMapper(WebhookMapper.class)
    interface Dao {
        @SqlUpdate("INSERT INTO webhooks (id, site_id, name, url, secret, previous_secret, previous_secret_expires_at,"
                + " enabled, disabled_reason, inserted_at, updated_at)"
                + " VALUES (:id, :siteId, :name, :url, :secret, :previousSecret, :previousSecretExpiresAt,"
                + " :enabled, :disabledReason, :insertedAt, :updatedAt)")
        void insert(@Bind("id") WebhookId id, @Bind("siteId") SiteId siteId, @Bind("name") String name,
                    @Bind("url") String url, @Bind("secret") String secret,
                    @Bind("previousSecret") String previousSecret,
                    @Bind("previousSecretExpiresAt") Instant previousSecretExpiresAt,
                    @Bind("enabled") boolean enabled, @Bind("disabledReason") String disabledReason,
                    @Bind("insertedAt") Instant insertedAt, @Bind("updatedAt") Instant updatedAt);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhooks WHERE site_id = :siteId ORDER BY inserted_at, id")
        List<Webhook> listBySite(@Bind("siteId") SiteId siteId);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id AND site_id = :siteId")
        Optional<Webhook> find(@Bind("siteId") SiteId siteId, @Bind("id") WebhookId id);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id")
        Optional<Webhook> findById(@Bind("id") WebhookId id);

        // failing_since belongs to the delivery engine; enabling a disabled webhook starts its count afresh.
        // (On the right-hand side of SET, "enabled" is the value before this update.)
        @SqlUpdate("UPDATE webhooks SET name = :name, url = :url, secret = :secret,"
                + " previous_secret = :previousSecret, previous_secret_expires_at = :previousSecretExpiresAt,"
                + " failing_since = CASE WHEN :enabled AND NOT coalesce(enabled, true) THEN NULL ELSE failing_since END,"
                + " enabled = :enabled, disabled_reason = :disabledReason, updated_at = :updatedAt"
                + " WHERE id = :id")
        int update(@Bind("id") WebhookId id, @Bind("name") String name, @Bind("url") String url,
                   @Bind("secret") String secret, @Bind("previousSecret") String previousSecret,
                   @Bind("previousSecretExpiresAt") Instant previousSecretExpiresAt,
                   @Bind("enabled") boolean enabled, @Bind("disabledReason") String disabledReason,
                   @Bind("updatedAt") Instant updatedAt);

        @SqlUpdate("DELETE FROM webhooks WHERE id = :id AND site_id = :siteId")
        int delete(@Bind("siteId") SiteId siteId, @Bind("id") WebhookId id);
    }

    public static final class WebhookMapper implements RowMapper<Webhook> {
        @Override
        public Webhook map(ResultSet rs, StatementContext ctx) throws SQLException {
            String previousSecret = rs.getString("previous_secret");
            return new Webhook(
                    new WebhookId(rs.getObject("id", UUID.class)),
                    new SiteId(rs.getObject("site_id", UUID.class)),
                    new Name(rs.getString("name")),
                    new WebhookUrl(rs.getString("url")),
                    new Secret(rs.getString("secret")),
                    previousSecret == null ? null : new Secret(previousSecret),
                    JdbiConfigurer.toInstant(rs.getObject("previous_secret_expires_at", LocalDateTime.class)),
                    rs.getBoolean("enabled"),
                    rs.getString("disabled_reason"),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)),
                    JdbiConfigurer.toInstant(rs.getObject("updated_at", LocalDateTime.class)));
        }
    }
}
