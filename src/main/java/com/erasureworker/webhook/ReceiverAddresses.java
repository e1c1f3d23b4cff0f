package com.erasureworker.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a webhook may reach: only public ones. Loopback, "this network", private (RFC 1918), CGNAT
 * (100.64/10), link-local (incl. the cloud metadata address 169.254.169.254), unique-local (fc00::/7), multicast,
 * reserved and benchmarking ranges are refused, also when an IPv6 address embeds an IPv4 one (mapped, compatible,
 * 6to4, NAT64). A receiver is checked when it is saved and again at every send, on the addresses the host resolves to
 * then; the send connects to the checked address, so a second DNS answer cannot differ. Loopback alone can be allowed
 * for tests and local runs ({@code WEBHOOK_ALLOW_LOOPBACK}, refused in production).
 */
@ApplicationScoped
class ReceiverAddresses {

    /** A host resolved and checked: the address to connect to, or why none may be used. */
    record Checked(InetAddress address, String refusal) {
        boolean allowed() {
            return refusal == null;
        }
    }

    static final String UNRESOLVED = "the host does not resolve";

    private final ReceiverResolver resolver;
    private final boolean allowLoopback;

    ReceiverAddresses(ReceiverResolver resolver, WebhookConfig config) {
        this.resolver = resolver;
        this.allowLoopback = config.allowLoopback();
    }

    /** Resolves the URL's host once; refused when it does not resolve or when any of its addresses is not public. */
    Checked check(URI url) {
        String host = url.getHost();
        if (host == null) {
            return new Checked(null, "no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if ((lower.equals("localhost") || lower.endsWith(".localhost")) && !allowLoopback) {
            return new Checked(null, "a loopback address (localhost)");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            return new Checked(null, UNRESOLVED);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address, allowLoopback);
            if (refusal.isPresent()) {
                return new Checked(null, refusal.get());
            }
        }
        return addresses.isEmpty() ? new Checked(null, UNRESOLVED) : new Checked(addresses.get(0), null);
    }

    /**
     * At save: why the URL may not be a receiver, or empty. A host that does not resolve now is accepted (DNS may be
     * down, or the name not yet published); every send checks it again.
     */
    Optional<String> refusalAtSave(URI url) {
        Checked checked = check(url);
        return checked.allowed() || UNRESOLVED.equals(checked.refusal()) ? Optional.empty()
                : Optional.of(checked.refusal());
    }

    /** Why this address may not be a receiver, or empty for a public address (or loopback where allowed). */
    static Optional<String> refusal(InetAddress address, boolean allowLoopback) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return refusal(InetAddress.getByAddress(embedded), allowLoopback);
                } catch (UnknownHostException impossible) {
                    return Optional.of("an unusable address");
                }
            }
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (incl. cloud metadata)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return Optional.of("a private address");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a shared (CGNAT) address");
            }
            if (first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))) {
                return Optional.of("a reserved address");
            }
            return Optional.empty();
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside a mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), 6to4 or NAT64 IPv6 address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroTen = true;
        for (int i = 0; i < 10; i++) {
            zeroTen &= b[i] == 0;
        }
        boolean mapped = zeroTen && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroTen && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
        if (mapped || compatible) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        return nat64 ? new byte[] {b[12], b[13], b[14], b[15]} : null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
