package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.domain.WebhookId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Caps the requests in flight per webhook, so that one slow or dead endpoint holds only its own
 * slots. Work beyond the cap waits in the webhook's own line; a webhook whose slots are all taken
 * is reported as saturated, and the worker then claims none of its messages.
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
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }

    /** Runs the work now if the webhook has a free slot, else when one frees up. */
    void submit(WebhookId webhook, Runnable work) {
        boolean runNow;
        synchronized (this) {
            Line line = lines.computeIfAbsent(webhook, w -> new Line());
            runNow = line.inFlight < maxInFlight;
            if (runNow) {
                line.inFlight++;
            } else {
                line.waiting.add(work);
            }
        }
        if (runNow) {
            work.run();
        }
    }

    /** Frees the slot of a finished request; starts the next waiting one of the same webhook. */
    void release(WebhookId webhook) {
        Runnable next;
        synchronized (this) {
            Line line = lines.get(webhook);
            if (line == null) {
                return;
            }
            next = line.waiting.poll();
            if (next == null) {
                line.inFlight--;
                if (line.inFlight == 0) {
                    lines.remove(webhook);
                }
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Webhooks with every slot taken. */
    synchronized Set<WebhookId> saturated() {
        Set<WebhookId> full = new java.util.HashSet<>();
        lines.forEach((webhook, line) -> {
            if (line.inFlight >= maxInFlight) {
                full.add(webhook);
            }
        });
        return full;
    }

    /** Removes and returns the work still waiting (at shutdown). */
    synchronized List<Runnable> drainWaiting() {
        List<Runnable> drained = new java.util.ArrayList<>();
        lines.values().forEach(line -> {
            drained.addAll(line.waiting);
            line.waiting.clear();
        });
        return drained;
    }

    synchronized int inFlight() {
        return lines.values().stream().mapToInt(line -> line.inFlight).sum();
    }
}
