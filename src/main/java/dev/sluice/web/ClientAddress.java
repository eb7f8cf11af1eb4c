package dev.sluice.web;

import java.util.List;
import java.util.Set;

/**
 * The address of the client behind a request: the connection's peer, unless that peer is a configured
 * trusted proxy; then the rightmost X-Forwarded-For entry that is not itself a trusted proxy (entries to
 * its left were written by the client and prove nothing). Throttling and the usage log rely on it, so a
 * client can never choose its own address by sending the header.
 */
final class ClientAddress {
    private final Set<String> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** @param peer the connection's peer address @param forwarded the X-Forwarded-For header, or null */
    String of(String peer, String forwarded) {
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        if (forwarded == null || forwarded.length() > 2_000) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.matches("[0-9A-Fa-f.:\\[\\]]{2,45}") ? hop : peer;
            }
        }
        return peer;
    }
}
