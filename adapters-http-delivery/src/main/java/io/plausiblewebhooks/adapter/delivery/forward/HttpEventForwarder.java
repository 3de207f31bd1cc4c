package io.plausiblewebhooks.adapter.delivery.forward;

import io.plausiblewebhooks.application.port.out.EventForwarder;
import io.plausiblewebhooks.application.port.out.ForwardMetrics;
import io.plausiblewebhooks.application.port.out.ForwardedEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards accepted events to an upstream Plausible ({@code ingest.forwardTo}) with the Apache
 * HttpClient 5 async client. {@link #forward} only offers the event to a bounded buffer, so ingestion
 * never waits on the upstream; when the buffer is full the event is dropped and counted. One dispatcher
 * thread sends buffered events with at most {@code maxInFlight} requests open; an event answered 5xx or
 * 429, or lost to a connection error or timeout, is retried with doubling delays (holding its slot, so a
 * down upstream fills the buffer instead of spinning) until {@code maxAttempts}.
 */
public final class HttpEventForwarder implements EventForwarder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEventForwarder.class);

    private final Settings settings;
    private final ForwardMetrics metrics;
    private final BlockingQueue<ForwardedEvent> buffer;
    private final Semaphore slots;
    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService retries;
    private final Thread dispatcher;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param upstream the upstream events endpoint, e.g. {@code https://plausible.io/api/event}
     * @param bufferCapacity events waiting to be sent; beyond it events are dropped
     * @param maxInFlight requests open at once, retries waiting included
     * @param maxAttempts attempts per event, the first included
     * @param firstRetryDelay the delay before the second attempt; it doubles up to {@code maxRetryDelay}
     */
    public record Settings(URI upstream, int bufferCapacity, int maxInFlight, int maxAttempts,
                           Duration firstRetryDelay, Duration maxRetryDelay,
                           Duration connectTimeout, Duration requestTimeout) {
        public Settings {
            Objects.requireNonNull(upstream, "upstream");
            if (!"https".equals(upstream.getScheme()) && !"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
                throw new IllegalArgumentException("ingest.forwardTo must be an absolute http(s) URL");
            }
            if (bufferCapacity < 1 || maxInFlight < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("bufferCapacity, maxInFlight and maxAttempts must be positive");
            }
            Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
            Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }
    }

    public HttpEventForwarder(Settings settings, SSLContext sslContext, ForwardMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.buffer = new ArrayBlockingQueue<>(settings.bufferCapacity());
        this.slots = new Semaphore(settings.maxInFlight());
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildAsync())
                        .setMaxConnTotal(settings.maxInFlight())
                        .setMaxConnPerRoute(settings.maxInFlight())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                                .build())
                        .build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("event-forward-retries"));
        timer.setRemoveOnCancelPolicy(true);
        this.retries = timer;
        client.start();
        this.dispatcher = daemon("event-forwarder").newThread(this::dispatch);
        dispatcher.start();
    }

    @Override
    public void forward(ForwardedEvent event) {
        if (!running || !buffer.offer(event)) {
            dropped.incrementAndGet();
            metrics.dropped();
        }
    }

    /** Events the upstream accepted. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Events refused by the upstream or given up after the last attempt. */
    public long failed() {
        return failed.get();
    }

    /** Events not forwarded because the buffer was full or the forwarder had stopped. */
    public long dropped() {
        return dropped.get();
    }

    /** Events waiting in the buffer. */
    public int buffered() {
        return buffer.size();
    }

    private void dispatch() {
        while (running) {
            try {
                slots.acquire();
                ForwardedEvent event = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (event == null) {
                    slots.release();
                } else {
                    send(event, 1);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The loop must survive anything one event does; that event's slot was released by send.
                LOG.warn("event forwarding: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Sends one attempt; the event holds a slot until it is forwarded or given up. */
    private void send(ForwardedEvent event, int attempt) {
        SimpleHttpRequest request;
        try {
            request = SimpleRequestBuilder.post(settings.upstream())
                    .setBody(event.body(), contentType(event.contentType()))
                    .build();
        } catch (RuntimeException e) {
            giveUp();
            return;
        }
        if (event.userAgent() != null) {
            request.setHeader("User-Agent", event.userAgent());
        }
        request.setHeader("X-Forwarded-For", event.forwardedFor());
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                int status = response.getCode();
                if (status >= 200 && status < 300) {
                    forwarded.incrementAndGet();
                    metrics.forwarded();
                    slots.release();
                } else if (status >= 500 || status == 429) {
                    retryOrGiveUp(event, attempt);
                } else {
                    LOG.debug("the upstream refused a forwarded event with {}", status);
                    giveUp();
                }
            }

            @Override
            public void failed(Exception e) {
                retryOrGiveUp(event, attempt);
            }

            @Override
            public void cancelled() {
                giveUp();
            }
        });
    }

    private void retryOrGiveUp(ForwardedEvent event, int attempt) {
        if (!running || attempt >= settings.maxAttempts()) {
            giveUp();
            return;
        }
        try {
            retries.schedule(() -> send(event, attempt + 1), retryDelay(attempt).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejectedWhileStopping) {
            giveUp();
        }
    }

    /** The delay after failed attempt {@code attempt}: first delay doubled per attempt, capped. */
    Duration retryDelay(int attempt) {
        Duration delay = settings.firstRetryDelay();
        for (int i = 1; i < attempt && delay.compareTo(settings.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    private void giveUp() {
        failed.incrementAndGet();
        metrics.failed();
        slots.release();
    }

    /** The received content type as is; the tracker sends {@code text/plain}. */
    private static ContentType contentType(String received) {
        if (received == null || received.isBlank()) {
            return ContentType.TEXT_PLAIN;
        }
        ContentType parsed = ContentType.parseLenient(received);
        return parsed == null ? ContentType.TEXT_PLAIN : parsed;
    }

    /** Stops; events still buffered are counted as dropped, requests still open are cut. */
    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        retries.shutdownNow();
        int left = buffer.size();
        buffer.clear();
        for (int i = 0; i < left; i++) {
            dropped.incrementAndGet();
            metrics.dropped();
        }
        client.close(CloseMode.IMMEDIATE);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
