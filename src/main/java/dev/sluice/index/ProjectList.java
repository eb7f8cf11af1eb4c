package dev.sluice.index;

import java.util.List;
import java.util.function.Supplier;

/**
 * The projects an index serves, each with the serial of its last change, and the index's own last serial.
 * The serial is known at once; the entries (600,000 of them for a PyPI-sized index) are read only when
 * asked for, so that a request answered from a rendering cached under the serial never reads them.
 */
public final class ProjectList {
    /** A project in the list: its name as first published, and in normal form. */
    public record Entry(String displayName, String normalizedName, long lastSerial) {}

    private final Supplier<List<Entry>> entries;
    private final long lastSerial;

    public ProjectList(List<Entry> projects, long lastSerial) {
        this(lastSerial, () -> projects);
    }

    private ProjectList(long lastSerial, Supplier<List<Entry>> entries) {
        this.entries = entries;
        this.lastSerial = lastSerial;
    }

    /** A list whose entries are read from the source each time they are asked for. */
    public static ProjectList lazy(long lastSerial, Supplier<List<Entry>> entries) {
        return new ProjectList(lastSerial, entries);
    }

    /** The entries, in normal-name order. */
    public List<Entry> projects() {
        return entries.get();
    }

    public long lastSerial() {
        return lastSerial;
    }

    /** This list without the entries the predicate refuses; still read only when asked for. */
    public ProjectList filter(java.util.function.Predicate<Entry> keep) {
        return lazy(lastSerial, () -> projects().stream().filter(keep).toList());
    }
}
