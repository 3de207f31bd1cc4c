package io.plausiblewebhooks.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A webhook endpoint of a site. State changes return a new value. During a secret rotation the
 * previous secret stays valid until {@code previousSecretExpiresAt}, and requests carry both
 * signatures.
 */
public record Webhook(
        WebhookId id,
        SiteId siteId,
        Name name,
        WebhookUrl url,
        Secret secret,
        Secret previousSecret,
        Instant previousSecretExpiresAt,
        boolean enabled,
        String disabledReason,
        Instant insertedAt,
        Instant updatedAt) {

    /** How long a rotated-out secret keeps signing. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(insertedAt, "insertedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((previousSecret == null) != (previousSecretExpiresAt == null)) {
            throw new IllegalArgumentException("a previous secret needs its expiry and vice versa");
        }
        if (enabled) {
            disabledReason = null;
        }
    }

    public static Webhook create(SiteId siteId, Name name, WebhookUrl url, Secret secret, boolean enabled, Instant now) {
        return new Webhook(WebhookId.random(), siteId, name, url, secret, null, null, enabled,
                enabled ? null : "disabled by user", now, now);
    }

    public Webhook rename(Name newName, Instant now) {
        return new Webhook(id, siteId, newName, url, secret, previousSecret, previousSecretExpiresAt,
                enabled, disabledReason, insertedAt, now);
    }

    public Webhook pointTo(WebhookUrl newUrl, Instant now) {
        return new Webhook(id, siteId, name, newUrl, secret, previousSecret, previousSecretExpiresAt,
                enabled, disabledReason, insertedAt, now);
    }

    public Webhook enable(Instant now) {
        return new Webhook(id, siteId, name, url, secret, previousSecret, previousSecretExpiresAt,
                true, null, insertedAt, now);
    }

    public Webhook disable(String reason, Instant now) {
        return new Webhook(id, siteId, name, url, secret, previousSecret, previousSecretExpiresAt,
                false, Objects.requireNonNull(reason, "reason"), insertedAt, now);
    }

    /** The new secret signs from now on; the current one keeps signing for {@link #ROTATION_OVERLAP}. */
    public Webhook rotateSecret(Secret newSecret, Instant now) {
        return new Webhook(id, siteId, name, url, newSecret, secret, now.plus(ROTATION_OVERLAP),
                enabled, disabledReason, insertedAt, now);
    }

    /** The secrets to sign with at {@code now}: the current one first. */
    public List<Secret> signingSecrets(Instant now) {
        List<Secret> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
