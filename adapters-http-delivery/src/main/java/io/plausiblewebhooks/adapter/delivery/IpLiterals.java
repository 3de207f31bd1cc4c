package io.plausiblewebhooks.adapter.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a host that is an IP address in any form a resolver might accept, without DNS:
 * dotted IPv4 with one to four parts in decimal, octal ({@code 0177}) or hex ({@code 0x7f})
 * as {@code inet_aton} reads them ({@code 2130706433}, {@code 0x7f.1}, {@code 017700000001}),
 * and IPv6 with or without brackets and zone id ({@code [fe80::1%25eth0]}).
 */
final class IpLiterals {
    private IpLiterals() {
    }

    static Optional<InetAddress> parse(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            return parseIpv6(h);
        }
        if (h.endsWith(".")) {
            // A trailing dot ends a fully qualified name; resolvers accept "127.0.0.1." too.
            h = h.substring(0, h.length() - 1);
        }
        return parseIpv4(h);
    }

    private static Optional<InetAddress> parseIpv6(String text) {
        return ipv6Bytes(text).map(bytes -> {
            try {
                // Note: the JDK turns IPv4-mapped addresses into Inet4Address here.
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
    }

    /** The 16 bytes of an IPv6 literal (zone id ignored), or empty when it is not one. */
    static Optional<byte[]> ipv6Bytes(String text) {
        String h = text;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        byte[] tail4 = null;
        int lastColon = h.lastIndexOf(':');
        if (lastColon >= 0 && h.indexOf('.', lastColon) > 0) {
            // Dotted IPv4 in the last 32 bits (::ffff:127.0.0.1): strictly four decimal parts.
            String[] quad = h.substring(lastColon + 1).split("\\.", -1);
            if (quad.length != 4) {
                return Optional.empty();
            }
            tail4 = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (quad[i].isEmpty() || quad[i].length() > 3 || !quad[i].chars().allMatch(Character::isDigit)) {
                    return Optional.empty();
                }
                int v = Integer.parseInt(quad[i]);
                if (v > 255) {
                    return Optional.empty();
                }
                tail4[i] = (byte) v;
            }
            h = h.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = h.indexOf("::");
        if (doubleColon >= 0 && h.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String[] head;
        String[] rest;
        if (doubleColon >= 0) {
            String left = h.substring(0, doubleColon);
            String right = h.substring(doubleColon + 2);
            head = left.isEmpty() ? new String[0] : left.split(":", -1);
            rest = right.isEmpty() ? new String[0] : right.split(":", -1);
            if (head.length + rest.length > 7) {
                return Optional.empty();
            }
        } else {
            head = h.split(":", -1);
            rest = new String[0];
            if (head.length != 8) {
                return Optional.empty();
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            Integer g = group(head[i]);
            if (g == null) {
                return Optional.empty();
            }
            groups[i] = g;
        }
        for (int i = 0; i < rest.length; i++) {
            Integer g = group(rest[i]);
            if (g == null) {
                return Optional.empty();
            }
            groups[8 - rest.length + i] = g;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >>> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, bytes, 12, 4);
        }
        return Optional.of(bytes);
    }

    private static Integer group(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return Integer.parseInt(text, 16);
    }

    private static Optional<InetAddress> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        // inet_aton: the last part fills all remaining bytes.
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        int remainingBytes = 4 - (values.length - 1);
        if (last >= (1L << (8 * remainingBytes))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Long number(String part) {
        if (part.isEmpty()) {
            return null;
        }
        String p = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        if (p.startsWith("0x")) {
            radix = 16;
            p = p.substring(2);
            if (p.isEmpty()) {
                return 0L; // inet_aton reads a bare "0x" as zero
            }
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            p = p.substring(1);
        }
        if (!p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            // BigInteger: any number of leading zeros, no overflow.
            java.math.BigInteger value = new java.math.BigInteger(p, radix);
            return value.bitLength() > 32 ? null : value.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
