package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.domain.MessageId;
import io.plausiblewebhooks.domain.WebhookId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Caps the requests in flight per webhook, so that one slow or dead endpoint holds only its own
 * slots. Work beyond the cap waits in the webhook's own line; a webhook whose slots are all taken
 * is reported as saturated, and the worker then claims none of its messages.
 *
 * <p>The cap adapts: a webhook gets one request at a time until an attempt is answered (any
 * status), then up to {@code maxInFlight}. After an attempt that got no answer at all (timeout,
 * refused or failed connection) it is back to one, and the work waiting in its line is handed back.
 * A dead endpoint then ties up one slot, one connection attempt and one TLS handshake at a time
 * instead of {@code maxInFlight}; a live one pays one round trip before its line opens up.
 */
final class PerWebhookLimiter {
    private final int maxInFlight;
    private final Map<WebhookId, Line> lines = new HashMap<>();

    PerWebhookLimiter(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
        this.maxInFlight = maxInFlight;
    }

    private static final class Line {
        int inFlight;
        int cap;
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

        Line(int cap) {
            this.cap = cap;
        }
    }

    private record Waiting(MessageId message, Runnable work) {
    }

    /** Runs the work now if the webhook has a free slot, else when one frees up. */
    void submit(WebhookId webhook, MessageId message, Runnable work) {
        boolean runNow;
        synchronized (this) {
            Line line = lines.computeIfAbsent(webhook, w -> new Line(1)); // not known to answer yet
            runNow = line.inFlight < line.cap;
            if (runNow) {
                line.inFlight++;
            } else {
                line.waiting.add(new Waiting(message, work));
            }
        }
        if (runNow) {
            work.run();
        }
    }

    /**
     * Frees the slot of a finished request and starts waiting work of the same webhook as far as its
     * cap allows.
     *
     * @param answered whether the attempt got an HTTP response (any status)
     * @return the messages taken out of the line because the endpoint did not answer: never started,
     *     the caller gives them back to the queue
     */
    List<MessageId> release(WebhookId webhook, boolean answered) {
        List<Runnable> start = new ArrayList<>();
        List<MessageId> handedBack = new ArrayList<>();
        synchronized (this) {
            Line line = lines.get(webhook);
            if (line == null) {
                return handedBack;
            }
            line.inFlight--;
            line.cap = answered ? maxInFlight : 1;
            if (!answered) {
                line.waiting.forEach(w -> handedBack.add(w.message()));
                line.waiting.clear();
            }
            while (line.inFlight < line.cap && !line.waiting.isEmpty()) {
                line.inFlight++;
                start.add(line.waiting.poll().work());
            }
            // An idle line is forgotten only at the full cap: a suspect endpoint stays at one request.
            // (A forgotten one starts again at one: the first request of a burst probes.)
            if (line.inFlight == 0 && line.cap == maxInFlight) {
                lines.remove(webhook);
            }
        }
        start.forEach(Runnable::run);
        return handedBack;
    }

    /** Webhooks with every slot taken. */
    synchronized Set<WebhookId> saturated() {
        Set<WebhookId> full = new HashSet<>();
        lines.forEach((webhook, line) -> {
            if (line.inFlight >= line.cap) {
                full.add(webhook);
            }
        });
        return full;
    }

    /** Removes the work still waiting (at shutdown); returns how much there was. */
    synchronized int drainWaiting() {
        int drained = 0;
        for (Line line : lines.values()) {
            drained += line.waiting.size();
            line.waiting.clear();
        }
        return drained;
    }

    synchronized int inFlight() {
        return lines.values().stream().mapToInt(line -> line.inFlight).sum();
    }

    /** The webhook's current cap: {@code maxInFlight} once answered, 1 before or while its endpoint does not answer. */
    synchronized int cap(WebhookId webhook) {
        Line line = lines.get(webhook);
        return line == null ? 1 : line.cap;
    }
}
