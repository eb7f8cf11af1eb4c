package dev.sluice.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A backup of a serving Sluice ({@code sluice backup}) and its restore into an empty data directory
 * ({@code sluice restore}). A backup folder holds {@code sluice.db} (the catalog at one moment), {@code blobs/} (the
 * store's blobs, laid out as a data directory's) and {@code files/} (the data directory's own small files: the admin
 * token, the bundle signing key).
 *
 * <p>Consistent without stopping: the catalog is copied first, then every blob stored; a blob is always stored before
 * the row that names it, so the blobs copied after the snapshot include every one it names (the caller keeps garbage
 * collection from removing blobs meanwhile). The snapshot is written beside the old one and takes its place only once
 * every blob is copied, so the folder always holds a catalog whose blobs are all there. Incremental: blobs are named by
 * their content, so one the folder holds already is not copied again; each new one is checked against its name.
 */
public final class Backup {
    /**
     * What a backup takes: the catalog, the store, and the data directory's own files (those that do not exist are left
     * out).
     */
    public record Of(Database catalog, BlobStore blobs, List<Path> ownFiles) {}

    /** What a backup or a restore did; {@code catalog} says what became of the catalog. */
    public record Report(long blobs, long copied, long bytesCopied, List<String> files, String catalog) {}

    static final String CATALOG = "sluice.db";
    private static final String BLOBS = "blobs";
    private static final String FILES = "files";

    private Backup() {}

    /** Backs up a serving Sluice into {@code to} (made owner-only: it holds token hashes and private packages). */
    public static Report take(Of what, Path to, Consumer<String> progress) throws IOException {
        Database catalog = what.catalog();
        OwnerOnly.directory(to);
        Path snapshot = to.resolve(CATALOG + ".part");
        Files.deleteIfExists(snapshot);
        String catalogOutcome;
        if (catalog.engine() == Database.Engine.SQLITE) {
            progress.accept("catalog: taking a snapshot");
            catalog.snapshotInto(snapshot);
            catalogOutcome = "included";
        } else {
            // pg_dump taken before this run names only blobs this run copies: they are stored before their rows.
            catalogOutcome = "not included: the catalog is on PostgreSQL; take it with pg_dump before this backup";
        }
        BlobCopy.Report blobs;
        try (FileSystemBlobStore into = new FileSystemBlobStore(to.resolve(BLOBS))) {
            blobs = BlobCopy.copy(what.blobs(), into, progress);
        }
        List<String> files = copyFiles(what.ownFiles(), OwnerOnly.directory(to.resolve(FILES)));
        if (Files.exists(snapshot)) {
            Files.move(snapshot, to.resolve(CATALOG), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Report(blobs.total(), blobs.copied(), blobs.bytesCopied(), files, catalogOutcome);
    }

    /**
     * Restores a backup into {@code dataDirectory}, which must be empty or not exist: every blob is checked against its
     * name as it is copied, and the catalog is put in place last, so a restore that stops half-way leaves no catalog
     * naming blobs that are not there.
     */
    public static Report restore(Path from, Path dataDirectory, Consumer<String> progress) throws IOException {
        Path catalog = from.resolve(CATALOG);
        if (!Files.isRegularFile(catalog)) {
            throw new IOException(from + " holds no " + CATALOG + ": not a folder `sluice backup` wrote (a backup of a"
                    + " PostgreSQL catalog is restored with pg_restore, its blobs with `sluice migrate`)");
        }
        if (Files.isDirectory(dataDirectory)) {
            try (Stream<Path> entries = Files.list(dataDirectory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dataDirectory + " is not empty: a backup is restored into an empty data directory only");
                }
            }
        } else if (Files.exists(dataDirectory)) {
            throw new IOException(dataDirectory + " is not a directory");
        }
        OwnerOnly.directory(dataDirectory);
        BlobCopy.Report blobs;
        try (FileSystemBlobStore backedUp = new FileSystemBlobStore(from.resolve(BLOBS));
                FileSystemBlobStore into = new FileSystemBlobStore(dataDirectory.resolve(BLOBS))) {
            blobs = BlobCopy.copy(backedUp, into, progress);
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(from.resolve(FILES))) {
            try (Stream<Path> listed = Files.list(from.resolve(FILES))) {
                listed.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        List<String> restoredFiles = copyFiles(files, dataDirectory);
        Path part = dataDirectory.resolve(CATALOG + ".part");
        Files.copy(catalog, part, StandardCopyOption.REPLACE_EXISTING);
        OwnerOnly.file(part);
        Files.move(part, dataDirectory.resolve(CATALOG), StandardCopyOption.ATOMIC_MOVE);
        return new Report(blobs.total(), blobs.copied(), blobs.bytesCopied(), restoredFiles, "restored");
    }

    /** Copies each file that exists into {@code folder} under its own name, owner-only; the names copied. */
    private static List<String> copyFiles(List<Path> files, Path folder) throws IOException {
        List<String> copied = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                Path target = folder.resolve(file.getFileName().toString());
                Path part = folder.resolve(file.getFileName() + ".part");
                Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
                OwnerOnly.file(part);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                copied.add(file.getFileName().toString());
            }
        }
        return copied;
    }
}
