package dev.sluice.testing;

import dev.sluice.store.BlobLocation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 protocol server (s3proxy) in the test's own process, on a free port of 127.0.0.1, keeping its objects in
 * a folder; with signed requests (AWS signature v4) as a real store wants them.
 */
public final class PrivateS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "sluice-test";
    public static final String SECRET_KEY = "sluice-test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Path folder;

    private PrivateS3(S3Proxy proxy, URI endpoint, Path folder) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.folder = folder;
    }

    /** Starts a server keeping its objects under the folder. */
    public static PrivateS3 start(Path folder) throws IOException {
        return start(folder, 0);
    }

    /** Starts a server on the given port (0: a free one), e.g. again on the port of one stopped. */
    public static PrivateS3 start(Path folder, int port) throws IOException {
        Files.createDirectories(folder);
        S3Proxy proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(folder.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IOException("s3proxy did not start", e);
        }
        return new PrivateS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), folder);
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    public Path folder() {
        return folder;
    }

    /** A new bucket, and where Sluice keeps blobs in it. */
    public BlobLocation.S3 newBucket(String bucket, String prefix) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return new BlobLocation.S3(bucket, prefix, endpoint, "us-east-1", true, ACCESS_KEY, SECRET_KEY, 64L << 20);
    }

    /**
     * The {@code [server]} and {@code [server.s3]} tables of a node on this catalog and this server's bucket, as a
     * deployment's sluice.toml has them; the graph follows.
     */
    public String serverToml(String database, String bucket, String prefix) {
        return """
                [server]
                database = "%s"
                blobs = "s3://%s/%s"

                [server.s3]
                endpoint = "%s"
                path-style = true
                access-key-id = "%s"
                secret-access-key = "%s"

                """.formatted(database, bucket, prefix, endpoint, ACCESS_KEY, SECRET_KEY, 0);
    }

    /** A client of this server, for a test to look at what is stored. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Stops the server, as an outage of the store does (a new one on the same port and folder brings it back). */
    public void stop() throws IOException {
        if (!"STARTED".equals(proxy.getState())) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IOException("s3proxy did not stop", e);
        }
    }
}
