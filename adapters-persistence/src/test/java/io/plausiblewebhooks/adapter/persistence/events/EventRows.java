package io.plausiblewebhooks.adapter.persistence.events;

import io.plausiblewebhooks.application.port.out.EventStore.NewEvent;
import io.plausiblewebhooks.domain.SiteId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Test data for the events and trigger tables, written with plain SQL. */
public final class EventRows {
    private EventRows() {
    }

    public static NewEvent pageview(SiteId site, Instant at, long visitor, String path, String source) {
        return new NewEvent(site, at, "pageview", path, source, visitor, Map.of(), null, null);
    }

    public static NewEvent event(SiteId site, Instant at, long visitor, String name) {
        return new NewEvent(site, at, name, "/", null, visitor, Map.of(), null, null);
    }

    /** An account and a site; returns the site id. */
    public static SiteId site(Jdbi jdbi, String domain) {
        UUID account = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO accounts (id, name) VALUES (?, ?)", account, "account " + domain);
            h.execute("INSERT INTO sites (id, account_id, domain) VALUES (?, ?, ?)", site, account, domain);
        });
        return new SiteId(site);
    }

    public static UUID webhook(Jdbi jdbi, SiteId site, boolean enabled) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("INSERT INTO webhooks (id, site_id, name, url, secret, enabled) VALUES (?, ?, ?, ?, ?, ?)",
                id, site.value(), "hook", "https://hooks.example.com/" + id, "secret-0123456789abcdef", enabled));
        return id;
    }

    public static UUID goal(Jdbi jdbi, SiteId site, String eventName, String pagePath) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.execute("INSERT INTO goals (id, site_id, event_name, page_path, display_name) VALUES (?, ?, ?, ?, ?)",
                id, site.value(), eventName, pagePath, eventName != null ? eventName : "Visit " + pagePath));
        return id;
    }

    public static UUID trigger(Jdbi jdbi, UUID webhook, String type, Integer threshold, UUID goal, boolean enabled,
                               String paramsJson, Instant insertedAt) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO webhook_triggers (id, webhook_id, trigger_type, threshold, goal_id,"
                        + " enabled, params, inserted_at) VALUES (:id, :webhook, :type, :threshold, :goal, :enabled,"
                        + " CAST(:params AS jsonb), :insertedAt)")
                .bind("id", id).bind("webhook", webhook).bind("type", type).bind("threshold", threshold)
                .bind("goal", goal).bind("enabled", enabled).bind("params", paramsJson)
                .bind("insertedAt", SqlArrays.utc(insertedAt))
                .execute());
        return id;
    }
}
