package dev.sluice.index;

/**
 * Who asks, as far as a gate may care: a name, and whether the caller may read a route. An account's identity is
 * one; {@link #SERVER} is Sluice asking on its own behalf (a name check before an upload, a reserve's lookup).
 */
public interface Caller {
    String name();

    boolean mayRead(String route);

    Caller SERVER = new Caller() {
        @Override
        public String name() {
            return "(server)";
        }

        @Override
        public boolean mayRead(String route) {
            return true;
        }
    };
}
