package io.plausiblewebhooks.adapter.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HttpClient resolver: resolves through the SSRF guard, so the connection is opened only to
 * addresses that were checked in the same step (no window for DNS rebinding).
 */
public final class GuardedDnsResolver implements DnsResolver {
    private final SsrfGuard guard;

    public GuardedDnsResolver(SsrfGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolveChecked(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // Only used for SPNEGO/Kerberos; never resolve more than needed.
        return host;
    }
}
