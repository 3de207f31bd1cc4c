package io.plausiblewebhooks.adapter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {
    /** A resolver we control: a fixed table, everything else is unknown. */
    private static HostResolver table(Map<String, List<String>> entries) {
        return host -> {
            List<String> addresses = entries.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] result = new InetAddress[addresses.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = InetAddress.getByAddress(host, IpLiterals.parse(addresses.get(i)).orElseThrow().getAddress());
            }
            return result;
        };
    }

    private final SsrfGuard guard = new SsrfGuard(AddressPolicy.parse(List.of()), table(Map.of(
            "public.example", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "mixed.example", List.of("93.184.216.34", "10.1.2.3"),
            "metadata.example", List.of("169.254.169.254"),
            "v6loop.example", List.of("::1"))));

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "100.127.255.255", "169.254.0.1", "169.254.169.254", "192.0.0.8",
            "198.18.0.1", "198.19.255.255", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
            // the forms a resolver accepts for 127.0.0.1
            "2130706433", "0x7f.1", "017700000001", "0x7f000001", "127.1", "0177.0.0.1", "127.0.0.1.",
            // IPv6
            "[::1]", "[::]", "[fc00::1]", "[fd12:3456::1]", "[fe80::1]", "[fe80::1%25eth0]", "[ff02::1]",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[::ffff:169.254.169.254]",
            "[::ffff:0:10.0.0.1]", "[2002:7f00:1::]", "[2002:a9fe:a9fe::1]", "[64:ff9b::7f00:1]",
            "[64:ff9b::10.0.0.1]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[0:0:0:0:0:ffff:127.0.0.1]"})
    void refusesNonPublicAddressLiterals(String host) {
        assertThatThrownBy(() -> guard.check(new WebhookUrl("https://" + host + "/hook")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "[2606:4700:4700::1111]", "[::ffff:8.8.8.8]",
            "[2002:0808:0808::1]", "public.example", "does-not-resolve.example"})
    void acceptsPublicAddressesAndNamesThatDoNotResolveNow(String host) {
        assertThatCode(() -> guard.check(new WebhookUrl("https://" + host + "/hook"))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed.example", "metadata.example", "v6loop.example"})
    void refusesAHostNameWhenAnyOfItsAddressesIsRefused(String host) {
        assertThatThrownBy(() -> guard.check(new WebhookUrl("https://" + host + "/hook")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("url");
    }

    @Test
    void allowedNetworksAreExempt() {
        SsrfGuard lenient = new SsrfGuard(AddressPolicy.parse(List.of("127.0.0.0/8", "fd00::/8")), table(Map.of()));

        assertThatCode(() -> lenient.check(new WebhookUrl("https://127.0.0.1:8443/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> lenient.check(new WebhookUrl("https://[fd00::5]/hook"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> lenient.check(new WebhookUrl("https://10.0.0.1/hook"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void atConnectTimeRefusesANameThatNowResolvesToARefusedAddress() {
        // Rebinding: public when the webhook was created, loopback when the request goes out.
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {93, (byte) 184, (byte) 216, 34} : new byte[] {127, 0, 0, 1})};
        SsrfGuard rebindingGuard = new SsrfGuard(AddressPolicy.parse(List.of()), rebinding);

        assertThatCode(() -> rebindingGuard.check(new WebhookUrl("https://rebind.example/hook"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> rebindingGuard.resolveChecked("rebind.example"))
                .isInstanceOf(SsrfGuard.RefusedDestinationException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void atConnectTimeHandsOnlyTheCheckedAddressesPinnedToTheName() throws Exception {
        InetAddress[] addresses = guard.resolveChecked("public.example");

        assertThat(addresses).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");
        assertThat(addresses).extracting(InetAddress::getHostName).containsOnly("public.example");
        assertThatThrownBy(() -> guard.resolveChecked("0x7f.1")).isInstanceOf(SsrfGuard.RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.resolveChecked("mixed.example")).isInstanceOf(SsrfGuard.RefusedDestinationException.class);
    }

    @Test
    void cidrParsesBothFamilies() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(IpLiterals.parse("10.200.0.1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(IpLiterals.parse("11.0.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(IpLiterals.ipv6Bytes("febf::1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(IpLiterals.ipv6Bytes("fec0::1").orElseThrow())).isFalse();
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
