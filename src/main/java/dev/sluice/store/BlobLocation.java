package dev.sluice.store;

import java.net.URI;
import java.nio.file.Path;

/** Where the blobs are kept: a folder (the data directory's own, or one all nodes share), or an S3 bucket. */
public sealed interface BlobLocation {
    /**
     * Opens the store here.
     *
     * @param localStaging where a remote store stages bytes before it puts them (a folder store stages in its own root)
     */
    default BlobStore open(Path localStaging) throws java.io.IOException {
        return switch (this) {
            case Folder folder -> new FileSystemBlobStore(folder.root());
            case S3 bucket -> new S3BlobStore(bucket, localStaging);
        };
    }

    /** Files under a folder; {@code file:///path} names one on a file system several nodes share. */
    record Folder(Path root) implements BlobLocation {}

    /**
     * Objects in an S3-compatible store.
     *
     * @param prefix the key prefix (no leading or trailing slash; empty for the bucket's root)
     * @param endpoint the store's URL, or null for AWS itself
     * @param region the signing region ({@code us-east-1} unless the store says otherwise)
     * @param pathStyle whether the bucket goes in the path ({@code host/bucket/key}, what MinIO and Ceph usually
     *     want) rather than the host name
     * @param accessKeyId with {@code secretAccessKey}, fixed credentials; null for the SDK's usual chain
     *     (environment, profile, instance role)
     * @param cacheBytes how much of the node's disk keeps copies of the files it served (0: none)
     */
    record S3(String bucket, String prefix, URI endpoint, String region, boolean pathStyle, String accessKeyId,
            String secretAccessKey, long cacheBytes) implements BlobLocation {
        /** What a node keeps of the files it serves unless told otherwise. */
        public static final long DEFAULT_CACHE_BYTES = 1L << 30;

        @Override
        public String toString() {
            // Never the secret.
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint == null ? "" : " at " + endpoint);
        }
    }

    /**
     * {@code s3://bucket/prefix} or {@code file:///path}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static BlobLocation parse(String text, S3Options s3) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL", e);
        }
        if ("file".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().startsWith("/")) {
            return new Folder(Path.of(uri.getPath()));
        }
        if ("s3".equals(uri.getScheme()) && uri.getHost() != null && uri.getHost().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
            return new S3(uri.getHost(), prefix, s3.endpoint(), s3.region() == null ? "us-east-1" : s3.region(), s3.pathStyle(),
                    s3.accessKeyId(), s3.secretAccessKey(), s3.cacheBytes() == null ? S3.DEFAULT_CACHE_BYTES : s3.cacheBytes());
        }
        throw new IllegalArgumentException("must be s3://BUCKET/PREFIX or file:///PATH (or left out for <data-dir>/blobs)");
    }

    /** The {@code [server.s3]} settings an {@code s3://} location is read with. */
    record S3Options(URI endpoint, String region, boolean pathStyle, String accessKeyId, String secretAccessKey,
            Long cacheBytes) {
        public static final S3Options NONE = new S3Options(null, null, false, null, null, null);
    }
}
