package io.plausiblewebhooks.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The checked-in OpenAPI document against the Jersey resources and servlets, and against the public contract (docs/API.md). */
class OpenApiDocumentTest {
    private static final Pattern OPERATION = Pattern.compile(
            "`((?:GET|POST|PATCH|PUT|DELETE)(?:/(?:GET|POST|PATCH|PUT|DELETE))*) ((?:/api|…)[^`\\s?]*)[^`]*`");

    @Test
    void documentsEveryOperationOfTheResources() throws Exception {
        Set<String> implemented = resourceOperations();

        assertThat(implemented).isNotEmpty().contains("GET /api/openapi.json", "POST /api/v1/sites", "POST /api/event");
        assertThat(documentedOperations()).containsAll(implemented);
    }

    @Test
    void documentsEveryPathOfTheContract() throws Exception {
        Set<String> contract = contractOperations();

        assertThat(contract).hasSizeGreaterThan(25)
                .contains("DELETE /api/v1/sites/{site_id}/goals/{goal_id}",
                        "POST /api/v1/sites/{site_id}/webhooks/{webhook_id}/secret/rotate",
                        "POST /api/v1/sites/{site_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver");
        // A path parameter's name is not part of the contract ({id} and {api_key_id} match the same URLs).
        assertThat(withoutParameterNames(documentedOperations())).containsAll(withoutParameterNames(contract));
    }

    private static Set<String> withoutParameterNames(Set<String> operations) {
        Set<String> normalized = new TreeSet<>();
        operations.forEach(operation -> normalized.add(operation.replaceAll("\\{[^}]*}", "{}")));
        return normalized;
    }

    @Test
    void isServedAsIsWithoutAKey() {
        byte[] served = new OpenApiResource().get();

        assertThat(new String(served, java.nio.charset.StandardCharsets.UTF_8)).contains("\"openapi\": \"3.1.0\"");
    }

    static Set<String> documentedOperations() throws Exception {
        JsonNode doc;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> operations = new TreeSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (!method.equals("parameters")) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    /** Every resource method of the REST adapter, found by scanning its compiled classes. */
    static Set<String> resourceOperations() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(
                OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        OpenApiDocumentTest.class.getClassLoader());
                operations.addAll(servletOperations(type));
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        operations.add(verb + " " + join(root.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return operations;
    }

    /** What a plain servlet of the adapter serves ({@code POST /api/event}): its doXxx methods at its mapping. */
    private static Set<String> servletOperations(Class<?> type) {
        WebServlet servlet = type.getAnnotation(WebServlet.class);
        Set<String> operations = new TreeSet<>();
        if (servlet == null) {
            return operations;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().matches("do(Get|Post|Put|Delete|Patch)")) {
                String verb = method.getName().substring(2).toUpperCase(Locale.ROOT);
                for (String pattern : servlet.urlPatterns()) {
                    operations.add(verb + " " + join(pattern, ""));
                }
            }
        }
        return operations;
    }

    /**
     * The operations API.md names, in its table ({@code GET/DELETE …/goals/{goal_id}}, where "…"
     * stands for the prefix of an earlier path) and in its bullets.
     */
    static Set<String> contractOperations() throws Exception {
        java.nio.file.Path apiMd = java.nio.file.Path.of("..", "docs", "API.md");
        List<String> expanded = new ArrayList<>();
        Set<String> operations = new TreeSet<>();
        for (String line : Files.readAllLines(apiMd)) {
            Matcher m = OPERATION.matcher(line);
            while (m.find()) {
                String path = expand(m.group(2), expanded);
                expanded.add(path);
                for (String verb : m.group(1).split("/")) {
                    operations.add(verb + " " + path);
                }
            }
        }
        return operations;
    }

    private static String expand(String path, List<String> earlier) {
        if (!path.startsWith("…")) {
            return path;
        }
        String rest = path.substring(1);
        String firstSegment = "/" + rest.substring(1).split("/")[0];
        for (int i = earlier.size() - 1; i >= 0; i--) {
            String candidate = earlier.get(i);
            int at = candidate.indexOf(firstSegment + "/");
            if (at < 0 && candidate.endsWith(firstSegment)) {
                at = candidate.length() - firstSegment.length();
            }
            if (at >= 0) {
                return candidate.substring(0, at) + rest;
            }
        }
        throw new AssertionError("API.md abbreviates " + path + " but names no earlier path it continues");
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
