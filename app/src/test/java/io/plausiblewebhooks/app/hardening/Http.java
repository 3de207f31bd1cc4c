package io.plausiblewebhooks.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plausiblewebhooks.adapter.persistence.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

/** A small client of the public API for the hardening suites, and the database fingerprint they compare. */
final class Http {
    static final String ADMIN_KEY = "pwk_api_test_admin_key_0123456789";
    /** A public address literal: passes the SSRF guard without DNS. */
    static final String HOOK_URL = "https://93.184.215.14/hook";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final IntSupplier port;

    Http(IntSupplier port) {
        this.port = port;
    }

    record Answer(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        Answer expect(int expected) {
            assertThat(status).as(raw.body()).isEqualTo(expected);
            return this;
        }

        JsonNode problem(int expected) {
            expect(expected);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.get("status").asInt()).isEqualTo(expected);
            assertThat(problem.get("detail").asText()).isNotBlank();
            return problem;
        }
    }

    Answer send(String method, String path, String key, String body) {
        return send(method, path, key, "application/json", body, Map.of());
    }

    Answer send(String method, String path, String key, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Raw bytes as the body: for encodings a String cannot carry (overlong UTF-8). */
    Answer sendBytes(String method, String path, String key, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, String key) {
        return send("GET", path, key, null);
    }

    Answer post(String path, String key, String body) {
        return send("POST", path, key, body);
    }

    static String json(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node.toString();
    }

    /** A new account; returns its API key. */
    String newAccount() {
        String key = post("/api/v1/accounts", ADMIN_KEY, json("name", "tenant " + UUID.randomUUID()))
                .expect(201).json().get("api_key").asText();
        LogCapture.remember(key);
        return key;
    }

    String newSite(String key) {
        return post("/api/v1/sites", key, json("domain", "s" + UUID.randomUUID().toString().substring(0, 12)
                + ".example.com")).expect(201).json().get("id").asText();
    }

    String newWebhook(String key, String site) {
        JsonNode webhook = post("/api/v1/sites/" + site + "/webhooks", key, json("name", "Receiver", "url", HOOK_URL))
                .expect(201).json();
        LogCapture.remember(webhook.get("secret").asText());
        return webhook.get("id").asText();
    }

    String newGoal(String key, String site) {
        return post("/api/v1/sites/" + site + "/goals", key, json("event_name", "Signup")).expect(201)
                .json().get("id").asText();
    }

    String newTrigger(String key, String site, String webhook) {
        return post("/api/v1/sites/" + site + "/webhooks/" + webhook + "/triggers", key,
                json("trigger_type", "visitor_spike", "threshold", 10)).expect(201).json().get("id").asText();
    }

    /**
     * Row count and an md5 over every row's text of each table: a rejected request must leave both
     * unchanged (counts alone would miss an UPDATE).
     */
    static Map<String, String> fingerprint() {
        return TestDatabase.jdbi().withHandle(handle -> {
            Map<String, String> byTable = new LinkedHashMap<>();
            List<String> tables = handle.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT LIKE 'databasechangelog%' ORDER BY tablename").mapTo(String.class).list();
            for (String table : tables) {
                byTable.put(table, handle.createQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                        + " ORDER BY t::text)), '-') FROM \"" + table + "\" t").mapTo(String.class).one());
            }
            return byTable;
        });
    }
}
