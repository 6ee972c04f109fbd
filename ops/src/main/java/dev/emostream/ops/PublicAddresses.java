package dev.emostream.ops;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The rule for fetching a URL on a caller's behalf (server-side request forgery): only http(s) to hosts whose every
 * address is public. Loopback, link-local (cloud metadata at 169.254.169.254), private (10/8, 172.16/12, 192.168/16),
 * carrier-grade NAT (100.64/10), unique-local IPv6 (fc00::/7), unspecified and multicast addresses are refused.
 * Redirects must not be followed by the caller (each hop would need this check again).
 */
public final class PublicAddresses {
    private PublicAddresses() {
    }

    /** Returns normally when {@code uri} may be fetched; otherwise throws naming why. */
    public static void check(URI uri) throws UnknownHostException {
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("only http and https URLs are fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (!isPublic(a)) {
                throw new IllegalArgumentException("refused: " + host + " resolves to " + a.getHostAddress() + ", not a public address");
            }
        }
    }

    /** Whether {@code a} is a public unicast address. */
    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return !(first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240);
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xFE) != 0xFC;  // fc00::/7 unique local
        }
        return false;
    }
}
