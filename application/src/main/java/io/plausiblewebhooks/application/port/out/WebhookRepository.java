package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.Webhook;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.List;
import java.util.Optional;

public interface WebhookRepository {
    void insert(Webhook webhook);

    List<Webhook> listBySite(SiteId site);

    Optional<Webhook> find(SiteId site, WebhookId id);

    /** Finds by id alone, for the delivery engine. */
    Optional<Webhook> findById(WebhookId id);

    /** Stores every field of the webhook; false when it no longer exists. */
    boolean update(Webhook webhook);

    boolean delete(SiteId site, WebhookId id);
}
