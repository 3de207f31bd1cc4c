package io.plausiblewebhooks.application.port.out;

import java.time.LocalDate;

/**
 * The secret salt of each UTC day that visitor ids are hashed with. Shared by every instance on the
 * database (so one visitor has one id whichever instance takes the request) and deleted after two days
 * (so yesterday's ids cannot be linked to today's).
 */
public interface VisitorSaltStore {

    /** The day's salt, created at random on first use. */
    byte[] saltFor(LocalDate day);

    /** Deletes the salts of days before {@code day}. */
    void deleteBefore(LocalDate day);
}
