package io.plausiblewebhooks.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageMappingTest {
    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

    @Test
    void connectionFailuresAnywhereInTheCauseChainAnswer503WithRetryAfter() {
        for (Throwable outage : new Throwable[] {
                new IllegalStateException("wrapped", new SQLException("Connection refused", "08001")),
                new RuntimeException(new RuntimeException(new SQLException("terminating connection", "57P01"))),
                new RuntimeException(new SQLTransientConnectionException("pool timeout"))}) {
            Response answer = mapper.toResponse(outage);

            assertThat(answer.getStatus()).as(outage.toString()).isEqualTo(503);
            assertThat(answer.getMediaType().toString()).isEqualTo("application/problem+json");
            assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
            assertThat(answer.getEntity().toString()).doesNotContain("Connection refused").doesNotContain("SQL");
        }
    }

    @Test
    void otherDatabaseErrorsStayUnexpected() {
        Response answer = mapper.toResponse(new RuntimeException(new SQLException("duplicate key", "23505")));

        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(answer.getEntity().toString()).doesNotContain("duplicate key");
    }
}
