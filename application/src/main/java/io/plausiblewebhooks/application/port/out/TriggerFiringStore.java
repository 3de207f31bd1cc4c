package io.plausiblewebhooks.application.port.out;

import io.plausiblewebhooks.domain.Goal;
import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import io.plausiblewebhooks.domain.TriggerId;
import io.plausiblewebhooks.domain.WebhookTrigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the trigger check reads and writes: the triggers to check, and firings with their messages. */
public interface TriggerFiringStore {

    /** Every enabled trigger of an enabled webhook, with its site and goal, in one read. */
    List<ActiveTrigger> loadActive();

    /**
     * For each firing, atomically: records it on the trigger (last fired at, watermark) and enqueues its
     * message as pending, due now. A firing is dropped — nothing recorded, nothing enqueued — when the
     * trigger's firing state is no longer the one it was evaluated on (another checker fired it first),
     * or the trigger is gone. All firings are written in one transaction.
     *
     * @return the triggers whose firing was recorded
     */
    Set<TriggerId> recordFirings(List<PendingFiring> firings);

    /** @param goal null when the trigger has no goal (or its goal was deleted) */
    record ActiveTrigger(WebhookTrigger trigger, SiteId siteId, SiteDomain siteDomain, Goal goal) {
        public ActiveTrigger {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(siteDomain, "siteDomain");
        }
    }

    /**
     * @param evaluated the trigger as it was when evaluated: its {@code lastFiredAt} and
     *        {@code watermark} are the expected current state
     * @param payload the message body, as JSON-like ordered maps
     */
    record PendingFiring(WebhookTrigger evaluated, Instant firedAt, Long newWatermark, MessageId messageId,
                         String eventType, Map<String, Object> payload) {
        public PendingFiring {
            Objects.requireNonNull(evaluated, "evaluated");
            Objects.requireNonNull(firedAt, "firedAt");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
