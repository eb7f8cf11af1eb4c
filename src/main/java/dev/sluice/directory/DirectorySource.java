package dev.sluice.directory;

import dev.sluice.index.ContentCheck;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.InvalidFilenameException;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.WheelFilename;
import dev.sluice.store.FileRanges;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing folder of wheels and sdists served read-only, as pypiserver keeps them: files in the folder
 * or in subfolders of it (any layout: flat, one folder per project, or a static PEP 503 tree as dir2pi or a
 * mirror writes it), grouped by the project their filename names. A static tree's HTML pages are not read:
 * the files are served as found, with hashes computed here. The folder is listed again when the last listing is older than the rescan interval, so
 * files copied in appear by themselves. A file's sha256 is computed the first time its project is asked
 * for and remembered ({@link HashMemory}); its upload time is its modification time.
 *
 * <p>Each file is inspected in the background when first listed; until its verdict is in, it is served or (with
 * {@code holdUnscanned}) answered with 503 and a Retry-After, and a file found malicious is refused.
 *
 * <p>Symbolic links and hidden entries (names starting with '.') are skipped: a link could lead out of the
 * folder. Files whose names are not distribution filenames are skipped too, with a warning. The folder
 * must be written with complete files (copy, then rename), as a half-copied wheel would be served as is.
 */
public final class DirectorySource implements Repository, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySource.class);
    /** Deep enough for a mirror's {@code packages/ab/cd/<hash>/<file>} layout. */
    private static final int MAX_DEPTH = 8;
    /** Files a static index keeps beside its distributions: skipped without a warning. */
    private static final java.util.regex.Pattern INDEX_ARTEFACT =
            java.util.regex.Pattern.compile(".*\\.(html?|json|asc|sig|metadata|txt|md)$", java.util.regex.Pattern.CASE_INSENSITIVE);

    private record Entry(String relativePath, Path path, DistributionFilename parsed, long size, long modifiedMillis) {}

    /** @param built the pages made from this listing so far, by project: a page is made once per scan, not per request */
    private record Listing(Map<String, List<Entry>> byProject, Map<String, String> displayNames, Instant taken, long serial,
            Map<String, Built> built) {}

    /** A page made from a listing, and whether every file of it has been judged (then nothing is left to schedule). */
    private record Built(ProjectPage page, java.util.concurrent.atomic.AtomicBoolean allJudged) {}

    private final String name;
    private final Path root;
    private final Duration rescanInterval;
    private final HashMemory hashes;
    private final Clock clock;
    private final BackgroundInspection inspection;
    private final boolean holdUnscanned;
    private final Set<String> warnedAbout = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Listing listing;

    /** Seconds a client is asked to wait for a file being inspected: most take well under one. */
    static final long INSPECTING_RETRY_SECONDS = 5;

    /**
     * @param hashMemory the file that remembers computed hashes across restarts
     * @param check judges each file once, in the background as it is listed
     * @param holdUnscanned whether a file not yet judged answers 503 (else it is served meanwhile)
     */
    public DirectorySource(String name, Path root, Duration rescanInterval, Path hashMemory, Clock clock, ContentCheck check,
            boolean holdUnscanned) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        this.name = name;
        this.root = root.toRealPath();
        this.rescanInterval = rescanInterval;
        this.hashes = new HashMemory(hashMemory);
        this.clock = clock;
        this.inspection = new BackgroundInspection(name, check);
        this.holdUnscanned = holdUnscanned;
    }

    public String name() {
        return name;
    }

    /** Stops the background inspection (files not judged yet are judged when next listed). */
    @Override
    public void close() {
        inspection.close();
    }

    @Override
    public ProjectList projects(RequestContext context) {
        Listing l = current();
        long asOf = context.asOf() == null ? Long.MAX_VALUE : context.asOf().toEpochMilli();
        return new ProjectList(l.byProject().entrySet().stream()
                .filter(p -> p.getValue().stream().anyMatch(e -> e.modifiedMillis() <= asOf))
                .map(p -> new ProjectList.Entry(l.displayNames().get(p.getKey()), p.getKey(), l.serial())).toList(), l.serial());
    }

    @Override
    public ProjectPage project(ProjectName project, RequestContext context) {
        Listing l = current();
        List<Entry> entries = l.byProject().get(project.value());
        if (entries == null) {
            throw new ProjectNotFound(project.value());
        }
        Built built = l.built().get(project.value());
        if (built == null) {
            List<DistributionFile> files = new ArrayList<>();
            for (Entry e : entries) {
                files.add(describe(e));
            }
            built = new Built(new ProjectPage(project, l.displayNames().get(project.value()), l.serial(), List.copyOf(files),
                    Provenance.source(name)), new java.util.concurrent.atomic.AtomicBoolean());
            l.built().put(project.value(), built);
        }
        if (!built.allJudged().get()) {
            // Listing a page queues its files that were not judged yet; once all were, the page costs a lookup.
            boolean all = true;
            for (int i = 0; i < entries.size(); i++) {
                DistributionFile f = built.page().files().get(i);
                all &= inspection.judged(f.sha256());
                inspection.schedule(project, f.filename(), f.sha256(), entries.get(i).path());
            }
            built.allJudged().set(all);
        }
        return built.page();
    }

    @Override
    public Resource file(ProjectName project, String filename, RequestContext context) {
        Entry entry = entry(project, filename);
        DistributionFile described = describe(entry);
        if (!inspection.judged(described.sha256())) {
            inspection.schedule(project, filename, described.sha256(), entry.path());
            if (holdUnscanned) {
                throw new SourceUnavailable(503, "'" + filename + "' in " + name + " is being inspected; ask again shortly",
                        INSPECTING_RETRY_SECONDS, null);
            }
        } else if (inspection.refusal(described.sha256()) != null) {
            throw new Refused("inspection", inspection.refusal(described.sha256()));
        }
        return Resource.of(described.sha256(), entry.size(), (offset, length) -> FileRanges.open(entry.path(), offset, length))
                .servedBy(name);
    }

    @Override
    public Resource metadata(ProjectName project, String filename, RequestContext context) {
        entry(project, filename);
        throw new FileNotFound(project.value(), filename + ".metadata");
    }

    private Entry entry(ProjectName project, String filename) {
        List<Entry> entries = current().byProject().get(project.value());
        if (entries == null) {
            throw new ProjectNotFound(project.value());
        }
        return entries.stream().filter(e -> e.parsed().filename().equals(filename)).findFirst()
                .orElseThrow(() -> new FileNotFound(project.value(), filename));
    }

    private DistributionFile describe(Entry e) {
        String sha256;
        try {
            sha256 = hashes.sha256(e.relativePath(), e.path(), e.size(), e.modifiedMillis());
        } catch (IOException failed) {
            throw new SourceUnavailable(503, "'" + e.relativePath() + "' in " + name + " cannot be read: " + failed.getMessage(),
                    null, failed);
        }
        String pythonVersion = e.parsed() instanceof WheelFilename w ? w.tags().get(0).interpreter() : "source";
        String packagetype = e.parsed() instanceof WheelFilename ? "bdist_wheel" : "sdist";
        return new DistributionFile(e.parsed().filename(), e.parsed().version().toString(), packagetype, pythonVersion,
                e.size(), sha256, null, null, null, false, null, Instant.ofEpochMilli(e.modifiedMillis()), false, null);
    }

    private Listing current() {
        Listing l = listing;
        if (l == null || !l.taken().plus(rescanInterval).isAfter(clock.instant())) {
            synchronized (this) {
                l = listing;
                if (l == null || !l.taken().plus(rescanInterval).isAfter(clock.instant())) {
                    l = scan(l);
                    listing = l;
                }
            }
        }
        return l;
    }

    private Listing scan(Listing previous) {
        Map<String, List<Entry>> byProject = new TreeMap<>();
        Map<String, String> displayNames = new TreeMap<>();
        Set<String> filenames = new HashSet<>();
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                        found.add(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SourceUnavailable(503, "the folder of " + name + " cannot be listed: " + e.getMessage(), null, e);
        }
        found.sort(Comparator.comparing(Path::toString));
        for (Path file : found) {
            Entry entry = entry(file);
            if (entry == null) {
                continue;
            }
            if (!filenames.add(entry.parsed().filename())) {
                warnOnce(entry.relativePath(), "'{}' in {} is skipped: a file of that name is elsewhere in the folder");
                continue;
            }
            byProject.computeIfAbsent(entry.parsed().normalizedName(), p -> new ArrayList<>()).add(entry);
            displayNames.putIfAbsent(entry.parsed().normalizedName(), displayName(entry.parsed()));
        }
        byProject.values().forEach(files -> files.sort(Comparator.comparing((Entry e) -> e.parsed().version())
                .thenComparing(e -> e.parsed().filename())));
        long serial = previous == null ? 1 : previous.byProject().equals(byProject) ? previous.serial() : previous.serial() + 1;
        return new Listing(byProject, displayNames, clock.instant(), serial, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private Entry entry(Path file) {
        String relative = root.relativize(file).toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            DistributionFilename parsed = DistributionFilename.parse(file.getFileName().toString());
            return new Entry(relative, file, parsed, attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (InvalidFilenameException e) {
            if (!INDEX_ARTEFACT.matcher(relative).matches()) {
                warnOnce(relative, "'{}' in {} is skipped: not a wheel or sdist filename");
            }
            return null;
        } catch (IOException vanished) {
            return null; // removed between listing and reading its attributes
        }
    }

    private static String displayName(DistributionFilename parsed) {
        String filename = parsed.filename();
        return filename.substring(0, filename.indexOf('-'));
    }

    private void warnOnce(String relativePath, String message) {
        if (warnedAbout.add(relativePath)) {
            LOG.warn(message, relativePath, name);
        }
    }
}
