package io.plausiblewebhooks.adapter.rest;

import io.plausiblewebhooks.domain.ApiKeyId;
import io.plausiblewebhooks.domain.GoalId;
import io.plausiblewebhooks.domain.NotFoundException;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.function.Function;

/** Ids from the path: text that is not a UUID names no resource, so it answers 404 like a missing one. */
public final class PathIds {
    private PathIds() {
    }

    public static SiteId site(String text) {
        return parse(text, SiteId::parse, "site");
    }

    public static GoalId goal(String text) {
        return parse(text, GoalId::parse, "goal");
    }

    public static WebhookId webhook(String text) {
        return parse(text, WebhookId::parse, "webhook");
    }

    public static TriggerId trigger(String text) {
        return parse(text, TriggerId::parse, "trigger");
    }

    public static ApiKeyId apiKey(String text) {
        return parse(text, ApiKeyId::parse, "api key");
    }

    public static <T> T parse(String text, Function<String, T> parser, String what) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException notUuid) {
            throw new NotFoundException(what);
        }
    }
}
