package io.plausiblewebhooks.app.trigger;

import io.dropwizard.lifecycle.Managed;
import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase;
import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase.CheckReport;
import io.plausiblewebhooks.application.port.out.JobLock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code CheckWebhookTriggers} every {@code triggers.checkInterval}, one check at a time (the next
 * starts one interval after the previous ended). Several instances may share one database: a check
 * runs under the job lock "trigger-check", so only one instance checks at a time and the others skip
 * their turn; the guarded firing in the database stays as the second line of defence.
 */
public final class TriggerCheckWorker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerCheckWorker.class);

    static final String JOB = "trigger-check";

    private final CheckWebhookTriggersUseCase checkTriggers;
    private final Duration interval;
    private final JobLock lock;
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public TriggerCheckWorker(CheckWebhookTriggersUseCase checkTriggers, Duration interval, JobLock lock) {
        this.checkTriggers = checkTriggers;
        this.interval = interval;
        this.lock = lock;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trigger-check");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Checking webhook triggers every {}", interval);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdown();
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
            scheduler = null;
        }
    }

    /** How many checks have completed, for tests and health. */
    public long completedChecks() {
        return checks.get();
    }

    /** How many turns were skipped because another instance was checking. */
    public long skippedChecks() {
        return skipped.get();
    }

    void checkOnce() {
        try {
            if (!lock.runExclusively(JOB, this::check)) {
                skipped.incrementAndGet();
                LOG.debug("Trigger check skipped: another instance is checking");
            }
        } catch (RuntimeException e) {
            // The next check runs anyway; a database outage must not stop the schedule.
            LOG.error("Trigger check failed", e);
        } finally {
            checks.incrementAndGet();
        }
    }

    private void check() {
        long started = System.nanoTime();
        CheckReport report = checkTriggers.checkTriggers();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (report.fired() > 0 || report.lost() > 0 || report.failedTypes() > 0) {
            LOG.info("Trigger check: {} active, {} evaluated, {} fired, {} already fired elsewhere, {} failed types in {} ms",
                    report.active(), report.evaluated(), report.fired(), report.lost(), report.failedTypes(), millis);
        } else {
            LOG.debug("Trigger check: {} active, {} evaluated, nothing fired, {} ms", report.active(), report.evaluated(), millis);
        }
    }
}
