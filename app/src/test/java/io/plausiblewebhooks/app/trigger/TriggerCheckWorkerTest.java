package io.plausiblewebhooks.app.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.plausiblewebhooks.application.port.in.CheckWebhookTriggersUseCase.CheckReport;
import io.plausiblewebhooks.application.port.out.JobLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TriggerCheckWorkerTest {
    private final AtomicInteger checks = new AtomicInteger();
    private final List<String> jobsAsked = new ArrayList<>();

    @Test
    void checksUnderTheTriggerCheckJobLock() {
        TriggerCheckWorker worker = worker((job, work) -> {
            jobsAsked.add(job);
            work.run();
            return true;
        });

        worker.checkOnce();

        assertThat(jobsAsked).containsExactly("trigger-check");
        assertThat(checks).hasValue(1);
        assertThat(worker.skippedChecks()).isZero();
    }

    @Test
    void skipsItsTurnWhileAnotherInstanceHoldsTheLock() {
        TriggerCheckWorker worker = worker((job, work) -> false);

        worker.checkOnce();

        assertThat(checks).hasValue(0);
        assertThat(worker.skippedChecks()).isEqualTo(1);
        assertThat(worker.completedChecks()).isEqualTo(1);
    }

    @Test
    void aFailingCheckDoesNotStopTheSchedule() {
        TriggerCheckWorker worker = new TriggerCheckWorker(() -> {
            throw new IllegalStateException("database down");
        }, Duration.ofSeconds(1), JobLock.NONE);

        worker.checkOnce();

        assertThat(worker.completedChecks()).isEqualTo(1);
    }

    private TriggerCheckWorker worker(JobLock lock) {
        return new TriggerCheckWorker(() -> {
            checks.incrementAndGet();
            return new CheckReport(0, 0, 0, 0, 0);
        }, Duration.ofSeconds(1), lock);
    }
}
