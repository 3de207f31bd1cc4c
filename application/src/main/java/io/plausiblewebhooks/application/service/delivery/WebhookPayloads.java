package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.Webhook;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Webhook bodies as ordered maps, in the field order of the public contract: id, type, timestamp, data. */
public final class WebhookPayloads {
    public static final String TEST_EVENT = "webhook.test";

    private WebhookPayloads() {
    }

    public static Map<String, Object> envelope(MessageId id, String type, Instant timestamp, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.external());
        body.put("type", type);
        body.put("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("data", data);
        return body;
    }

    /** {@code webhook.test}: the site and the webhook. */
    public static Map<String, Object> testEvent(MessageId id, Site site, Webhook webhook, Instant now) {
        Map<String, Object> siteData = new LinkedHashMap<>();
        siteData.put("id", site.id().toString());
        siteData.put("domain", site.domain().toString());
        Map<String, Object> webhookData = new LinkedHashMap<>();
        webhookData.put("id", webhook.id().toString());
        webhookData.put("name", webhook.name().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("site", siteData);
        data.put("webhook", webhookData);
        return envelope(id, TEST_EVENT, now, data);
    }
}
