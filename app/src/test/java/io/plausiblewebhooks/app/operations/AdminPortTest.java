package io.plausiblewebhooks.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AdminPortTest {
    static final DropwizardAppExtension<AppConfiguration> APP = new DropwizardAppExtension<>(
            PlausibleWebhooksApplication.class,
            ResourceHelpers.resourceFilePath("operations-test.yml"),
            ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
            ConfigOverride.config("database.user", TestDatabase.user()),
            ConfigOverride.config("database.password", TestDatabase.password()),
            ConfigOverride.config("operations.nodeId", "admin-port-test-node"));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAnswerPrometheusTextWithServiceJvmPoolAndHttpFigures() throws Exception {
        get(APP.getLocalPort(), "/api/v1/sites"); // an API request, so that the HTTP server figures move
        // Jetty counts a response once the exchange completes, just after the client has it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(APP.getAdminPort(), "/metrics").body())
                .containsPattern("io_dropwizard_jetty_MutableServletContextHandler_4xx_responses_total [1-9]"));

        HttpResponse<String> response = get(APP.getAdminPort(), "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE webhook_deliveries_total counter")
                .contains("webhook_deliveries_total{outcome=\"success\"}")
                .contains("# TYPE webhook_delivery_duration_seconds histogram")
                .contains("webhook_queue_depth 0.0")
                .contains("webhook_queue_oldest_due_age_seconds 0.0")
                .contains("webhook_trigger_evaluations_total{result=\"fired\",type=\"visitor_spike\"}")
                .contains("webhook_trigger_check_duration_seconds")
                .contains("webhook_events_ingested_total")
                .contains("webhook_webhooks_disabled_total")
                .contains("jvm_memory_used_bytes")
                .contains("process_cpu_usage")
                .containsPattern("io_dropwizard_db_ManagedPooledDataSource_\\w+_active");
    }

    @Test
    void healthCheckReportsDatabaseQueueLagAndPlugins() throws Exception {
        HttpResponse<String> response = get(APP.getAdminPort(), "/healthcheck");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"database\"").contains("\"queue-lag\"").contains("\"plugins\"")
                .contains("\"delivery-workers\"");
    }

    @Test
    void infoAndHealthNameThisInstancesNodeId() throws Exception {
        HttpResponse<String> info = get(APP.getAdminPort(), "/info");

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"nodeId\":\"admin-port-test-node\"");
        assertThat(get(APP.getAdminPort(), "/healthcheck").body()).contains("node admin-port-test-node");
    }

    @Test
    void servesTheOpenApiDocumentWithoutAKey() throws Exception {
        HttpResponse<String> response = get(APP.getLocalPort(), "/api/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"openapi\": \"3.1.0\"").contains("\"/api/v1/sites/{site_id}/webhooks\"");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
