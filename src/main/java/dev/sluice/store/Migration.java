package dev.sluice.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves a deployment from one catalog and blob store to another ({@code sluice migrate}): the embedded SQLite file and
 * data directory to PostgreSQL and S3 when a team outgrows one machine, and back for a test copy. Blobs go first, so
 * that no copied row ever names bytes the new store lacks; then every row; then the new side is checked: every
 * blob of the old store is there, every table has as many rows.
 */
public final class Migration {
    /** What was copied, and what was found already there. */
    public record Report(int tables, long rows, long rowsCopied, long blobs, long blobsCopied, long bytesCopied) {}

    private Migration() {}

    /** Copies what the target lacks, and verifies the whole; a failure leaves the target resumable by another run. */
    public static Report run(Database fromCatalog, BlobStore fromBlobs, Database toCatalog, BlobStore toBlobs,
            Consumer<String> progress) throws IOException {
        BlobCopy.Report blobs = BlobCopy.copy(fromBlobs, toBlobs, progress);
        List<CatalogCopy.TableReport> tables;
        try {
            tables = CatalogCopy.copy(fromCatalog, toCatalog, progress);
        } catch (SQLException e) {
            throw new IOException("copying the catalog failed (run again to resume): " + e.getMessage(), e);
        }
        long missing;
        try (var names = fromBlobs.names()) {
            missing = names.filter(name -> {
                try {
                    return toBlobs.open(name).isEmpty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
        if (missing > 0) {
            throw new IOException(missing + " blobs of the old store are missing from the new one after the copy");
        }
        Report report = new Report(tables.size(), tables.stream().mapToLong(CatalogCopy.TableReport::sourceRows).sum(),
                tables.stream().mapToLong(CatalogCopy.TableReport::copied).sum(), blobs.total(), blobs.copied(), blobs.bytesCopied());
        progress.accept("verified: " + report.blobs() + " blobs and " + report.tables() + " tables (" + report.rows()
                + " rows) are in the new catalog and store");
        return report;
    }
}
