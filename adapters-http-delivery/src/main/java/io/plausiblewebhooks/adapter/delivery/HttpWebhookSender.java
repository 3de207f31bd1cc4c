package io.plausiblewebhooks.adapter.delivery;

import io.plausiblewebhooks.application.port.out.OutgoingWebhook;
import io.plausiblewebhooks.application.port.out.SendResult;
import io.plausiblewebhooks.application.port.out.WebhookSender;
import io.plausiblewebhooks.domain.WebhookDelivery;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhooks with the Apache HttpClient 5 async client: pooled keep-alive HTTP/1.1
 * connections, redirects never followed, every host resolved through the SSRF guard, the body
 * signed per Standard Webhooks. Each attempt has a hard deadline of connect + request timeout.
 * The per-webhook cap on requests in flight is the caller's (the delivery worker's) business.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    private static final ContentType JSON = ContentType.APPLICATION_JSON;

    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService deadlines;
    private final StandardWebhooksSigner signer = new StandardWebhooksSigner();
    private final Clock clock;
    private final String userAgent;
    private final Duration deadline;

    public HttpWebhookSender(Settings settings, SsrfGuard guard, SSLContext sslContext, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.userAgent = "plausible-webhooks/" + settings.version();
        this.deadline = settings.connectTimeout().plus(settings.requestTimeout());
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildAsync())
                .setDnsResolver(new GuardedDnsResolver(guard))
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnectionsPerDestination())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(settings.connectTimeout()))
                        .setSocketTimeout(timeout(settings.requestTimeout()))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(settings.ioThreads()).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout(settings.requestTimeout()))
                        .setConnectionRequestTimeout(timeout(settings.requestTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(userAgent)
                .evictIdleConnections(org.apache.hc.core5.util.TimeValue.ofSeconds(30))
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "webhook-send-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
        client.start();
    }

    /**
     * @param version shown in {@code User-Agent: plausible-webhooks/<version>}
     * @param maxConnections the pool size, across all destinations
     * @param maxConnectionsPerDestination the pool size per host and port, so that a dead host cannot take every connection
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxConnections,
                           int maxConnectionsPerDestination, int ioThreads, String version) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(version, "version");
            if (maxConnections < 1 || maxConnectionsPerDestination < 1 || ioThreads < 1) {
                throw new IllegalArgumentException("connection limits and ioThreads must be positive");
            }
        }
    }

    @Override
    public CompletableFuture<SendResult> send(OutgoingWebhook webhook) {
        long started = System.nanoTime();
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        try {
            SimpleHttpRequest request = SimpleRequestBuilder.post(webhook.url().uri())
                    .setBody(webhook.body(), JSON)
                    .build();
            Map<String, String> signature = signer.headers(webhook.messageId().external(),
                    webhook.timestamp().getEpochSecond(), webhook.body(), webhook.secrets());
            signature.forEach(request::addHeader);
            request.addHeader("User-Agent", userAgent);

            AtomicBoolean timedOut = new AtomicBoolean();
            Future<Captured> call = client.execute(SimpleRequestProducer.create(request), new CappedBodyConsumer(), null,
                    new FutureCallback<>() {
                        @Override
                        public void completed(Captured captured) {
                            result.complete(SendResult.response(captured.status(), captured.body(),
                                    RetryAfter.parse(captured.retryAfter(), clock.instant()).orElse(null),
                                    elapsedMs(started)));
                        }

                        @Override
                        public void failed(Exception e) {
                            Captured capped = BodyCapExceeded.capturedIn(e);
                            if (capped != null) {
                                // The receiver answered; only its oversized body was cut off.
                                completed(capped);
                                return;
                            }
                            result.complete(SendResult.failure(describe(e), elapsedMs(started)));
                        }

                        @Override
                        public void cancelled() {
                            result.complete(SendResult.failure(timedOut.get()
                                    ? "timed out after " + deadline.toMillis() + " ms"
                                    : "cancelled", elapsedMs(started)));
                        }
                    });
            var timer = deadlines.schedule(() -> {
                timedOut.set(true);
                call.cancel(true);
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> timer.cancel(false));
        } catch (RuntimeException e) {
            result.complete(SendResult.failure("could not send: " + e.getClass().getSimpleName(), elapsedMs(started)));
        }
        return result;
    }

    /** A short, secret-free reason for a failed attempt. */
    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SSLException) && !(cause instanceof UnknownHostException)) {
            if (cause instanceof ConnectTimeoutException || cause instanceof HttpHostConnectException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof SsrfGuard.RefusedDestinationException) {
            return cause.getMessage();
        }
        if (cause instanceof UnknownHostException) {
            return "host not found: " + cause.getMessage();
        }
        if (cause instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof SocketTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return "timed out waiting for the response";
        }
        if (cause instanceof HttpHostConnectException || cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (cause instanceof SSLException) {
            return "TLS error: " + cause.getMessage();
        }
        if (cause instanceof org.apache.hc.core5.http.ConnectionClosedException) {
            return "connection closed before a response";
        }
        if (cause instanceof HttpException || cause instanceof IOException) {
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return cause.getClass().getSimpleName();
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }

    private record Captured(int status, String body, String retryAfter) {
    }

    /** Thrown by the consumer when a body goes past what is read: the connection is closed, not drained. */
    private static final class BodyCapExceeded extends RuntimeException {
        private final transient Captured captured;

        BodyCapExceeded(Captured captured) {
            super("response body over the cap", null, false, false);
            this.captured = captured;
        }

        static Captured capturedIn(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BodyCapExceeded capped) {
                    return capped.captured;
                }
            }
            return null;
        }
    }

    /**
     * Keeps the first 16 KiB of the body and reads (and drops) up to 64 KiB more, so the connection
     * stays reusable for ordinary answers; a larger body closes the connection instead of being read
     * (a hostile receiver could otherwise stream for the whole request timeout).
     */
    private static final class CappedBodyConsumer extends AbstractBinResponseConsumer<Captured> {
        private static final long DRAINED_AT_MOST = 64 * 1024;
        // Grown on demand: most answers are empty or short, and a 16 KiB array per request is
        // most of what the sender would allocate at thousands of requests per second.
        private byte[] kept = new byte[0];
        private int length;
        private long dropped;
        private int status;
        private String retryAfter;

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
            Header header = response.getFirstHeader("Retry-After");
            retryAfter = header == null ? null : header.getValue();
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            int take = Math.min(src.remaining(), WebhookDelivery.MAX_RESPONSE_BODY_BYTES - length);
            if (length + take > kept.length) {
                kept = java.util.Arrays.copyOf(kept, Math.min(WebhookDelivery.MAX_RESPONSE_BODY_BYTES,
                        Math.max(length + take, kept.length * 2)));
            }
            src.get(kept, length, take);
            length += take;
            dropped += src.remaining();
            src.position(src.limit());
            if (dropped > DRAINED_AT_MOST && !endOfStream) {
                throw new BodyCapExceeded(buildResult());
            }
        }

        @Override
        protected Captured buildResult() {
            // PostgreSQL text cannot hold NUL characters.
            String body = new String(kept, 0, length, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
            return new Captured(status, body, retryAfter);
        }

        @Override
        public void releaseResources() {
        }
    }
}
