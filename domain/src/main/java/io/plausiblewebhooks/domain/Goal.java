package io.plausiblewebhooks.domain;

import java.util.Objects;

/**
 * A conversion goal of a site, as in Plausible: either a custom event name or a page path (which
 * may contain {@code *} wildcards). Exactly one of the two is set.
 */
public record Goal(GoalId id, SiteId siteId, String eventName, String pagePath, String displayName) {
    public static final int MAX_EVENT_NAME = 120;
    public static final int MAX_PAGE_PATH = 2000;

    public Goal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Validation v = new Validation();
        boolean hasEvent = eventName != null;
        boolean hasPage = pagePath != null;
        if (hasEvent == hasPage) {
            String message = "exactly one of event_name and page_path is required";
            v.reject(hasEvent ? "page_path" : "event_name", message);
        }
        if (hasEvent && (eventName.isBlank() || eventName.length() > MAX_EVENT_NAME || Text.hasControlCharacter(eventName))) {
            v.reject("event_name", "must be 1–" + MAX_EVENT_NAME + " characters without control characters");
        }
        if (hasPage && (!pagePath.startsWith("/") || pagePath.length() > MAX_PAGE_PATH || Text.hasControlCharacter(pagePath))) {
            v.reject("page_path", "must start with / and be at most " + MAX_PAGE_PATH + " characters");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = hasEvent ? eventName : "Visit " + pagePath;
            // A default must never make a valid goal invalid: long paths are shortened for display.
            if (displayName.length() > Name.MAX_LENGTH) {
                displayName = displayName.substring(0, Name.MAX_LENGTH - 1) + "…";
            }
        }
        if (displayName.length() > Name.MAX_LENGTH || Text.hasControlCharacter(displayName)) {
            v.reject("display_name", "must be at most " + Name.MAX_LENGTH + " characters without control characters");
        }
        v.throwIfInvalid();
    }

    /** Plausible's matching: a custom event by name, or a pageview whose path matches the pattern. */
    public boolean matches(String eventName, String path) {
        if (this.eventName != null) {
            return this.eventName.equals(eventName);
        }
        return "pageview".equals(eventName) && path != null && PathPattern.matches(pagePath, path);
    }
}
