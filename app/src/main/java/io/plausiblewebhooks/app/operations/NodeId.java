package io.plausiblewebhooks.app.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * This instance's name among the instances sharing one database: the owner written on its delivery
 * leases, shown on the admin port and in the log. Unique per running instance.
 */
public record NodeId(String value) {
    /** The width of {@code webhook_messages.lease_owner}. */
    public static final int MAX_LENGTH = 100;

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "operations.nodeId must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
        }
    }

    /**
     * The configured id, or else {@code <host>-<pid>-<random>}: host and pid say where to look, the
     * random part keeps two processes apart that share both (containers restarting with pid 1).
     */
    public static NodeId configuredOrGenerated(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeId(configured.trim());
        }
        String random = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String suffix = "-" + ProcessHandle.current().pid() + "-" + random;
        String host = hostName().replaceAll("[^A-Za-z0-9._-]", "_");
        if (host.length() > MAX_LENGTH - suffix.length()) {
            host = host.substring(0, MAX_LENGTH - suffix.length());
        }
        return new NodeId(host + suffix);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
