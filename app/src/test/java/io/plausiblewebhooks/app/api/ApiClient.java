package io.plausiblewebhooks.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.app.PlausibleWebhooksApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Drives the running application over real HTTP, and looks at the database behind it. */
final class ApiClient {
    static final String ADMIN_KEY = "pwk_api_test_admin_key_0123456789";
    /** A public address literal: passes the SSRF guard without DNS (there is no outside network here). */
    static final String HOOK_URL = "https://93.184.215.14/hook";
    static final List<String> TABLES = List.of("accounts", "api_keys", "sites", "goals", "webhooks",
            "webhook_triggers");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private final DropwizardAppExtension<AppConfiguration> app;

    ApiClient(DropwizardAppExtension<AppConfiguration> app) {
        this.app = app;
    }

    /** The application on the shared test PostgreSQL; start it once per test class. */
    static DropwizardAppExtension<AppConfiguration> application() {
        return new DropwizardAppExtension<>(PlausibleWebhooksApplication.class,
                ResourceHelpers.resourceFilePath("api-test.yml"),
                ConfigOverride.config("database.url", TestDatabase::jdbcUrl),
                ConfigOverride.config("database.user", TestDatabase::user),
                ConfigOverride.config("database.password", TestDatabase::password));
    }

    record Answer(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String id() {
            return json().get("id").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Asserts a problem+json answer with this status; returns the problem. */
        JsonNode problem(int expectedStatus) {
            assertThat(status).as(raw.body()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.get("title").asText()).isNotBlank();
            assertThat(problem.get("type").asText()).isNotBlank();
            assertThat(problem.get("detail").asText()).isNotBlank();
            return problem;
        }

        /** Asserts a 422 naming the field; returns its messages. */
        JsonNode invalid(String field) {
            JsonNode errors = problem(422).get("errors");
            assertThat(errors.has(field)).as("errors name %s: %s", field, raw.body()).isTrue();
            assertThat(errors.get(field).get(0).asText()).isNotBlank();
            return errors.get(field);
        }

        Answer expect(int expectedStatus) {
            assertThat(status).as(raw.body()).isEqualTo(expectedStatus);
            return this;
        }
    }

    Answer get(String path, String key) {
        return send(request(path, key).GET());
    }

    Answer delete(String path, String key) {
        return send(request(path, key).DELETE());
    }

    Answer post(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    Answer patch(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(json)));
    }

    Answer send(String method, String path, String key, String contentType, BodyPublisher body) {
        HttpRequest.Builder builder = request(path, key).method(method, body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /**
     * Like {@link #send(String, String, String, String, BodyPublisher)} on a connection of its own:
     * for requests the server answers before reading their body (413), after which it closes the
     * connection, which must not go back to the shared pool.
     */
    Answer sendAlone(String method, String path, String key, String contentType, BodyPublisher body) {
        HttpRequest.Builder builder = request(path, key).method(method, body).header("Content-Type", contentType);
        return send(HttpClient.newHttpClient(), builder);
    }

    static String json(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node.toString();
    }

    // --- fixtures made through the API itself ---

    /** A new account; returns its API key. */
    String newAccount() {
        return post("/api/v1/accounts", ADMIN_KEY, json("name", "tenant " + UUID.randomUUID()))
                .expect(201).json().get("api_key").asText();
    }

    String newSite(String key) {
        return post("/api/v1/sites", key, json("domain", uniqueDomain())).expect(201).id();
    }

    String newGoal(String key, String site) {
        return post("/api/v1/sites/" + site + "/goals", key, json("event_name", "Signup")).expect(201).id();
    }

    String newWebhook(String key, String site) {
        return post("/api/v1/sites/" + site + "/webhooks", key, json("name", "Receiver", "url", HOOK_URL))
                .expect(201).id();
    }

    String newTrigger(String key, String site, String webhook) {
        return post("/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers", key,
                json("trigger_type", "visitor_spike", "threshold", 10)).expect(201).id();
    }

    static String uniqueDomain() {
        return "s" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
    }

    /** Rows per table, to show that a rejected request changed nothing. */
    static Map<String, Long> rowCounts() {
        String counts = TABLES.stream().map(t -> "(SELECT count(*) FROM " + t + ") AS " + t)
                .collect(java.util.stream.Collectors.joining(", "));
        return TestDatabase.jdbi().withHandle(handle -> {
            Map<String, Object> row = handle.createQuery("SELECT " + counts).mapToMap().one();
            Map<String, Long> byTable = new LinkedHashMap<>();
            TABLES.forEach(t -> byTable.put(t, ((Number) row.get(t)).longValue()));
            return byTable;
        });
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private static Answer send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    private static Answer send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
