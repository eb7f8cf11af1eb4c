package dev.sluice.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.StaticMirror;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice verify} on a data directory damaged in the three ways a disk or a person damages one: a flipped byte
 * in a hosted file and in a proxy's cached file, a hosted file's blob gone, a blob nothing names. Verify names each;
 * repair takes the damaged blobs aside, the cached one is fetched again from the upstream on the next request, and the
 * hosted one is reported as the only copy, never dropped in silence.
 */
class VerifyTest {
    @TempDir
    Path dir;

    @Test
    void verifyFindsDamagedMissingAndUnreferencedBlobsAndRepairTakesTheDamagedAside() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path proxied = Wheels.wheel(Files.createDirectories(mirror.resolve("packages")), "outside-lib", "1.0");
        StaticMirror.write(mirror, List.of(proxied));
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        Path damaged = Wheels.wheel(wheels, "inside-lib", "1.0");
        Path lost = Wheels.wheel(wheels, "inside-tool", "1.0");
        Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
        try (Nginx upstream = Nginx.serve(mirror, dir.resolve("nginx"));
                SluiceHarness sluice = SluiceHarness.startOnSqlite(ServerSettings.defaults(dir.resolve("data"))
                        .withAdminToken(SluiceHarness.TOKEN).withUpstream(UpstreamSettings.defaults("pypi",
                                URI.create(upstream.url("/simple/")))))) {
            String[] cli = {"--server", sluice.base(), "--token-file", token.toString()};
            assertThat(sluice.upload(Multipart.twineLike(damaged, "inside-lib", "1.0")).statusCode()).isEqualTo(200);
            assertThat(sluice.upload(Multipart.twineLike(lost, "inside-tool", "1.0")).statusCode()).isEqualTo(200);
            String proxiedUrl = "/simple/outside-lib/" + proxied.getFileName();
            byte[] proxiedBytes = Files.readAllBytes(proxied);
            assertThat(sluice.getBytes(proxiedUrl).body()).isEqualTo(proxiedBytes);
            CommandLineRun healthy = CommandLineRun.against(cli, "verify");
            assertThat(healthy.exitCode()).as(healthy.out() + healthy.err()).isZero();
            assertThat(healthy.out()).contains("0 missing, 0 damaged, 0 unreferenced");

            String damagedSha = sha256(damaged);
            String lostSha = sha256(lost);
            String proxiedSha = sha256(proxied);
            flipAByte(blob(damagedSha));
            flipAByte(blob(proxiedSha));
            Files.delete(blob(lostSha));
            byte[] orphan = "bytes no catalog row names".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String orphanSha = Digests.of(orphan).sha256();
            Files.write(Files.createDirectories(blob(orphanSha).getParent()).resolve(orphanSha), orphan);

            CommandLineRun found = CommandLineRun.against(cli, "verify");
            assertThat(found.exitCode()).isEqualTo(1);
            assertThat(found.out())
                    .contains("damaged " + damagedSha + ", named by hosted inside-lib/" + damaged.getFileName())
                    .contains("damaged " + proxiedSha + ", named by cached by pypi: " + proxied.getFileName())
                    .contains("missing " + lostSha + ", named by hosted inside-tool/" + lost.getFileName())
                    .contains("unreferenced " + orphanSha)
                    .contains("1 missing, 2 damaged, 1 unreferenced")
                    .doesNotContain("repair:");
            assertThat(blob(damagedSha)).as("verify alone changes nothing").exists();

            CommandLineRun repaired = CommandLineRun.against(cli, "verify", "--repair");
            assertThat(repaired.exitCode()).isEqualTo(1);
            assertThat(repaired.out())
                    .contains("repair: taken aside to " + dir.resolve("data").resolve("quarantine").resolve(damagedSha)
                            + "; the only copy: restore it from a backup")
                    .contains("1 cached row(s) forgotten: fetched from the upstream again on the next request");
            assertThat(dir.resolve("data/quarantine").resolve(damagedSha)).exists();
            assertThat(blob(damagedSha)).doesNotExist();

            // the cached file comes again from the upstream, whole; the hosted one is missing, and said to be
            assertThat(sluice.getBytes(proxiedUrl).body()).isEqualTo(proxiedBytes);
            assertThat(upstream.accessLog().stream().filter(l -> l.contains(proxied.getFileName().toString()))).hasSize(2);
            CommandLineRun after = CommandLineRun.against(cli, "verify");
            assertThat(after.out()).contains("missing " + damagedSha).contains("missing " + lostSha)
                    .doesNotContain("damaged " + proxiedSha).contains("2 missing, 0 damaged, 1 unreferenced");

            // gc removes only the old unreferenced blob: not a recent one (an upload in flight), nothing named
            Files.setLastModifiedTime(blob(orphanSha), java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
            byte[] recent = "an upload's bytes, its row not yet written".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String recentSha = Digests.of(recent).sha256();
            Files.write(Files.createDirectories(blob(recentSha).getParent()).resolve(recentSha), recent);
            for (Path named : List.of(blob(proxiedSha))) {
                Files.setLastModifiedTime(named, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
            }
            CommandLineRun dry = CommandLineRun.against(cli, "gc", "--dry-run");
            assertThat(dry.out()).contains("would remove " + orphanSha).doesNotContain(recentSha).doesNotContain(proxiedSha)
                    .contains("1 unreferenced blob(s) to remove (dry run)");
            assertThat(blob(orphanSha)).exists();
            assertThat(CommandLineRun.against(cli, "gc", "--grace", "10m").err()).contains("'grace' must be at least 1h");
            CommandLineRun gc = CommandLineRun.against(cli, "gc");
            assertThat(gc.exitCode()).as(gc.err()).isZero();
            assertThat(gc.out()).contains("removed " + orphanSha).contains("1 unreferenced blob(s) removed");
            assertThat(blob(orphanSha)).doesNotExist();
            assertThat(blob(recentSha)).exists();
            assertThat(sluice.getBytes(proxiedUrl).body()).isEqualTo(proxiedBytes);
            assertThat(CommandLineRun.against(cli, "verify").out()).contains("2 missing, 0 damaged, 1 unreferenced")
                    .contains("unreferenced " + recentSha);
        }
    }

    @Test
    void bytesAnUploadCameToNameAgainAreMarkedNewAndOutliveAGc() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        Path wheel = Wheels.wheel(wheels, "again-lib", "1.0");
        Path token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
        try (SluiceHarness sluice = SluiceHarness.startOnSqlite(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN))) {
            String[] cli = {"--server", sluice.base(), "--token-file", token.toString()};
            // the same bytes stored long ago, nothing naming them (a deleted file's, say), then uploaded again
            byte[] bytes = Files.readAllBytes(wheel);
            String sha = Digests.of(bytes).sha256();
            Files.write(Files.createDirectories(blob(sha).getParent()).resolve(sha), bytes);
            Files.setLastModifiedTime(blob(sha), java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
            assertThat(sluice.upload(Multipart.twineLike(wheel, "again-lib", "1.0")).statusCode()).isEqualTo(200);
            // stored "now" again: a gc that had listed it as old and unnamed just before the row was written skips it
            assertThat(Files.getLastModifiedTime(blob(sha)).toInstant()).isAfter(java.time.Instant.now().minusSeconds(60));
            assertThat(CommandLineRun.against(cli, "gc").out()).contains("0 unreferenced blob(s) removed");
            assertThat(sluice.getBytes("/simple/again-lib/" + wheel.getFileName()).body()).isEqualTo(bytes);
        }
    }

    private Path blob(String sha256) {
        return dir.resolve("data/blobs/sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static String sha256(Path file) throws Exception {
        return Digests.of(Files.readAllBytes(file)).sha256();
    }

    private static void flipAByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }
}
