package dev.sluice.testing;

import java.nio.file.Path;

/**
 * An S3 protocol server (s3proxy) for the benchmarks, which run Sluice from its jar: {@code S3ProxyMain FOLDER PORT
 * BUCKET}. It makes the bucket, prints {@code s3 ready}, and serves until killed.
 */
public final class S3ProxyMain {
    private S3ProxyMain() {}

    public static void main(String[] args) throws Exception {
        PrivateS3 s3 = PrivateS3.start(Path.of(args[0]), Integer.parseInt(args[1]));
        s3.newBucket(args[2], "");
        System.out.println("s3 ready at " + s3.endpoint() + " (access key " + PrivateS3.ACCESS_KEY + ")");
        Thread.currentThread().join();
    }
}
