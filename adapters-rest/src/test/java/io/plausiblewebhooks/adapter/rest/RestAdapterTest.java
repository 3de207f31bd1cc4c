package io.plausiblewebhooks.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class RestAdapterTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(RestTestApplication.class, ResourceHelpers.resourceFilePath("rest-test.yml"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rejectsRequestWithoutApiKeyWithProblemAndChallenge() throws Exception {
        HttpResponse<String> answer = send(request("/api/v1/sites").GET().build());

        assertProblem(answer, 401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @ParameterizedTest
    @CsvSource({"Bearer pwk_unknown", "Basic dXNlcjpwdw==", "Bearer", "pwk_test_key_a"})
    void rejectsUnknownOrMalformedCredentials(String authorization) throws Exception {
        HttpResponse<String> answer = send(request("/api/v1/sites").header("Authorization", authorization).GET().build());

        assertProblem(answer, 401);
    }

    @Test
    void requiresKeyEvenForPathsThatDoNotExist() throws Exception {
        assertProblem(send(request("/api/v1/nothing-here").GET().build()), 401);
    }

    @ParameterizedTest
    @CsvSource({"//api/v1/sites", "/api/v1/sites/", "/api/v1//sites", "/api/v1/./sites", "/api/x/../v1/sites"})
    void requiresKeyWhateverTheSpellingOfThePath(String path) throws Exception {
        HttpResponse<String> answer = send(request(path).GET().build());

        assertThat(answer.statusCode()).as(path).isIn(400, 401, 404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void leavesPathsOutsideApiV1Public() throws Exception {
        // No resource there in this test application: the answer is a 404 problem, not a 401.
        assertProblem(send(request("/api/event").POST(json("{}")).build()), 404);
    }

    @Test
    void createsAndReadsSiteWithSnakeCaseFieldsAndUtcTimes() throws Exception {
        HttpResponse<String> created = send(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .POST(json("{\"domain\":\"Read.Example.com\",\"timezone\":\"Europe/Berlin\",\"unknown\":1}")).build());

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode site = JSON.readTree(created.body());
        assertThat(site.get("domain").asText()).isEqualTo("read.example.com");
        assertThat(site.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(site.get("inserted_at").asText()).isEqualTo("2026-02-26T10:00:00.123456Z");
        assertThat(site.has("unknown")).isFalse();

        HttpResponse<String> read = send(authorized("/api/v1/sites/" + site.get("id").asText(),
                RestTestApplication.KEY_A).GET().build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(read.body())).isEqualTo(site);
    }

    @Test
    void hidesAnotherAccountsSiteAsNotFound() throws Exception {
        HttpResponse<String> created = send(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .POST(json("{\"domain\":\"private.example.com\"}")).build());
        String path = "/api/v1/sites/" + JSON.readTree(created.body()).get("id").asText();

        assertProblem(send(authorized(path, RestTestApplication.KEY_B).GET().build()), 404);
        assertProblem(send(authorized(path, RestTestApplication.KEY_B).DELETE().build()), 404);
        assertThat(send(authorized(path, RestTestApplication.KEY_A).GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void listsSitesInDataEnvelope() throws Exception {
        HttpResponse<String> answer = send(authorized("/api/v1/sites", RestTestApplication.KEY_B).GET().build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("data").isArray()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"domain\":",
            "{\"domain\":\"a.example.com\"} trailing",
            "{\"domain\":\"a.example.com\",\"domain\":\"b.example.com\"}",
            "[]",
            "null",
            "\"text\"",
    })
    void answersMalformedJsonWith400(String body) throws Exception {
        assertProblem(send(authorized("/api/v1/sites", RestTestApplication.KEY_A).POST(json(body)).build()), 400);
    }

    @Test
    void answersMissingBodyWith400() throws Exception {
        assertProblem(send(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .header("Content-Type", "application/json").POST(BodyPublishers.noBody()).build()), 400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"domain\":5}|domain",
            "{\"domain\":true}|domain",
            "{\"domain\":{\"a\":1}}|domain",
            "{\"domain\":[\"a.example.com\"]}|domain",
            "{\"domain\":\"a.example.com\",\"timezone\":7}|timezone",
            "{}|domain",
            "{\"domain\":\"https://a.example.com/x\"}|domain",
            "{\"domain\":\"ok.example.com\",\"timezone\":\"Mars/Olympus\"}|timezone",
    })
    void answersInvalidFieldWith422NamingIt(String body, String field) throws Exception {
        HttpResponse<String> answer = send(authorized("/api/v1/sites", RestTestApplication.KEY_A).POST(json(body)).build());

        JsonNode problem = assertProblem(answer, 422);
        assertThat(problem.get("errors").has(field)).as(answer.body()).isTrue();
        assertThat(problem.get("errors").get(field).get(0).asText()).isNotBlank();
    }

    @Test
    void answersTakenDomainWith409() throws Exception {
        send(authorized("/api/v1/sites", RestTestApplication.KEY_A).POST(json("{\"domain\":\"taken.example.com\"}")).build());

        HttpResponse<String> again = send(authorized("/api/v1/sites", RestTestApplication.KEY_B)
                .POST(json("{\"domain\":\"taken.example.com\"}")).build());

        assertThat(assertProblem(again, 409).get("errors").has("domain")).isTrue();
    }

    @Test
    void answersWrongContentTypeWith415() throws Exception {
        assertProblem(send(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("domain=a.example.com")).build()),
                415);
    }

    @Test
    void answersBodyOverOneMebibyteWith413() throws Exception {
        byte[] body = oversizedJson();

        assertProblem(sendAlone(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(body)).build()), 413);
    }

    @Test
    void answersChunkedBodyOverOneMebibyteWith413() throws Exception {
        byte[] body = oversizedJson();
        // Unknown length: the client sends it chunked, without Content-Length.
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        assertProblem(sendAlone(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .header("Content-Type", "application/json").POST(chunked).build()), 413);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/sites/not-a-uuid", "/api/v1/sites/1-1-1-1-1", "/api/v1/sites/00000000-0000-0000-0000-000000000001",
            "/api/v1/unknown", "/api/v1/sites/00000000-0000-0000-0000-000000000001/nothing"})
    void answersUnknownResourceWith404(String path) throws Exception {
        assertProblem(send(authorized(path, RestTestApplication.KEY_A).GET().build()), 404);
    }

    @Test
    void answersWrongMethodWith405() throws Exception {
        HttpResponse<String> answer = send(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .PUT(json("{\"domain\":\"x.example.com\"}")).build());

        assertProblem(answer, 405);
        assertThat(answer.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void answersUnexpectedFailureWith500WithoutInternals() throws Exception {
        HttpResponse<String> answer = send(authorized("/api/v1/sites", RestTestApplication.KEY_A)
                .POST(json("{\"domain\":\"" + RestTestApplication.EXPLODING_DOMAIN + "\"}")).build());

        assertProblem(answer, 500);
        assertThat(answer.body()).doesNotContain("hunter2", "IllegalStateException", "at io.");
    }

    @Test
    void marksAnswersNoSniffWithoutServerVersion() throws Exception {
        HttpResponse<String> answer = send(authorized("/api/v1/sites", RestTestApplication.KEY_A).GET().build());

        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Server")).isEmpty();
    }

    private static byte[] oversizedJson() {
        byte[] body = new byte[BodyLimitFilter.MAX_BODY_BYTES + 10];
        Arrays.fill(body, (byte) ' ');
        byte[] start = "{\"domain\":\"big.example.com\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);
        body[body.length - 1] = '}';
        return body;
    }

    private static JsonNode assertProblem(HttpResponse<String> answer, int status) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path));
    }

    private static HttpRequest.Builder authorized(String path, String key) {
        return request(path).header("Authorization", "Bearer " + key);
    }

    private static BodyPublisher json(String body) {
        return BodyPublishers.ofString(body);
    }

    /** On a connection of its own: the server closes it after answering 413 without reading the body. */
    private static HttpResponse<String> sendAlone(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest withType = request.headers().firstValue("Content-Type").isPresent()
                || request.bodyPublisher().isEmpty()
                ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).header("Content-Type", "application/json").build();
        return HTTP.send(withType, HttpResponse.BodyHandlers.ofString());
    }
}
