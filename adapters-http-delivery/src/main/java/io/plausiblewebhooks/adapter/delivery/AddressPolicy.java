package io.plausiblewebhooks.adapter.delivery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may reach: public unicast only, unless inside an allowed network.
 * IPv6 forms that embed an IPv4 address (mapped, compatible, 6to4, Teredo, NAT64) are judged by
 * the IPv4 address they carry, so {@code ::ffff:127.0.0.1} is as refused as {@code 127.0.0.1}.
 */
public final class AddressPolicy {
    private static final List<Cidr> REFUSED_V4 = cidrs(
            "0.0.0.0/8",          // "this network"
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata (169.254.169.254)
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation
            "192.88.99.0/24",     // 6to4 relay anycast
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, includes broadcast 255.255.255.255
    private static final List<Cidr> REFUSED_V6 = cidrs(
            "::/128",             // unspecified
            "::1/128",            // loopback
            "100::/64",           // discard
            "2001:db8::/32",      // documentation
            "fc00::/7",           // unique local
            "fe80::/10",          // link-local
            "fec0::/10",          // site-local (deprecated)
            "ff00::/8");          // multicast
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr NAT64_LOCAL = Cidr.parse("64:ff9b:1::/48");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr TEREDO = Cidr.parse("2001::/32");

    private final List<Cidr> allowed;

    public AddressPolicy(List<Cidr> allowedNetworks) {
        this.allowed = List.copyOf(allowedNetworks);
    }

    public static AddressPolicy parse(List<String> allowedNetworks) {
        return new AddressPolicy(allowedNetworks.stream().map(Cidr::parse).toList());
    }

    /** Why the address may not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (isAllowed(bytes)) {
            return Optional.empty();
        }
        if (address instanceof Inet4Address) {
            return refusalV4(bytes);
        }
        for (Cidr refused : REFUSED_V6) {
            if (refused.contains(bytes)) {
                return Optional.of(address.getHostAddress() + " is in " + refused);
            }
        }
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            if (isAllowed(embedded.get())) {
                return Optional.empty();
            }
            return refusalV4(embedded.get()).map(reason -> address.getHostAddress() + " embeds " + reason);
        }
        if (NAT64_LOCAL.contains(bytes)) {
            return Optional.of(address.getHostAddress() + " is in " + NAT64_LOCAL);
        }
        return Optional.empty();
    }

    private boolean isAllowed(byte[] bytes) {
        for (Cidr network : allowed) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> refusalV4(byte[] bytes) {
        for (Cidr refused : REFUSED_V4) {
            if (refused.contains(bytes)) {
                return Optional.of(dotted(bytes) + " is in " + refused);
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 transition form carries, if any. */
    static Optional<byte[]> embeddedIpv4(byte[] v6) {
        if (MAPPED.contains(v6) || TRANSLATED.contains(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return Optional.of(new byte[] {v6[12], v6[13], v6[14], v6[15]});
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return Optional.of(new byte[] {v6[2], v6[3], v6[4], v6[5]});
        }
        if (TEREDO.contains(v6)) {
            // The client address is stored inverted in the last 32 bits; the server's in bits 32-63.
            byte[] client = {(byte) ~v6[12], (byte) ~v6[13], (byte) ~v6[14], (byte) ~v6[15]};
            byte[] server = {v6[4], v6[5], v6[6], v6[7]};
            return refusalV4(client).isPresent() ? Optional.of(client) : Optional.of(server);
        }
        return Optional.empty();
    }

    private static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static List<Cidr> cidrs(String... texts) {
        return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
