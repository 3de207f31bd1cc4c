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

/**
 * Webhooks in PostgreSQL. Secrets are sealed with {@link SecretBox} on the way in and opened on the
 * way out, bound to the webhook's id and column, so the table never holds one in plaintext.
 */
public final class JdbiWebhookRepository implements WebhookRepository {
    private static final String COLUMNS = "id, site_id, name, url, secret, previous_secret, previous_secret_expires_at,"
            + " coalesce(enabled, true) AS enabled, disabled_reason, inserted_at, updated_at";

    private final Dao dao;
    private final SecretBox box;

    public JdbiWebhookRepository(Jdbi jdbi, SecretBox box) {
        this.dao = jdbi.onDemand(Dao.class);
        this.box = box;
    }

    /** With {@link SecretBox#ephemeral()}, one random key per process: for tests that do not restart. */
    public JdbiWebhookRepository(Jdbi jdbi) {
        this(jdbi, SecretBox.ephemeral());
    }

    @Override
    public void insert(Webhook w) {
        dao.insert(w.id(), w.siteId(), w.name().value(), w.url().value(), sealSecret(w),
                sealPreviousSecret(w), w.previousSecretExpiresAt(), w.enabled(), w.disabledReason(),
                w.insertedAt(), w.updatedAt());
    }

    @Override
    public List<Webhook> listBySite(SiteId site) {
        return dao.listBySite(site).stream().map(this::open).toList();
    }

    @Override
    public Optional<Webhook> find(SiteId site, WebhookId id) {
        return dao.find(site, id).map(this::open);
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
        return dao.findById(id).map(this::open);
    }

    @Override
    public boolean update(Webhook w) {
        return dao.update(w.id(), w.name().value(), w.url().value(), sealSecret(w),
                sealPreviousSecret(w), w.previousSecretExpiresAt(), w.enabled(), w.disabledReason(), w.updatedAt()) > 0;
    }

    @Override
    public boolean delete(SiteId site, WebhookId id) {
        return dao.delete(site, id) > 0;
    }

    /**
     * Seals every secret that is still plaintext or sealed with an old key under the current key;
     * answers how many rows changed. Run at start-up, so a key rotation completes by itself.
     */
    public int resealAll() {
        int changed = 0;
        for (StoredWebhook row : dao.listAll()) {
            boolean stale = box.needsResealing(row.secret()) || box.needsResealing(row.previousSecret());
            if (stale) {
                Webhook webhook = open(row);
                changed += dao.updateSecrets(webhook.id(), row.secret(), sealSecret(webhook),
                        sealPreviousSecret(webhook));
            }
        }
        return changed;
    }

    private String sealSecret(Webhook w) {
        return box.seal(w.secret().value(), context(w.id(), "secret"));
    }

    private String sealPreviousSecret(Webhook w) {
        return w.previousSecret() == null ? null
                : box.seal(w.previousSecret().value(), context(w.id(), "previous_secret"));
    }

    private Webhook open(StoredWebhook row) {
        WebhookId id = new WebhookId(row.id());
        return new Webhook(id, new SiteId(row.siteId()), new Name(row.name()), new WebhookUrl(row.url()),
                new Secret(box.open(row.secret(), context(id, "secret"))),
                row.previousSecret() == null ? null
                        : new Secret(box.open(row.previousSecret(), context(id, "previous_secret"))),
                row.previousSecretExpiresAt(), row.enabled(), row.disabledReason(), row.insertedAt(),
                row.updatedAt());
    }

    /** Associated data of a sealed secret: which webhook and column it belongs to. */
    public static String context(WebhookId id, String column) {
        return "webhooks." + column + ":" + id.value();
    }

    /** A row as stored: secrets still sealed. */
    record StoredWebhook(UUID id, UUID siteId, String name, String url, String secret, String previousSecret,
                         Instant previousSecretExpiresAt, boolean enabled, String disabledReason,
                         Instant insertedAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "StoredWebhook[id=" + id + "]";
        }
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
        List<StoredWebhook> listBySite(@Bind("siteId") SiteId siteId);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id AND site_id = :siteId")
        Optional<StoredWebhook> find(@Bind("siteId") SiteId siteId, @Bind("id") WebhookId id);

        @SqlQuery("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id")
        Optional<StoredWebhook> findById(@Bind("id") WebhookId id);

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

        @SqlQuery("SELECT " + COLUMNS + " FROM webhooks ORDER BY id")
        List<StoredWebhook> listAll();

        // Only if the row still holds what was read, so a concurrent rotation is never overwritten.
        @SqlUpdate("UPDATE webhooks SET secret = :secret, previous_secret = :previousSecret"
                + " WHERE id = :id AND secret = :readSecret")
        int updateSecrets(@Bind("id") WebhookId id, @Bind("readSecret") String readSecret,
                          @Bind("secret") String secret, @Bind("previousSecret") String previousSecret);

        @SqlUpdate("DELETE FROM webhooks WHERE id = :id AND site_id = :siteId")
        int delete(@Bind("siteId") SiteId siteId, @Bind("id") WebhookId id);
    }

    public static final class WebhookMapper implements RowMapper<StoredWebhook> {
        @Override
        public StoredWebhook map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StoredWebhook(
                    rs.getObject("id", UUID.class),
                    rs.getObject("site_id", UUID.class),
                    rs.getString("name"),
                    rs.getString("url"),
                    rs.getString("secret"),
                    rs.getString("previous_secret"),
                    JdbiConfigurer.toInstant(rs.getObject("previous_secret_expires_at", LocalDateTime.class)),
                    rs.getBoolean("enabled"),
                    rs.getString("disabled_reason"),
                    JdbiConfigurer.toInstant(rs.getObject("inserted_at", LocalDateTime.class)),
                    JdbiConfigurer.toInstant(rs.getObject("updated_at", LocalDateTime.class)));
        }
    }
}
