package io.plausiblewebhooks.app.operations;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Admin {@code GET /info}: which instance answers (node id, version, pid), for operators telling instances apart. */
public final class NodeInfoServlet extends HttpServlet {
    private final String body;

    public NodeInfoServlet(NodeId node, String version) {
        // Node id and version are restricted to printable ASCII without quotes by construction.
        this.body = "{\"nodeId\":\"" + escape(node.value()) + "\",\"version\":\"" + escape(version)
                + "\",\"pid\":" + ProcessHandle.current().pid() + "}\n";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
