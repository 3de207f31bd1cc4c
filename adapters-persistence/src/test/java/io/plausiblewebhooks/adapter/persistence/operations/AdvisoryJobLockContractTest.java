package io.plausiblewebhooks.adapter.persistence.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Two lock holders standing for two instances on one database (each run takes its own connection). */
class AdvisoryJobLockContractTest {
    private final Jdbi jdbi = TestDatabase.jdbi();
    private final AdvisoryJobLock instanceA = new AdvisoryJobLock(jdbi);
    private final AdvisoryJobLock instanceB = new AdvisoryJobLock(jdbi);

    @Test
    void aJobRunningOnOneInstanceIsSkippedOnTheOtherAndOtherJobsStillRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> instanceA.runExclusively("trigger-check", () -> {
            running.countDown();
            await(finish);
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean ranOnB = new AtomicBoolean();
        boolean sameJob = instanceB.runExclusively("trigger-check", () -> ranOnB.set(true));
        boolean otherJob = instanceB.runExclusively("event-retention", () -> { });

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sameJob).isFalse();
        assertThat(ranOnB).as("skipped while the other instance runs it").isFalse();
        assertThat(otherJob).isTrue();
        assertThat(instanceB.runExclusively("trigger-check", () -> ranOnB.set(true))).as("free again").isTrue();
        assertThat(ranOnB).isTrue();
        assertThat(advisoryLocksHeld()).as("no pooled connection keeps a lock").isZero();
    }

    @Test
    void aFailingJobReleasesTheLock() {
        assertThatThrownBy(() -> instanceA.runExclusively("delivery-retention", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(instanceB.runExclusively("delivery-retention", () -> { })).isTrue();
        assertThat(advisoryLocksHeld()).isZero();
    }

    @Test
    void theKeyOfAJobIsTheSameOnEveryInstanceAndDiffersBetweenJobs() {
        assertThat(AdvisoryJobLock.key("trigger-check")).isEqualTo(AdvisoryJobLock.key("trigger-check"))
                .isNotEqualTo(AdvisoryJobLock.key("event-retention"));
    }

    private long advisoryLocksHeld() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                .mapTo(Long.class).one());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
