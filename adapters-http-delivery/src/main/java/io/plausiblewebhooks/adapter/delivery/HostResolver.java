package io.plausiblewebhooks.adapter.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses; the system resolver in production, a fixed table in tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
