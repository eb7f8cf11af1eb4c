package dev.sluice.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names every request this process answers: a prefix drawn at start (so that the ids of several nodes, or of one node
 * before and after a restart, never meet) and a counter. Cheap enough for every request: no random draw each time.
 */
final class RequestIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    RequestIds() {
        byte[] start = new byte[5];
        new SecureRandom().nextBytes(start);
        this.prefix = HexFormat.of().formatHex(start) + "-";
    }

    /** A new id, such as {@code 3f9a1c2e07-1b}: at most 24 characters. */
    String next() {
        return prefix + Long.toString(next.incrementAndGet(), 36);
    }
}
