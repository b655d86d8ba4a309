package io.tessera.stream.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refuses requests whose Host header is not one of the dashboard's names. Without it a web page
 * on any site could point its own host name at 127.0.0.1 (DNS rebinding) and read the
 * dashboard, which shows frames from the line, through the operator's browser.
 */
final class HostCheck {
    /** Names that always reach a loopback-bound dashboard. */
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;
    private final boolean any;

    /**
     * @param configured names from dashboard.allowed-hosts (comma-separated; {@code *} allows any)
     * @param bindAddress the address served, allowed too unless it is a wildcard
     */
    HostCheck(String configured, String bindAddress) {
        List<String> names = configured == null || configured.isBlank() ? List.of()
                : Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.any = names.contains("*");
        Stream<String> bind = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? Stream.empty() : Stream.of(bindAddress);
        this.allowed = Stream.of(LOOPBACK.stream(), names.stream(), bind).flatMap(s -> s)
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean allows(String hostHeader) {
        if (any) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) { // [v6]:port
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) { // name:port
            host = host.substring(0, host.indexOf(':'));
        }
        return allowed.contains(host);
    }
}
