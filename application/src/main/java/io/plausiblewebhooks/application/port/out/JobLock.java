package io.plausiblewebhooks.application.port.out;

import java.util.Objects;

/**
 * Runs a periodic job (trigger check, retention) on one instance at a time among all instances
 * sharing the database; an instance that finds the job running elsewhere skips its turn.
 */
public interface JobLock {
    /**
     * Runs {@code work} unless another holder runs the job named {@code job} right now.
     *
     * @return whether {@code work} ran here
     */
    boolean runExclusively(String job, Runnable work);

    /** No coordination: always runs (a single instance, or unit tests). */
    JobLock NONE = (job, work) -> {
        Objects.requireNonNull(job, "job");
        work.run();
        return true;
    };
}
