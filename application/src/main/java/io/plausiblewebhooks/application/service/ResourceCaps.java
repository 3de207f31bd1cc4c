package io.plausiblewebhooks.application.service;

/** How many webhooks one site and how many triggers one webhook may have; beyond that, creating answers 422. */
public record ResourceCaps(int webhooksPerSite, int triggersPerWebhook) {
    public static final ResourceCaps DEFAULT = new ResourceCaps(100, 50);

    public ResourceCaps {
        if (webhooksPerSite < 1 || triggersPerWebhook < 1) {
            throw new IllegalArgumentException("caps must be at least 1");
        }
    }
}
