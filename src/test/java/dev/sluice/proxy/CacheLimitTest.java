package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max-cache-size} under a scripted stream of proxied downloads from nginx: the cache on disk never holds more
 * than the limit plus one file; the files read often stay (fetched from the upstream once), the others are evicted
 * and fetched again when asked for; pages stay; bytes a hosted file shares with an evicted one stay.
 */
class CacheLimitTest {
    private static final long LIMIT = 400 * 1024;

    @TempDir
    Path dir;

    @Test
    void theCacheStaysWithinItsLimitEvictingWhatWasReadLeastRecently() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path packages = Files.createDirectories(mirror.resolve("packages"));
        Random random = new Random(24);
        List<Path> hot = new ArrayList<>();
        List<Path> cold = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hot.add(wheelOfAbout50KiB(packages, "hot-" + i, random));
        }
        for (int i = 0; i < 24; i++) {
            cold.add(wheelOfAbout50KiB(packages, "cold-" + i, random));
        }
        StaticMirror.write(mirror, Stream.concat(hot.stream(), cold.stream()).toList());
        long largest = 0;
        for (Path wheel : Stream.concat(hot.stream(), cold.stream()).toList()) {
            largest = Math.max(largest, Files.size(wheel));
        }
        Path shared = cold.get(5);

        try (Nginx upstream = Nginx.serve(mirror, dir.resolve("nginx"))) {
            Path config = Files.writeString(dir.resolve("sluice.toml"), """
                    [sources.local]
                    type = "hosted"
                    [sources.pypi]
                    type = "proxy"
                    url = "%s"
                    max-cache-size = "%d"
                    [routes.main]
                    path = "/simple/"
                    serve = "pypi"
                    [routes.local]
                    serve = "local"
                    """.formatted(upstream.url("/simple/"), LIMIT));
            try (SluiceHarness sluice = SluiceHarness.startOnSqlite(ServerSettings.defaults(dir.resolve("data"))
                    .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()))) {
                // The same bytes hosted too (the name claimed first, as PyPI serves it): an eviction of the cached
                // copy must leave them.
                assertThat(sluice.admin("POST", "/admin/projects/cold-5/claim", null).statusCode()).isLessThan(300);
                assertThat(sluice.upload(Multipart.twineLike(shared, "cold-5", "1.0")).statusCode()).isEqualTo(200);
                long hostedBytes = blobsOnDisk(sluice.data()); // the hosted wheel and its metadata

                long peak = 0;
                int step = 0;
                for (int round = 0; round < 4; round++) {
                    for (Path coldWheel : cold) {
                        Path wheel = step++ % 3 == 0 ? hot.get(step % 2) : coldWheel;
                        download(sluice, wheel);
                        peak = Math.max(peak, blobsOnDisk(sluice.data()));
                    }
                    for (Path hotWheel : hot) {
                        download(sluice, hotWheel);
                    }
                }
                System.out.printf("CacheLimitTest: limit %d bytes, largest file %d, hosted %d, peak on disk %d%n", LIMIT,
                        largest, hostedBytes, peak);
                assertThat(peak).as("the blobs on disk at most the limit plus one file (and the hosted file's)")
                        .isLessThanOrEqualTo(LIMIT + largest + hostedBytes);
                assertThat(peak).as("the stream filled the cache up to its limit").isGreaterThan(LIMIT - largest);

                List<String> log = upstream.accessLog();
                for (Path wheel : hot) {
                    assertThat(gets(log, wheel)).as(wheel.getFileName() + ", read often, is fetched once").isEqualTo(1);
                }
                assertThat(gets(log, cold.get(1))).as("a file read least recently was evicted and fetched again")
                        .isGreaterThan(1);
                assertThat(sluice.get("/simple/cold-1/").statusCode()).as("pages stay").isEqualTo(200);
                assertThat(sluice.getBytes("/indexes/local/simple/cold-5/" + shared.getFileName()).body())
                        .as("the hosted file whose bytes an evicted cached file shared").isEqualTo(Files.readAllBytes(shared));
            }
        }
    }

    private static Path wheelOfAbout50KiB(Path dir, String name, Random random) throws Exception {
        byte[] noise = new byte[36 * 1024];
        random.nextBytes(noise);
        return Wheels.wheelWith(dir, name, "1.0", Map.of("data.txt", HexFormat.of().formatHex(noise)));
    }

    private static void download(SluiceHarness sluice, Path wheel) throws Exception {
        String project = wheel.getFileName().toString().replaceFirst("-1\\.0-.*", "").replace('_', '-');
        var answer = sluice.getBytes("/simple/" + project + "/" + wheel.getFileName());
        assertThat(answer.statusCode()).as(wheel.getFileName().toString()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(Files.readAllBytes(wheel));
    }

    private static long gets(List<String> accessLog, Path wheel) {
        return accessLog.stream().filter(line -> line.startsWith("GET ") && line.contains("/" + wheel.getFileName() + " ")).count();
    }

    /** What the blob store holds on disk (staging aside). */
    private static long blobsOnDisk(Path data) throws Exception {
        try (Stream<Path> files = Files.walk(data.resolve("blobs").resolve("sha256"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
