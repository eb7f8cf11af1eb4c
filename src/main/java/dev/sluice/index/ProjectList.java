package dev.sluice.index;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The projects an index serves, each with the serial of its last change, and the index's own last serial.
 * The serial is known at once; the entries (600,000 of them for a PyPI-sized index) are streamed in
 * normal-name order only when asked for, straight from the catalog, so that no one holds them all at once and
 * a request answered from a rendering cached under the serial never reads them.
 */
public final class ProjectList {
    /** A project in the list: its name as first published, and in normal form. */
    public record Entry(String displayName, String normalizedName, long lastSerial) {}

    /** Opens a list's entries, in normal-name order. The stream may hold a database cursor: close it. */
    @FunctionalInterface
    public interface Entries {
        Stream<Entry> open();
    }

    private final Entries entries;
    private final long lastSerial;
    private final String version;

    /** A list held in memory (the entries are put in normal-name order). */
    public ProjectList(List<Entry> projects, long lastSerial) {
        this(lastSerial, Long.toString(lastSerial), sorted(projects)::stream);
    }

    private ProjectList(long lastSerial, String version, Entries entries) {
        this.entries = entries;
        this.lastSerial = lastSerial;
        this.version = version;
    }

    private static List<Entry> sorted(List<Entry> projects) {
        return projects.stream().sorted(Comparator.comparing(Entry::normalizedName)).toList();
    }

    /** A list whose entries are read from the source each time they are opened; they must come in normal-name order. */
    public static ProjectList lazy(long lastSerial, Entries entries) {
        return new ProjectList(lastSerial, Long.toString(lastSerial), entries);
    }

    /** A list whose serial does not tell all its changes: the version does (a proxy's list of cached projects). */
    public static ProjectList lazy(long lastSerial, String version, Entries entries) {
        return new ProjectList(lastSerial, version, entries);
    }

    /**
     * The lists as one, in normal-name order, streamed: a name listed by several is listed once, as
     * {@code same} combines its entries (the earlier list's entry first).
     */
    public static ProjectList merge(long lastSerial, List<ProjectList> lists, BinaryOperator<Entry> same) {
        String version = String.join("+", lists.stream().map(ProjectList::version).toList());
        return lazy(lastSerial, version, () -> SortedMerge.of(lists, same));
    }

    /** Opens the entries, in normal-name order. Close the stream: it may hold a database cursor. */
    public Stream<Entry> stream() {
        return entries.open();
    }

    /** What a renderer does with each entry. */
    @FunctionalInterface
    public interface EntryWriter {
        void write(Entry entry) throws IOException;
    }

    /** Hands each entry, in normal-name order, to {@code each}, and closes the entries' cursor after the last. */
    public void forEach(EntryWriter each) throws IOException {
        try (Stream<Entry> all = stream()) {
            for (Entry entry : (Iterable<Entry>) all::iterator) {
                each.write(entry);
            }
        }
    }

    /** The entries, all in memory: for small lists and tests. Renderers stream them instead. */
    public List<Entry> projects() {
        try (Stream<Entry> all = stream()) {
            return all.toList();
        }
    }

    public long lastSerial() {
        return lastSerial;
    }

    /**
     * What the entries depend on, for caches of renderings: the serial, and for lists made of others all of
     * theirs. It changes whenever the entries may have.
     */
    public String version() {
        return version;
    }

    /** This list without the entries the predicate refuses; still read only when opened. */
    public ProjectList filter(Predicate<Entry> keep) {
        return lazy(lastSerial, version, () -> stream().filter(keep));
    }
}
