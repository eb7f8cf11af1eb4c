package dev.sluice.index;

/**
 * Who asks, as far as a gate may care. An account's identity is one; {@link #SERVER} is Sluice asking on its own
 * behalf (a name check before an upload, a reserve's lookup), which the server's rules always let through.
 */
public interface Caller {
    String name();

    Caller SERVER = () -> "(server)";
}
