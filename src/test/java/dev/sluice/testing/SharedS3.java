package dev.sluice.testing;

import dev.sluice.app.ServerSettings;
import dev.sluice.store.BlobLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * With {@code -Dsluice.blobs=s3}, every test server keeps its files in a bucket of its own on one S3 protocol server
 * (s3proxy) started for the test run, so the suite that runs on the data directory's folder runs on S3 too.
 */
final class SharedS3 {
    private static PrivateS3 server;
    /** A data directory started again (a restart, a crash) finds its bucket again. */
    private static final Map<Path, BlobLocation.S3> BY_DATA_DIRECTORY = new HashMap<>();

    private SharedS3() {}

    /** The settings as given, or with blobs in a new bucket when the run asks for S3 and the test chose no place. */
    static ServerSettings onRequest(ServerSettings settings) throws IOException {
        Path own = settings.dataDirectory().resolve("blobs");
        if (!"s3".equals(System.getProperty("sluice.blobs"))
                || !(settings.blobs() instanceof BlobLocation.Folder folder && folder.root().equals(own))) {
            return settings;
        }
        return settings.withBlobs(bucketOf(settings.dataDirectory().toAbsolutePath().normalize()));
    }

    private static synchronized BlobLocation.S3 bucketOf(Path dataDirectory) throws IOException {
        BlobLocation.S3 known = BY_DATA_DIRECTORY.get(dataDirectory);
        if (known != null) {
            return known;
        }
        if (server == null) {
            server = PrivateS3.start(Files.createTempDirectory("sluice-s3-"));
            AtExit.close(server, "S3 server");
        }
        BlobLocation.S3 made = server.newBucket("sluice-" + (BY_DATA_DIRECTORY.size() + 1), "blobs");
        BY_DATA_DIRECTORY.put(dataDirectory, made);
        return made;
    }

    /** The names of the objects in the bucket (their last path segment: a sha256). */
    static java.util.List<String> objectNames(BlobLocation.S3 bucket) {
        try (var client = server.client()) {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket.bucket())).contents().stream()
                    .map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).toList();
        }
    }
}
