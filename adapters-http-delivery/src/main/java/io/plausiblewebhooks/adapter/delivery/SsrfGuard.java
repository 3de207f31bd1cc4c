package io.plausiblewebhooks.adapter.delivery;

import io.plausiblewebhooks.application.port.out.DestinationGuard;
import io.plausiblewebhooks.domain.ValidationException;
import io.plausiblewebhooks.domain.WebhookUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard. At create/update time ({@link #check}) an IP literal must be acceptable, and a
 * host name is refused if any of its addresses is refused; a name that does not resolve now is
 * accepted, since the connect-time check ({@link #resolveChecked}) protects anyway. At connect
 * time every address must pass, and only the checked addresses are handed to the connection.
 */
public final class SsrfGuard implements DestinationGuard {
    private final AddressPolicy policy;
    private final HostResolver resolver;

    public SsrfGuard(AddressPolicy policy, HostResolver resolver) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public void check(WebhookUrl url) {
        String host = url.host();
        Optional<InetAddress> literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            policy.refusal(literal.get()).ifPresent(reason -> {
                throw new ValidationException("url", "must point to a public address (" + reason + ")");
            });
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException notResolvableNow) {
            return;
        }
        for (InetAddress address : addresses) {
            policy.refusal(address).ifPresent(reason -> {
                throw new ValidationException("url", "host resolves to a non-public address (" + reason + ")");
            });
        }
    }

    /**
     * The addresses to connect to for {@code host}, all of them checked.
     *
     * @throws RefusedDestinationException when any address is refused
     * @throws UnknownHostException when the name does not resolve
     */
    public InetAddress[] resolveChecked(String host) throws UnknownHostException {
        Optional<InetAddress> literal = IpLiterals.parse(host);
        InetAddress[] addresses = literal.isPresent() ? new InetAddress[] {literal.get()} : resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> checked = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedDestinationException(host, refusal.get());
            }
            // Pin the name to the checked address so nothing resolves it again.
            checked.add(InetAddress.getByAddress(host, address.getAddress()));
        }
        return checked.toArray(InetAddress[]::new);
    }

    /** A destination the guard refused at connect time. */
    public static final class RefusedDestinationException extends UnknownHostException {
        public RefusedDestinationException(String host, String reason) {
            super("destination refused: " + host + " resolves to a non-public address (" + reason + ")");
        }
    }
}
