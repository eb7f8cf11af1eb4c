package dev.sluice.access;

/** Who made a request, as far as Sluice could tell. */
public record Identity(String name, boolean admin) {
    public static final Identity ANONYMOUS = new Identity("anonymous", false);
}
