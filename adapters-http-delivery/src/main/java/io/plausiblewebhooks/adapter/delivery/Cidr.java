package io.plausiblewebhooks.adapter.delivery;

import java.net.InetAddress;
import java.util.Objects;

/** A network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {
    public Cidr {
        Objects.requireNonNull(network, "network");
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an IPv4 or IPv6 network");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** @throws IllegalArgumentException when the text is not a CIDR of literal addresses */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        // IPv6 by its 16 bytes: the JDK would turn ::ffff:0:0 into an IPv4 address.
        byte[] bytes = address.indexOf(':') >= 0
                ? IpLiterals.ipv6Bytes(address).orElseThrow(() -> new IllegalArgumentException("not an IP network: " + text))
                : IpLiterals.parse(address).orElseThrow(() -> new IllegalArgumentException("not an IP network: " + text))
                        .getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength
                && java.util.Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
