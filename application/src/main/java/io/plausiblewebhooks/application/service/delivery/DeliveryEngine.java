package io.plausiblewebhooks.application.service.delivery;

import io.plausiblewebhooks.application.port.out.AttemptRecord;
import io.plausiblewebhooks.application.port.out.ClaimedMessage;
import io.plausiblewebhooks.application.port.out.DeliveryMetrics;
import io.plausiblewebhooks.application.port.out.DisabledWebhooks;
import io.plausiblewebhooks.application.port.out.MessageQueue;
import io.plausiblewebhooks.application.port.out.OutgoingWebhook;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.application.port.out.WebhookSender;
import io.plausiblewebhooks.domain.MessageId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the queue: {@code workers} threads claim due messages in batches under a lease and
 * hand them to the asynchronous sender; one writer thread stores the attempts in batches.
 *
 * <p>Flow control: at most {@code maxOutstanding} messages are held (claimed and not yet
 * recorded) by this instance, and at most {@code maxInFlightPerWebhook} requests per webhook are
 * in flight; a webhook at its cap is left out of the next claims, so a dead endpoint ties up only
 * its own slots — one slot, once it has stopped answering (see {@link PerWebhookLimiter}). A full batch re-polls at once; a partial one after a short pause; an empty one
 * backs off up to {@code pollInterval}.
 *
 * <p>Crash safety: a message leaves the queue only when its attempt is recorded. If the process
 * dies, its leases expire and another worker takes the messages over (at least once, same id).
 */
public final class DeliveryEngine {
    private static final Logger LOG = System.getLogger(DeliveryEngine.class.getName());
    private static final Duration MIN_PAUSE = Duration.ofMillis(10);
    private static final int WRITE_BATCH = 1000;

    private final MessageQueue queue;
    private final WebhookSender sender;
    private final AttemptJudge judge;
    private final Clock clock;
    private final Settings settings;
    private final PerWebhookLimiter limiter;
    private final DeliveryMetrics metrics;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Set<MessageId> claimedNotSent = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<AttemptRecord> toRecord = new LinkedBlockingQueue<>();
    /** Claimed messages handed back unsent (their endpoint stopped answering); the writer releases them. */
    private final ConcurrentLinkedQueue<MessageId> toRelease = new ConcurrentLinkedQueue<>();
    private final Object wakeUp = new Object();
    private boolean wakeRequested; // guarded by wakeUp: a wake-up that came while no worker was waiting
    private final List<Thread> threads = new CopyOnWriteArrayList<>(); // read by the health check
    private volatile boolean claiming;
    private volatile boolean writing;

    /**
     * @param owner this instance's name on its leases; unique per running instance
     * @param shutdownGrace how long {@link #stop()} waits for requests in flight
     */
    public record Settings(String owner, int workers, int batchSize, Duration lease, Duration pollInterval,
                           int maxInFlightPerWebhook, int maxOutstanding, Duration shutdownGrace) {
        public Settings {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (workers < 1 || batchSize < 1 || maxInFlightPerWebhook < 1 || maxOutstanding < batchSize) {
                throw new IllegalArgumentException("workers, batch size and caps must be positive; maxOutstanding >= batchSize");
            }
        }
    }

    public DeliveryEngine(MessageQueue queue, WebhookSender sender, AttemptJudge judge, Clock clock, Settings settings) {
        this(queue, sender, judge, clock, settings, DeliveryMetrics.NONE);
    }

    public DeliveryEngine(MessageQueue queue, WebhookSender sender, AttemptJudge judge, Clock clock, Settings settings,
                          DeliveryMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = new PerWebhookLimiter(settings.maxInFlightPerWebhook());
    }

    public synchronized void start() {
        if (claiming) {
            return;
        }
        claiming = true;
        writing = true;
        Thread writer = new Thread(this::writeLoop, "delivery-writer");
        writer.start();
        threads.add(writer);
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(this::claimLoop, "delivery-worker-" + i);
            worker.start();
            threads.add(worker);
        }
    }

    /** Stops claiming, lets requests in flight finish (up to the grace period), records them, releases the rest. */
    public synchronized void stop() throws InterruptedException {
        if (!claiming) {
            return;
        }
        claiming = false;
        wake();
        for (Thread thread : threads) {
            if (thread.getName().startsWith("delivery-worker")) {
                thread.join();
            }
        }
        // Messages still waiting for a slot were never sent: give them back at once.
        limiter.drainWaiting();
        List<MessageId> unsent = new ArrayList<>(claimedNotSent);
        claimedNotSent.removeAll(unsent);
        if (!unsent.isEmpty()) {
            queue.release(settings.owner(), unsent);
            outstanding.addAndGet(-unsent.size());
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        writing = false;
        for (Thread thread : threads) {
            thread.join();
        }
        threads.clear();
    }

    /**
     * Asks idle workers to poll now (something was just enqueued). A wake-up that arrives while every
     * worker is busy claiming is kept, so the next pause ends at once instead of missing it.
     */
    public void wake() {
        synchronized (wakeUp) {
            wakeRequested = true;
            wakeUp.notifyAll();
        }
    }

    /** Whether the engine was started, not stopped, and none of its threads has died. */
    public boolean workersAlive() {
        List<Thread> running = List.copyOf(threads);
        return claiming && !running.isEmpty() && running.stream().allMatch(Thread::isAlive);
    }

    /** Messages claimed by this instance and not yet recorded. */
    public int outstanding() {
        return outstanding.get();
    }

    private void claimLoop() {
        Duration idlePause = MIN_PAUSE;
        while (claiming) {
            try {
                int room = settings.maxOutstanding() - outstanding.get();
                if (room < Math.max(1, settings.batchSize() / 4)) {
                    pause(MIN_PAUSE);
                    continue;
                }
                int limit = Math.min(settings.batchSize(), room);
                outstanding.addAndGet(limit); // reserve before claiming, so that workers do not overshoot together
                List<ClaimedMessage> claimed;
                try {
                    claimed = queue.claim(settings.owner(), limit, clock.instant(), settings.lease(), limiter.saturated());
                } finally {
                    outstanding.addAndGet(-limit);
                }
                outstanding.addAndGet(claimed.size());
                claimed.forEach(this::dispatch);
                if (claimed.size() == limit) {
                    idlePause = MIN_PAUSE;
                    continue;
                }
                if (claimed.isEmpty()) {
                    pause(idlePause);
                    idlePause = min(idlePause.multipliedBy(2), settings.pollInterval());
                } else {
                    idlePause = MIN_PAUSE;
                    pause(MIN_PAUSE);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "claiming webhook messages failed; retrying", e);
                pause(settings.pollInterval());
            }
        }
    }

    private void dispatch(ClaimedMessage message) {
        if (!message.webhookEnabled()) {
            toRecord.add(judge.notSent(message, clock.instant()));
            return;
        }
        claimedNotSent.add(message.id());
        limiter.submit(message.webhookId(), message.id(), () -> {
            if (!claimedNotSent.remove(message.id())) {
                handBack(limiter.release(message.webhookId(), true)); // given back at shutdown
                return;
            }
            sender.send(new OutgoingWebhook(message.url(), message.id(), message.payload(), message.secrets(), clock.instant()))
                    .whenComplete((result, error) -> {
                        SendResult outcome = result != null ? result
                                : SendResult.failure("internal error: " + error.getClass().getSimpleName(), 0);
                        try {
                            toRecord.add(judge.judge(message, outcome, clock.instant(), true));
                        } finally {
                            handBack(limiter.release(message.webhookId(), outcome.statusCode() != null));
                        }
                    });
        });
    }

    /** Messages that waited for a webhook that stopped answering go back to the queue, unsent (writer thread). */
    private void handBack(List<MessageId> messages) {
        for (MessageId id : messages) {
            if (claimedNotSent.remove(id)) {
                toRelease.add(id);
            }
        }
    }

    private void writeLoop() {
        List<AttemptRecord> batch = new ArrayList<>(WRITE_BATCH);
        while (writing || !toRecord.isEmpty() || !toRelease.isEmpty()) {
            try {
                releaseHandedBack();
                AttemptRecord first = toRecord.poll(20, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                toRecord.drainTo(batch, WRITE_BATCH - 1);
                DisabledWebhooks disabled = writeWithRetries(batch);
                if (disabled != null) {
                    report(batch, disabled);
                }
                outstanding.addAndGet(-batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void releaseHandedBack() {
        List<MessageId> ids = new ArrayList<>();
        for (MessageId id; (id = toRelease.poll()) != null; ) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            queue.release(settings.owner(), ids);
        } catch (RuntimeException e) {
            // Their leases expire and they fall due again by themselves.
            LOG.log(Level.WARNING, "could not release " + ids.size() + " unsent messages; their leases will expire", e);
        } finally {
            outstanding.addAndGet(-ids.size());
        }
    }

    /** Counts stored attempts by outcome: delivered, to be retried, or given up for good. */
    private void report(List<AttemptRecord> batch, DisabledWebhooks disabled) {
        for (AttemptRecord record : batch) {
            DeliveryMetrics.Outcome outcome = switch (record.state()) {
                case DELIVERED -> DeliveryMetrics.Outcome.SUCCESS;
                case PENDING -> DeliveryMetrics.Outcome.FAILURE;
                case FAILED -> DeliveryMetrics.Outcome.GAVE_UP;
            };
            Long millis = record.delivery() == null ? null : record.delivery().durationMs();
            metrics.attemptRecorded(outcome, millis == null ? Duration.ZERO : Duration.ofMillis(millis));
        }
        // Counted as the database reports them: a webhook already disabled is not counted again.
        metrics.webhooksDisabled(DeliveryMetrics.DisableReason.GONE, disabled.gone());
        metrics.webhooksDisabled(DeliveryMetrics.DisableReason.FAILING, disabled.failing());
    }

    /** @return what the write disabled, or null when it could not be stored */
    private DisabledWebhooks writeWithRetries(List<AttemptRecord> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                Instant now = clock.instant();
                return queue.record(batch, now.minus(AttemptJudge.DISABLE_AFTER_FAILING_FOR));
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    // The leases expire and the messages are sent again: at least once, never lost.
                    LOG.log(Level.ERROR, "could not record " + batch.size() + " delivery attempts; they will be retried", e);
                    return null;
                }
                LOG.log(Level.WARNING, "recording delivery attempts failed; retrying", e);
                Thread.sleep(100L * attempt);
            }
        }
    }

    private void pause(Duration duration) {
        synchronized (wakeUp) {
            if (!claiming) {
                return;
            }
            if (wakeRequested) {
                wakeRequested = false;
                return;
            }
            try {
                wakeUp.wait(Math.max(1, duration.toMillis()));
                wakeRequested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                claiming = false;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
