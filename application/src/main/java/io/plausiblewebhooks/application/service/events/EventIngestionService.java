package io.plausiblewebhooks.application.service.events;

import io.plausiblewebhooks.application.port.in.RecordEventCommand;
import io.plausiblewebhooks.application.port.in.RecordEventUseCase;
import io.plausiblewebhooks.application.port.out.EventStore;
import io.plausiblewebhooks.application.port.out.IngestMetrics;
import io.plausiblewebhooks.application.port.out.EventStore.NewEvent;
import io.plausiblewebhooks.application.port.out.SiteRepository;
import io.plausiblewebhooks.application.port.out.VisitorSaltStore;
import io.plausiblewebhooks.domain.Site;
import io.plausiblewebhooks.domain.SiteDomain;
import io.plausiblewebhooks.domain.SiteId;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Takes events in and writes them in batches: a request only hashes the visitor and puts the event on a
 * bounded in-memory queue; one writer thread flushes the queue when {@code batchSize} events are waiting
 * or {@code maxDelay} after the oldest arrived, in one round trip. {@link #stop()} flushes what is left.
 * Domains are resolved through a short-lived cache, so a request does not query the database either.
 */
public final class EventIngestionService implements RecordEventUseCase {
    private static final System.Logger LOG = System.getLogger(EventIngestionService.class.getName());
    private static final Duration KNOWN_SITE_TTL = Duration.ofSeconds(60);
    private static final Duration UNKNOWN_SITE_TTL = Duration.ofSeconds(5);
    private static final int MAX_CACHED_DOMAINS = 100_000;
    private static final int WRITE_ATTEMPTS = 3;

    private final EventStore store;
    private final SiteRepository sites;
    private final VisitorSaltStore salts;
    private final Clock clock;
    private final int batchSize;
    private final Duration maxDelay;
    private final BlockingQueue<NewEvent> queue;
    private final ConcurrentHashMap<String, CachedSite> siteCache = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final IngestMetrics metrics;
    private volatile DailyKey dailyKey;
    private volatile boolean running;
    private Thread writer;

    private record CachedSite(Optional<SiteId> site, Instant expiresAt) {
    }

    private record DailyKey(LocalDate day, SecretKeySpec key) {
    }

    public EventIngestionService(EventStore store, SiteRepository sites, VisitorSaltStore salts, Clock clock,
                                 int batchSize, Duration maxDelay, int queueCapacity) {
        this(store, sites, salts, clock, batchSize, maxDelay, queueCapacity, IngestMetrics.NONE);
    }

    public EventIngestionService(EventStore store, SiteRepository sites, VisitorSaltStore salts, Clock clock,
                                 int batchSize, Duration maxDelay, int queueCapacity, IngestMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.sites = sites;
        this.salts = salts;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxDelay = maxDelay;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    @Override
    public int recordEvent(RecordEventCommand command) {
        Instant now = clock.instant();
        URI url = URI.create(command.url());
        String pathname = pathname(url);
        String source = Sources.of(url, command.referrer());
        int recorded = 0;
        for (String domain : command.siteDomains()) {
            Optional<SiteId> site = lookUp(domain, now);
            if (site.isEmpty()) {
                continue;
            }
            NewEvent event = new NewEvent(site.get(), now, command.name(), pathname,
                    source == null || source.equalsIgnoreCase(domain) ? null : source,
                    visitorId(now, domain, command.clientIp(), command.userAgent()),
                    command.props(), command.revenueAmount(), command.revenueCurrency());
            if (queue.offer(event)) {
                recorded++;
            } else if (dropped.incrementAndGet() % 1000 == 1) {
                // The writer cannot keep up (or the database is down): shed load rather than block requests.
                LOG.log(Level.WARNING, "Event buffer full; {0} events dropped so far", dropped.get());
            }
        }
        return recorded;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::writeLoop, "event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops taking new batches and writes everything still queued. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(Duration.ofSeconds(30).toMillis());
            writer = null;
        }
        flushRemaining();
    }

    /** Writes everything queued now, on the caller's thread (start-up, shutdown, tests). */
    public void flushRemaining() {
        List<NewEvent> batch = new ArrayList<>(batchSize);
        while (queue.drainTo(batch, batchSize) > 0) {
            write(batch);
            batch.clear();
        }
    }

    /** Deletes events older than the retention, in bounded batches; returns how many. */
    public int pruneOlderThan(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteOlderThan(cutoff, 10_000);
            total += deleted;
        } while (deleted == 10_000);
        salts.deleteBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1));
        return total;
    }

    public long writtenCount() {
        return written.get();
    }

    public long droppedCount() {
        return dropped.get();
    }

    public int queued() {
        return queue.size();
    }

    private void writeLoop() {
        List<NewEvent> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                NewEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxDelay.toNanos();
                while (batch.size() < batchSize && running) {
                    queue.drainTo(batch, batchSize - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= batchSize || left <= 0) {
                        break;
                    }
                    NewEvent next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Event writer failed", e);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<NewEvent> batch) {
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            try {
                store.append(batch);
                written.addAndGet(batch.size());
                metrics.eventsIngested(batch.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    dropped.addAndGet(batch.size());
                    LOG.log(Level.ERROR, "Could not write " + batch.size() + " events; they are dropped", e);
                } else {
                    LOG.log(Level.WARNING, "Writing {0} events failed (attempt {1}), retrying: {2}",
                            batch.size(), attempt, e.toString());
                    sleepQuietly(attempt * 200L);
                }
            }
        }
    }

    private Optional<SiteId> lookUp(String domain, Instant now) {
        CachedSite cached = siteCache.get(domain);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.site();
        }
        Optional<SiteId> site;
        try {
            site = sites.findByDomain(new SiteDomain(domain)).map(Site::id);
        } catch (RuntimeException e) {
            // An invalid domain cannot be a site; anything else is a real failure.
            if (e instanceof io.plausiblewebhooks.domain.ValidationException) {
                site = Optional.empty();
            } else {
                throw e;
            }
        }
        if (siteCache.size() >= MAX_CACHED_DOMAINS) {
            siteCache.clear();
        }
        siteCache.put(domain, new CachedSite(site, now.plus(site.isPresent() ? KNOWN_SITE_TTL : UNKNOWN_SITE_TTL)));
        return site;
    }

    /**
     * Plausible's visitor id: a keyed hash of the day's secret salt, the site, the IP address and the user
     * agent. Neither the address nor the user agent is stored, and ids change every day.
     */
    long visitorId(Instant now, String domain, String ip, String userAgent) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        DailyKey key = dailyKey;
        if (key == null || !key.day().equals(day)) {
            key = new DailyKey(day, new SecretKeySpec(salts.saltFor(day), "HmacSHA256"));
            dailyKey = key;
        }
        try {
            // One Mac per request thread: looking one up per request is a measurable share of the request.
            KeyedMac keyed = MACS.get();
            if (keyed.key != key.key()) {
                keyed.mac.init(key.key());
                keyed.key = key.key();
            }
            Mac mac = keyed.mac;
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(ip.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(mac.doFinal()).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static final ThreadLocal<KeyedMac> MACS = ThreadLocal.withInitial(KeyedMac::new);

    private static final class KeyedMac {
        final Mac mac;
        SecretKeySpec key;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        }
    }

    private static String pathname(URI url) {
        String path = url.getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > RecordEventCommand.MAX_URL ? path.substring(0, RecordEventCommand.MAX_URL) : path;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
