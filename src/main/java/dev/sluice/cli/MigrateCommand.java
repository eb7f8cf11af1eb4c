package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.BlobLocation;
import dev.sluice.store.BlobStore;
import dev.sluice.store.Database;
import dev.sluice.store.Migration;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice migrate}: copies a deployment's catalog and files to another catalog and blob store. */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        description = {"Copy a deployment's catalog (every row) and files (every blob, checked against its sha256) to another"
                + " catalog and blob store: the embedded SQLite file and data directory to PostgreSQL and S3 when one machine"
                + " is not enough, or back for a test copy.",
            "Stop the old deployment's servers first. A run that fails resumes where it stopped when run again; a run over"
                + " a complete copy copies nothing. The new side is verified at the end (every blob there, as many rows)."},
        footer = {"", "Examples:",
            "  sluice migrate --data-dir sluice-data --to-config new-sluice.toml",
            "  sluice migrate --data-dir sluice-data --to postgresql://sluice@db:5432/sluice --blobs s3://pkgs/sluice \\",
            "      --s3-endpoint https://minio.internal:9000 --s3-path-style   (S3 keys: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
            "  sluice migrate --config sluice.toml --to ./test-copy   (back to an embedded data directory)"})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sluice-data",
            description = "The old deployment's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The old deployment's config file: its [server] database and blobs say where it keeps things.")
    Path config;

    @Option(names = "--to-config", paramLabel = "FILE",
            description = "The new deployment's config file: its [server] database, blobs and [server.s3] say where to copy to.")
    Path toConfig;

    @Option(names = "--to", paramLabel = "TARGET",
            description = "Where the catalog goes: postgresql://USER:PASSWORD@HOST:PORT/DB, or a directory for an embedded"
                    + " SQLite catalog (its sluice.db, and its blobs/ unless --blobs says otherwise).")
    String to;

    @Option(names = "--blobs", paramLabel = "LOCATION",
            description = "Where the files go: s3://BUCKET/PREFIX or file:///PATH.")
    String blobs;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "The S3-compatible store's URL (default: AWS).")
    URI s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "The store's signing region (default: us-east-1).")
    String s3Region;

    @Option(names = "--s3-path-style", description = "Put the bucket in the path (MinIO, Ceph and most stores but AWS).")
    boolean s3PathStyle;

    /** Where a deployment keeps its catalog and its files. */
    private record Place(String database, Path sqliteFile, BlobLocation blobs) {
        Database openCatalog() {
            return Database.open(database, sqliteFile);
        }

        String describe() {
            return (database != null ? database.replaceFirst("//[^@/]*@", "//") : sqliteFile.toString()) + " with files in " + blobs;
        }
    }

    @Override
    public Integer call() throws Exception {
        Place from = from();
        Place target = target();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Copying " + from.describe() + "\n     to " + target.describe());
        Path staging = Files.createTempDirectory("sluice-migrate");
        try (Database fromCatalog = from.openCatalog(); Database toCatalog = target.openCatalog();
                BlobStore fromBlobs = from.blobs().open(staging.resolve("from"));
                BlobStore toBlobs = target.blobs().open(staging.resolve("to"))) {
            long started = System.nanoTime();
            Migration.Report report = Migration.run(fromCatalog, fromBlobs, toCatalog, toBlobs, line -> {
                out.println("  " + line);
                out.flush();
            });
            out.printf("Done in %.1f s: %d of %d blobs copied (%d bytes), %d of %d rows in %d tables copied.%n",
                    (System.nanoTime() - started) / 1e9, report.blobsCopied(), report.blobs(), report.bytesCopied(),
                    report.rowsCopied(), report.rows(), report.tables());
            return 0;
        } finally {
            try (var leftovers = Files.walk(staging)) {
                leftovers.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Place from() throws ConfigException {
        if (config == null) {
            return new Place(null, dataDirectory.resolve("sluice.db"), new BlobLocation.Folder(dataDirectory.resolve("blobs")));
        }
        SluiceConfig file = ConfigReader.read(config);
        Path data = file.dataDirectory() != null ? file.dataDirectory() : config.toAbsolutePath().getParent().resolve(dataDirectory);
        return new Place(file.database(), data.resolve("sluice.db"),
                file.blobs() != null ? file.blobs() : new BlobLocation.Folder(data.resolve("blobs")));
    }

    private Place target() throws ConfigException {
        if (toConfig != null) {
            if (to != null || blobs != null) {
                throw new ParameterException(spec.commandLine(), "give --to-config, or --to and --blobs, not both");
            }
            SluiceConfig file = ConfigReader.read(toConfig);
            Path data = file.dataDirectory() != null ? file.dataDirectory() : toConfig.toAbsolutePath().getParent().resolve("sluice-data");
            return new Place(file.database(), data.resolve("sluice.db"),
                    file.blobs() != null ? file.blobs() : new BlobLocation.Folder(data.resolve("blobs")));
        }
        if (to == null) {
            throw new ParameterException(spec.commandLine(), "say where to copy to: --to-config FILE, or --to TARGET [--blobs LOCATION]");
        }
        BlobLocation location = null;
        if (blobs != null) {
            try {
                location = BlobLocation.parse(blobs, new BlobLocation.S3Options(s3Endpoint, s3Region, s3PathStyle, null, null, null));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--blobs " + e.getMessage());
            }
        }
        if (to.startsWith("postgresql://")) {
            if (location == null) {
                throw new ParameterException(spec.commandLine(), "a catalog on PostgreSQL needs --blobs (s3://BUCKET/PREFIX or"
                        + " file:///PATH on storage every node shares)");
            }
            return new Place(to, null, location);
        }
        Path directory = Path.of(to);
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is neither postgresql://... nor a directory that"
                    + " can be made: " + e.getMessage());
        }
        return new Place(null, directory.resolve("sluice.db"), location != null ? location : new BlobLocation.Folder(directory.resolve("blobs")));
    }
}
