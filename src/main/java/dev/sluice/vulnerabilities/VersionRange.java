package dev.sluice.vulnerabilities;

import dev.sluice.pep.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An OSV range of type ECOSYSTEM over PEP 440 versions. Its events are kept sorted by version ({@code introduced: "0"}
 * first; a sort that keeps the record's order among equal versions), and a version is inside when, walking the events
 * in that order, the last one it passed opened the range: {@code introduced} at or below it opens, {@code fixed} at or
 * below it closes, {@code last_affected} below it closes. {@code limit} events (if any) bound the range from above.
 */
record VersionRange(List<Event> events, List<Version> limits, boolean unlimited) {
    enum Kind { INTRODUCED, FIXED, LAST_AFFECTED }

    /** @param version null for {@code introduced: "0"}, the start of every version */
    record Event(Kind kind, Version version) {}

    static final Comparator<Event> ORDER = Comparator.comparing(Event::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** @param limits the {@code limit} versions ({@code "*"} is {@code unlimited}) */
    static VersionRange of(List<Event> events, List<Version> limits, boolean unlimited) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(ORDER);
        return new VersionRange(List.copyOf(sorted), List.copyOf(limits), unlimited);
    }

    boolean includes(Version v) {
        boolean affected = false;
        for (Event e : events) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (e.version() == null || v.compareTo(e.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (v.compareTo(e.version()) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (v.compareTo(e.version()) > 0) {
                        affected = false;
                    }
                }
            }
        }
        return affected && belowLimits(v);
    }

    private boolean belowLimits(Version v) {
        if (unlimited || limits.isEmpty()) {
            return true;
        }
        return limits.stream().anyMatch(limit -> v.compareTo(limit) < 0);
    }

    List<Version> fixed() {
        return events.stream().filter(e -> e.kind() == Kind.FIXED).map(Event::version).toList();
    }
}
