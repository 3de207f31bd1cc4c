package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.util.List;
import java.util.Optional;

public interface TriggerRepository {
    void insert(WebhookTrigger trigger);

    List<WebhookTrigger> listByWebhook(WebhookId webhook);

    Optional<WebhookTrigger> find(WebhookId webhook, TriggerId id);

    /** Stores threshold, enabled and params (not the firing state, which the trigger engine owns). */
    boolean update(WebhookTrigger trigger);

    boolean delete(WebhookId webhook, TriggerId id);
}
