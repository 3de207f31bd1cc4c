package io.plausiblewebhooks.adapter.persistence;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Recognises PostgreSQL errors the repositories turn into domain exceptions. */
final class PostgresErrors {
    private static final String UNIQUE_VIOLATION = "23505";

    private PostgresErrors() {
    }

    /** The name of the unique constraint (or index) the statement violated, or null for any other failure. */
    static String violatedUniqueConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                if (t instanceof PSQLException psql) {
                    ServerErrorMessage message = psql.getServerErrorMessage();
                    return message == null ? "" : message.getConstraint();
                }
                return "";
            }
        }
        return null;
    }
}
