package io.plausiblewebhooks.app.trigger;

import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.application.port.out.JobLock;
import io.plausiblewebhooks.application.service.events.EventIngestionService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the batched event writer and stops it with a final flush on a clean shutdown; prunes events
 * older than {@code retention.events} every few minutes, on one instance at a time (job lock
 * "event-retention").
 */
public final class EventWriterLifecycle implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EventWriterLifecycle.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final EventIngestionService ingestion;
    private final Duration retention;
    private final JobLock lock;
    private ScheduledExecutorService pruner;

    public EventWriterLifecycle(EventIngestionService ingestion, Duration retention, JobLock lock) {
        this.ingestion = ingestion;
        this.retention = retention;
        this.lock = lock;
    }

    @Override
    public synchronized void start() {
        ingestion.start();
        pruner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-pruner");
            thread.setDaemon(true);
            return thread;
        });
        pruner.scheduleWithFixedDelay(this::prune, 1, PRUNE_EVERY.toMinutes() * 60, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (pruner != null) {
            pruner.shutdownNow();
            pruner = null;
        }
        ingestion.stop();
        LOG.info("Event writer stopped: {} events written, {} dropped", ingestion.writtenCount(), ingestion.droppedCount());
    }

    private void prune() {
        try {
            lock.runExclusively("event-retention", () -> {
                int deleted = ingestion.pruneOlderThan(retention);
                if (deleted > 0) {
                    LOG.info("Pruned {} events older than {}", deleted, retention);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Pruning events failed; trying again later", e);
        }
    }
}
