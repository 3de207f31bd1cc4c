package io.plausiblewebhooks.app.demo;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.plausiblewebhooks.app.AppConfiguration;
import io.plausiblewebhooks.domain.ApiKeySecret;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code demo config.yml}: the whole product in one go. Starts the service as {@code server} does
 * (same configuration, same database), on free ports, next to an in-process HTTPS receiver with a
 * freshly generated certificate that only this run trusts (loopback is allowed only here). Through
 * the real HTTP API it creates an account, a site, a webhook to the receiver and a
 * {@code visitor_spike} trigger, sends pageviews through {@code POST /api/event}, waits for the
 * trigger check to fire and prints the webhook as received, with its signature verified
 * independently. Then it deletes the demo site and exits (0 when the webhook arrived verified).
 * Names are unique per run, so earlier data in the database does not get in the way.
 */
public final class DemoCommand extends EnvironmentCommand<AppConfiguration> {
    private static final Duration WAIT_FOR_WEBHOOK = Duration.ofSeconds(90);
    private static final int VISITORS = 5;
    private static final int THRESHOLD = 3;

    private final PrintStream out;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final SelfSignedCertificate certificate = SelfSignedCertificate.generate(Instant.now(), Duration.ofDays(1));
    private DemoReceiver receiver;
    private String adminKey;

    public DemoCommand(Application<AppConfiguration> application, PrintStream out) {
        super(application, "demo", "Starts the service with a local HTTPS receiver and shows a signed webhook end to end");
        this.out = out;
    }

    @Override
    protected void run(Bootstrap<AppConfiguration> bootstrap, Namespace namespace, AppConfiguration configuration)
            throws Exception {
        quietLogs();
        receiver = new DemoReceiver(certificate);
        Path pem = Files.createTempFile("plausible-webhooks-demo", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, certificate.pem());
        adjust(configuration, pem);
        try {
            super.run(bootstrap, namespace, configuration); // application.run(), then run(environment, …) below
        } finally {
            receiver.close();
            Files.deleteIfExists(pem);
        }
    }

    /** What the demo changes in the configuration it was given; everything else (the database) stays. */
    private void adjust(AppConfiguration configuration, Path pem) {
        List<ConnectorFactory> connectors = new ArrayList<>();
        if (configuration.getServerFactory() instanceof DefaultServerFactory server) {
            connectors.addAll(server.getApplicationConnectors());
            connectors.addAll(server.getAdminConnectors());
        } else if (configuration.getServerFactory() instanceof SimpleServerFactory server) {
            connectors.add(server.getConnector());
        }
        if (configuration.getServerFactory() instanceof AbstractServerFactory server
                && server.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requestLog) {
            requestLog.setAppenders(List.of()); // the demo's own lines tell what happens
        }
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpConnectorFactory http) {
                http.setPort(0); // free ports: a running server on 8080 does not get in the way
                http.setBindHost("127.0.0.1");
            }
        }
        configuration.getTriggers().setCheckInterval(io.dropwizard.util.Duration.seconds(1));
        configuration.getTriggers().setEventFlushInterval(io.dropwizard.util.Duration.milliseconds(200));
        List<String> allowed = new ArrayList<>(configuration.getDelivery().getAllowedNetworks());
        allowed.add("127.0.0.1/32");
        configuration.getDelivery().setAllowedNetworks(allowed);
        configuration.getDelivery().setTrustedCertificates(pem.toString());
        // A way in for this run only: the configured admin key, or a random one that is never shown.
        String configured = configuration.getAuth().getBootstrapApiKey();
        adminKey = configured == null || configured.isBlank() ? ApiKeySecret.generate().value() : configured;
        configuration.getAuth().setBootstrapApiKey(adminKey);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, AppConfiguration configuration) throws Exception {
        Server server = configuration.getServerFactory().build(environment);
        try {
            server.start();
            String api = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            demonstrate(new Api(api, environment.getObjectMapper()));
        } finally {
            server.stop();
        }
    }

    private void demonstrate(Api api) throws Exception {
        out.println();
        out.println("== Plausible Webhooks demo ==");
        out.println("Service API:    " + api.base + " (admin port: a free one too; database as configured)");
        out.println("Receiver:       " + receiver.url("/webhook") + " (self-signed certificate, trusted for this run only)");

        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode account = api.post("/api/v1/accounts", adminKey, Map.of("name", "Demo " + runId + " " + now));
        String key = account.get("api_key").asText();
        out.println("1. Account:    \"" + account.get("name").asText() + "\" with its own API key (POST /api/v1/accounts)");

        String domain = "demo-" + runId + ".example.com";
        String site = api.post("/api/v1/sites", key, Map.of("domain", domain, "timezone", "Etc/UTC")).get("id").asText();
        out.println("2. Site:       " + domain + " (POST /api/v1/sites)");
        try {
            JsonNode webhook = api.post("/api/v1/sites/" + site + "/webhooks", key,
                    Map.of("name", "Demo receiver", "url", receiver.url("/webhook")));
            receiver.verifyWith(webhook.get("secret").asText());
            out.println("3. Webhook:    " + webhook.get("url").asText() + " with a generated whsec_ secret (POST …/webhooks)");

            api.post("/api/v1/sites/" + site + "/webhooks/" + webhook.get("id").asText() + "/triggers", key,
                    Map.of("trigger_type", "visitor_spike", "threshold", THRESHOLD));
            out.println("4. Trigger:    visitor_spike, fires at " + THRESHOLD + " or more current visitors (POST …/triggers)");

            for (int visitor = 1; visitor <= VISITORS; visitor++) {
                api.event(domain, "/pricing", "203.0.113." + visitor, "Mozilla/5.0 (demo visitor " + visitor + ")");
            }
            out.println("5. Traffic:    " + VISITORS + " pageviews from " + VISITORS + " visitors (POST /api/event)");
            out.println("6. Waiting for the trigger check (every second in this demo) and the delivery…");

            DemoReceiver.Received webhookRequest = receiver.awaitRequest(WAIT_FOR_WEBHOOK).orElseThrow(() ->
                    new IllegalStateException("no webhook arrived within " + WAIT_FOR_WEBHOOK.toSeconds() + " s"));
            print(webhookRequest, api.mapper);
            if (!webhookRequest.signatureVerified()) {
                throw new IllegalStateException("the webhook's signature did not verify");
            }
        } finally {
            api.delete("/api/v1/sites/" + site, key);
            out.println("The demo site and its webhook were deleted again. Done.");
        }
    }

    private void print(DemoReceiver.Received request, ObjectMapper mapper) throws IOException {
        out.println();
        out.println("Received webhook: POST /webhook");
        request.headers().forEach((name, value) -> out.println("  " + name + ": " + value));
        out.println();
        Object body = mapper.readValue(request.body(), Object.class);
        out.println(mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body).indent(2));
        out.println(request.signatureVerified()
                ? "Signature verified: webhook-signature matches HMAC-SHA256(secret, webhook-id.webhook-timestamp.body)"
                : "Signature NOT verified");
        out.println();
    }

    /** Keeps the console to the demo's own lines; warnings and errors still show. */
    private static void quietLogs() {
        for (String name : List.of(Logger.ROOT_LOGGER_NAME, "io.plausiblewebhooks")) {
            Logger logger = LoggerFactory.getLogger(name);
            if (logger instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(Level.WARN);
            }
        }
    }

    /** The service's public HTTP API, called like any client would. */
    private static final class Api {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final ObjectMapper mapper;

        Api(String base, ObjectMapper mapper) {
            this.base = base;
            this.mapper = mapper;
        }

        JsonNode post(String path, String key, Map<String, Object> body) throws IOException, InterruptedException {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))), path);
            return mapper.readTree(response.body());
        }

        void event(String domain, String path, String clientIp, String userAgent) throws IOException, InterruptedException {
            Map<String, Object> body = Map.of("name", "pageview", "url", "https://" + domain + path, "domain", domain);
            send(HttpRequest.newBuilder(URI.create(base + "/api/event"))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", userAgent)
                    .header("X-Forwarded-For", clientIp)
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))), "/api/event");
        }

        void delete(String path, String key) throws IOException, InterruptedException {
            send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).DELETE(), path);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        }
    }
}
