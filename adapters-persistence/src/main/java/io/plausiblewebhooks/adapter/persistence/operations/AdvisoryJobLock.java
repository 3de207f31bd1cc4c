package io.plausiblewebhooks.adapter.persistence.operations;

import io.plausiblewebhooks.application.port.out.JobLock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session advisory lock ({@code pg_try_advisory_lock}) held for the whole run on one
 * connection set aside from the pool for that run.
 *
 * <p>Why a session lock and not {@code pg_try_advisory_xact_lock}: the jobs span many transactions
 * (retention deletes in bounded batches, the trigger check evaluates and then fires trigger by
 * trigger), so no single transaction covers a run. Why the same connection throughout: a session lock
 * belongs to the connection that took it, and pooled connections outlive their borrower — so it is
 * taken and released on one handle kept open for the run, and if releasing fails the connection is
 * aborted rather than returned to the pool still holding the lock. If the connection dies mid-run the
 * server drops the lock and another instance may start the job early; the jobs' own guards (the
 * per-trigger conditional update, idempotent deletes) keep that harmless.
 */
public final class AdvisoryJobLock implements JobLock {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryJobLock.class);

    private final Jdbi jdbi;

    public AdvisoryJobLock(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean runExclusively(String job, Runnable work) {
        long key = key(job);
        try (Handle handle = jdbi.open()) {
            boolean acquired = handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", key)
                    .mapTo(Boolean.class).one();
            if (!acquired) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                unlock(handle, job, key);
            }
        }
    }

    /** The lock key of a job: the first 8 bytes of SHA-256("plausible-webhooks:" + job), the same on every instance. */
    static long key(String job) {
        Objects.requireNonNull(job, "job");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("plausible-webhooks:" + job).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void unlock(Handle handle, String job, long key) {
        try {
            handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", key).mapTo(Boolean.class).one();
        } catch (RuntimeException e) {
            LOG.warn("Could not release the lock of job {}; dropping its connection", job, e);
            try {
                handle.getConnection().abort(Runnable::run);
            } catch (SQLException | RuntimeException abortFailed) {
                LOG.warn("Dropping the connection of job {} failed", job, abortFailed);
            }
        }
    }
}
