package dev.sluice.index;

import java.util.List;

/** The projects an index serves, each with the serial of its last change, and the index's own last serial. */
public record ProjectList(List<Entry> projects, long lastSerial) {
    /** A project in the list: its name as first published, and in normal form. */
    public record Entry(String displayName, String normalizedName, long lastSerial) {}
}
