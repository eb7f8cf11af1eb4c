package dev.sluice.integrity;

import dev.sluice.access.Callers;
import dev.sluice.store.Backup;
import dev.sluice.store.BlobStore;
import dev.sluice.store.BlobUse;
import dev.sluice.util.Digests;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Whether every stored file is still what the catalog says ({@code sluice verify}): every blob a catalog row names is
 * there and its bytes have its sha256, and every stored blob is named by some row. Read at a bounded rate, so that a
 * serving node keeps serving. With repair, a damaged blob is taken aside (copied to {@code <data>/quarantine/} and
 * removed from the store): a proxy's cached copy is forgotten and fetched again on the next request; a hosted or
 * carried-in file, the only copy, is reported for restoring from a backup, never dropped in silence.
 */
public final class Integrity {
    /** What a check found and did. */
    public record Report(int blobs, long bytes, List<Problem> missing, List<Problem> damaged, List<String> unreferenced,
            Duration took) {
        public boolean clean() {
            return missing.isEmpty() && damaged.isEmpty();
        }
    }

    /** A blob that is missing or damaged, the rows that name it, and what repair did about it (null: nothing). */
    public record Problem(String sha256, List<String> namedBy, String repair) {}

    /** How far a check is, for a progress line. */
    public interface Progress {
        void checked(int blobs, int of, long bytes);
    }

    private final BlobStore stored;
    private final BlobStore served;
    private final Supplier<Stream<BlobUse>> uses;
    private final ToIntFunction<String> forgetCached;
    private final Path quarantine;
    private final Backup.Of backedUp;
    private final Clock clock;

    /**
     * @param stored the store itself, read past every cache (a cache's copy proves nothing about the store's)
     * @param served the same store as the server reads it: a blob is removed through it, caches included
     * @param uses every catalog row that names a blob, from every feature
     * @param forgetCached forgets a proxy's cached rows of a blob; answers how many
     * @param quarantine where damaged blobs are taken aside
     * @param backedUp what {@code sluice backup} copies
     */
    public Integrity(BlobStore stored, BlobStore served, Supplier<Stream<BlobUse>> uses, ToIntFunction<String> forgetCached,
            Path quarantine, Backup.Of backedUp, Clock clock) {
        this.stored = stored;
        this.served = served;
        this.uses = uses;
        this.forgetCached = forgetCached;
        this.quarantine = quarantine;
        this.backedUp = backedUp;
        this.clock = clock;
    }

    /**
     * @param bytesPerSecond the most read per second (the store's bytes, hashed)
     */
    public synchronized Report verify(boolean repair, long bytesPerSecond, Progress progress) throws IOException {
        Instant started = clock.instant();
        Map<String, List<BlobUse>> named = new TreeMap<>();
        try (Stream<BlobUse> all = uses.get()) {
            all.forEach(u -> named.computeIfAbsent(u.sha256(), s -> new ArrayList<>()).add(u));
        }
        Throttle throttle = new Throttle(bytesPerSecond);
        List<Problem> missing = new ArrayList<>();
        List<Problem> damaged = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<BlobUse>> blob : named.entrySet()) {
            String sha256 = blob.getKey();
            List<String> namedBy = blob.getValue().stream().map(BlobUse::what).toList();
            var found = stored.open(sha256);
            if (found.isEmpty()) {
                missing.add(new Problem(sha256, namedBy, repair ? refetchOrReport(blob.getValue(), null) : null));
            } else if (!sha256.equals(hash(found.get(), throttle))) {
                damaged.add(new Problem(sha256, namedBy, repair ? takeAside(sha256, found.get(), blob.getValue()) : null));
            }
            progress.checked(++checked, named.size(), throttle.bytes());
        }
        List<String> unreferenced = new ArrayList<>();
        Set<String> names = new HashSet<>(named.keySet());
        try (Stream<String> all = stored.names()) {
            all.filter(n -> !names.contains(n)).sorted().forEach(unreferenced::add);
        }
        return new Report(named.size(), throttle.bytes(), missing, damaged, unreferenced, Duration.between(started, clock.instant()));
    }

    /**
     * Backs the catalog and the store up into {@code to} while serving (see {@link Backup}). Not at the same time as a
     * garbage collection or a repair on this node: the blobs copied after the catalog's snapshot must include every
     * blob it names, and only those two remove blobs.
     */
    public synchronized Backup.Report backup(Path to, java.util.function.Consumer<String> progress) throws IOException {
        return Backup.take(backedUp, to, progress);
    }

    /**
     * What a garbage collection removed (or, in a dry run, would remove).
     *
     * @param recentLeft blobs stored within the grace period, named or not: not judged
     */
    public record Collected(List<String> removed, int recentLeft, boolean dryRun, Duration took) {}

    /**
     * Removes the blobs no catalog row names and that were last stored before {@code grace} ago: an upload in flight
     * (its blob stored, its row not yet written) is never touched, and bytes a new row has just come to name were
     * marked as stored now by their commit. The rows are read twice (after listing the store, and again before
     * removing) and each blob's time is read once more right before it goes.
     */
    public synchronized Collected collectGarbage(Duration grace, boolean dryRun) throws IOException {
        Instant started = clock.instant();
        Instant cutoff = started.minus(grace);
        List<String> old = new ArrayList<>();
        int recent = 0;
        try (Stream<BlobStore.Listed> all = stored.listed()) {
            for (BlobStore.Listed blob : (Iterable<BlobStore.Listed>) all::iterator) {
                if (blob.stored().isBefore(cutoff)) {
                    old.add(blob.name());
                } else {
                    recent++;
                }
            }
        }
        Set<String> named = namedNow();
        old.removeIf(named::contains);
        Set<String> namedAgain = namedNow();
        List<String> removed = new ArrayList<>();
        for (String sha256 : old) {
            if (namedAgain.contains(sha256) || !stored.stored(sha256).map(t -> t.isBefore(cutoff)).orElse(false)) {
                continue;
            }
            if (!dryRun) {
                served.remove(sha256);
            }
            removed.add(sha256);
        }
        return new Collected(removed, recent, dryRun, Duration.between(started, clock.instant()));
    }

    private Set<String> namedNow() {
        Set<String> named = new HashSet<>();
        try (Stream<BlobUse> all = uses.get()) {
            all.forEach(u -> named.add(u.sha256()));
        }
        return named;
    }

    /** Copies a damaged blob to the quarantine folder, removes it from the store, and says what happens next. */
    private String takeAside(String sha256, BlobStore.Blob blob, List<BlobUse> namedBy) throws IOException {
        Files.createDirectories(quarantine);
        Path aside = quarantine.resolve(sha256);
        try (InputStream in = blob.openStream(0, -1)) {
            Files.copy(in, aside, StandardCopyOption.REPLACE_EXISTING);
        }
        served.remove(sha256);
        return refetchOrReport(namedBy, aside);
    }

    private String refetchOrReport(List<BlobUse> namedBy, Path aside) {
        String where = aside == null ? "" : "taken aside to " + aside + "; ";
        boolean onlyCopy = namedBy.stream().anyMatch(u -> !u.refetchable());
        int forgotten = forgetCached.applyAsInt(namedBy.getFirst().sha256());
        if (onlyCopy) {
            return where + "the only copy: restore it from a backup (sluice restore) or publish it again under a new filename";
        }
        return where + forgotten + " cached row(s) forgotten: fetched from the upstream again on the next request";
    }

    private static String hash(BlobStore.Blob blob, Throttle throttle) throws IOException {
        MessageDigest sha256 = Digests.newSha256();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = blob.openStream(0, -1)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                throttle.took(n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Binds {@code POST /admin/verify}. */
    public void registerEndpoints(RoutesConfig routes, Callers callers) {
        new IntegrityApi(this, callers).register(routes);
    }
}
