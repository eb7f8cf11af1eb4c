package dev.sluice.index.gates;

import dev.sluice.index.ProjectPage;
import dev.sluice.pep.ProjectName;
import dev.sluice.util.WeighedLru;
import java.util.function.BiPredicate;

/**
 * What a gate made of each project's page, kept so that a page asked for again costs one lookup; the gate itself
 * says when a kept judgement still holds. Bounded twice: by pages, and by the files the kept pages list (a
 * judgement holds its page, and a proxy's page may list thousands of files), the least recently used going
 * first. The bounds are those of the rendered pages in front of the gates, so that a client reading many
 * projects in turn (a resolver, a mirror) finds each page judged, not judged again for every request.
 */
public final class JudgedPages<V> {
    /** As many pages as the simple API keeps rendered. */
    public static final int MAX_PAGES = 16_384;
    /** Files the kept pages may list in all: about 40 MB of listing at most. */
    public static final long MAX_FILES = 200_000;

    /** A judgement, the page it was made of (or an equal page met since), and the files that page lists: its weight. */
    private record Kept<V>(ProjectPage input, V judgement, int files) {}

    private final WeighedLru<ProjectName, Kept<V>> kept;

    public JudgedPages() {
        this(MAX_PAGES, MAX_FILES);
    }

    JudgedPages(int maxPages, long maxFiles) {
        this.kept = new WeighedLru<>(maxPages, maxFiles);
    }

    /**
     * The judgement kept for this page of the project, or null when none is, or it was made of another page. A page
     * {@code same} finds equal to the one judged (a source built it anew) takes that one's place, so that the next
     * request finds it by identity instead of comparing every file of a large page again.
     */
    public V get(ProjectName name, ProjectPage page, BiPredicate<ProjectPage, ProjectPage> same) {
        Kept<V> k = kept.get(name);
        if (k == null || k.input() != page && !same.test(k.input(), page)) {
            return null;
        }
        if (k.input() != page) {
            kept.put(name, new Kept<>(page, k.judgement(), k.files()), k.files());
        }
        return k.judgement();
    }

    /** Keeps a judgement of {@code page}, in place of any earlier one of the project. */
    public void put(ProjectName name, ProjectPage page, V judgement) {
        int files = page.files().size();
        kept.put(name, new Kept<>(page, judgement, files), files);
    }

    int size() {
        return kept.size();
    }

    /**
     * Whether two answers of a source list the same files: sources may build a new page for every request, so a
     * judgement is kept by content (the serial first, which changes with every change a source knows of).
     */
    public static boolean sameFiles(ProjectPage a, ProjectPage b) {
        return a == b || a.lastSerial() == b.lastSerial() && a.files().size() == b.files().size() && a.files().equals(b.files());
    }
}
