package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects of an S3-compatible store, under {@code <prefix>/sha256/ab/abcdef...} as on disk. Bytes are
 * staged on the local disk first (inspected and digested there, never held whole in memory), then put: in one
 * request with the store checking their sha256, or in parts for large files. Only then does a caller write the
 * catalog row, so a crash at any point leaves either no object (or an unreferenced one) or a whole, named one.
 */
public final class S3BlobStore extends LocallyStagedStore {
    /** Files larger than this go in parts of this size (S3 wants at least 5 MiB for each part but the last). */
    static final long DEFAULT_PART_BYTES = 16L << 20;
    /** How long a readiness check waits for the store before saying it cannot be reached. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final BlobLocation.S3 location;
    private final S3Client client;
    private final long partBytes;

    public S3BlobStore(BlobLocation.S3 location, Path stagingFolder) throws IOException {
        this(location, stagingFolder, DEFAULT_PART_BYTES);
    }

    S3BlobStore(BlobLocation.S3 location, Path stagingFolder, long partBytes) throws IOException {
        super(stagingFolder);
        this.location = location;
        this.partBytes = partBytes;
        S3ClientBuilder builder = S3Client.builder().region(Region.of(location.region()))
                .forcePathStyle(location.pathStyle())
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(60)));
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        builder.credentialsProvider(location.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKeyId(), location.secretAccessKey())));
        this.client = builder.build();
    }

    @Override
    public void commit(StagedBlob staged) throws IOException {
        String sha256 = staged.digests().sha256();
        String key = keyOf(sha256);
        try {
            if (head(key).isEmpty()) {
                if (staged.size() <= partBytes) {
                    client.putObject(b -> b.bucket(location.bucket()).key(key).contentLength(staged.size())
                            .checksumSHA256(base64(sha256)), RequestBody.fromFile(staged.file()));
                } else {
                    putInParts(key, staged);
                }
            } else {
                // Stored already: copied onto itself, which marks it as stored now (no bytes travel).
                client.copyObject(b -> b.sourceBucket(location.bucket()).sourceKey(key).destinationBucket(location.bucket())
                        .destinationKey(key).metadataDirective(software.amazon.awssdk.services.s3.model.MetadataDirective.REPLACE)
                        .metadata(java.util.Map.of("stored", java.time.Instant.now().toString())));
            }
        } catch (SdkException e) {
            throw unreachable("store", e);
        } finally {
            staging.discard(staged);
        }
    }

    private void putInParts(String key, StagedBlob staged) throws IOException {
        String upload = client.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < staged.size(); offset += partBytes) {
                int number = parts.size() + 1;
                long length = Math.min(partBytes, staged.size() - offset);
                try (InputStream part = FileRanges.open(staged.file(), offset, length)) {
                    String etag = client.uploadPart(b -> b.bucket(location.bucket()).key(key).uploadId(upload)
                            .partNumber(number).contentLength(length), RequestBody.fromInputStream(part, length)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
            }
            client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed); // the store's lifecycle rule for incomplete uploads removes it
            }
            throw e;
        }
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        if (!BlobStore.isBlobName(sha256)) {
            return Optional.empty();
        }
        String key = keyOf(sha256);
        Optional<HeadObjectResponse> head;
        try {
            head = head(key);
        } catch (SdkException e) {
            throw unreachable("read", e);
        }
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long size = head.get().contentLength();
        return Optional.of(new Blob() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream openStream(long offset, long length) throws IOException {
                long end = length < 0 ? size - 1 : Math.min(size, offset + length) - 1;
                if (end < offset) {
                    return InputStream.nullInputStream();
                }
                try {
                    return client.getObject(b -> b.bucket(location.bucket()).key(key).range("bytes=" + offset + "-" + end));
                } catch (SdkException e) {
                    throw unreachable("read", e);
                }
            }
        });
    }

    @Override
    public String problem() {
        if (!staging.isWritable()) {
            return "the staging folder " + staging.folder().toAbsolutePath() + " of the blob store cannot be written";
        }
        try {
            client.headBucket(b -> b.bucket(location.bucket()).overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT)));
            return null;
        } catch (SdkException e) {
            return "the blob store " + location + " cannot be reached: " + firstLine(e.getMessage());
        }
    }

    @Override
    public java.util.stream.Stream<Listed> listed() throws IOException {
        try {
            return client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(keysUnder())).contents().stream()
                    .filter(o -> BlobStore.isBlobName(o.key().substring(o.key().lastIndexOf('/') + 1)))
                    .map(o -> new Listed(o.key().substring(o.key().lastIndexOf('/') + 1), o.lastModified()));
        } catch (SdkException e) {
            throw unreachable("list", e);
        }
    }

    @Override
    public Optional<java.time.Instant> stored(String sha256) throws IOException {
        if (!BlobStore.isBlobName(sha256)) {
            return Optional.empty();
        }
        try {
            return head(keyOf(sha256)).map(HeadObjectResponse::lastModified);
        } catch (SdkException e) {
            throw unreachable("read", e);
        }
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(location.bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void remove(String sha256) throws IOException {
        if (!BlobStore.isBlobName(sha256)) {
            return;
        }
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(keyOf(sha256)));
        } catch (SdkException e) {
            throw unreachable("remove", e);
        }
    }

    private String keyOf(String sha256) {
        return keysUnder() + sha256.substring(0, 2) + "/" + sha256;
    }

    /** Where every blob's key starts: {@code <prefix>/sha256/}. */
    private String keysUnder() {
        return (location.prefix().isEmpty() ? "" : location.prefix() + "/") + "sha256/";
    }

    private StorageFault unreachable(String what, SdkException e) {
        return new StorageFault(503, "Service Unavailable: the blob store " + location + " failed to " + what + " ("
                + firstLine(e.getMessage()) + "); try again later", e);
    }

    private static String base64(String hex) {
        return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse("").strip();
    }

    @Override
    public void close() {
        client.close();
    }
}
