package dev.sluice.usage;

import dev.sluice.fuzz.Fuzzing;

/** Fuzz target for User-Agent parsing: any header yields a client description, never an exception. */
public final class UserAgentFuzz {
    private UserAgentFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ClientInfo client = ClientInfo.parse(Fuzzing.text(data));
        Fuzzing.check(client != null && client.installer() != null, "every User-Agent names a client kind");
    }
}
