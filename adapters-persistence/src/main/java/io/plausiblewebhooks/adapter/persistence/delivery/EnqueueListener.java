package io.plausiblewebhooks.adapter.persistence.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the delivery workers when messages are enqueued, on any instance: a statement trigger on
 * {@code webhook_messages} sends {@code NOTIFY webhook_messages} (see 0200-delivery.xml), and this
 * listener, on one connection of its own, calls {@code onEnqueued} for each notification it
 * receives. The workers still poll on their interval, so a lost notification (or a database that
 * does not deliver them, e.g. behind a transaction-mode pooler) only costs latency.
 */
public final class EnqueueListener implements AutoCloseable {
    public static final String CHANNEL = "webhook_messages";
    private static final Logger LOG = LoggerFactory.getLogger(EnqueueListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long RETRY_MILLIS = 5_000;

    private final Jdbi jdbi;
    private final Runnable onEnqueued;
    private volatile boolean running;
    private Thread thread;

    public EnqueueListener(Jdbi jdbi, Runnable onEnqueued) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.onEnqueued = Objects.requireNonNull(onEnqueued, "onEnqueued");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::listenLoop, "delivery-enqueue-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listenLoop() {
        while (running) {
            try (Handle handle = jdbi.open()) {
                Connection connection = handle.getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onEnqueued.run();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN " + CHANNEL); // the connection goes back to the pool
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Listening for enqueued webhook messages failed ({}); polling only, retrying in {} s",
                        e.getMessage(), RETRY_MILLIS / 1000);
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread listening;
        synchronized (this) {
            running = false;
            listening = thread;
            thread = null;
        }
        if (listening != null) {
            listening.interrupt();
            listening.join(WAIT_MILLIS * 4L);
        }
    }
}
