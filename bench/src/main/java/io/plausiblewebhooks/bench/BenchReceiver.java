package io.plausiblewebhooks.bench;

import io.plausiblewebhooks.adapter.delivery.testing.TestReceiver;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fast local HTTPS receiver (Jetty, the test certificate) answering 204 at once; it counts
 * requests and, when asked, notes when each webhook-id first arrived.
 */
final class BenchReceiver implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    final AtomicLong received = new AtomicLong();
    volatile boolean recordArrivals;
    final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

    record Arrival(String webhookId, long nanoTime) {
    }

    BenchReceiver() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("bench-receiver");
        server = new Server(threads);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(TestReceiver.serverContext());
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(server, 1, 2, new org.eclipse.jetty.server.SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                received.incrementAndGet();
                if (recordArrivals) {
                    arrivals.add(new Arrival(request.getHeaders().get("webhook-id"), System.nanoTime()));
                }
                // Read and drop the body, then answer 204.
                org.eclipse.jetty.io.Content.Source.consumeAll(request, new Callback() {
                    @Override
                    public void succeeded() {
                        response.setStatus(204);
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        callback.failed(x);
                    }
                });
                return true;
            }
        });
        server.start();
    }

    String url(String path) {
        return "https://127.0.0.1:" + connector.getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
