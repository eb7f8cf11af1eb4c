package dev.sluice.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice backup} while uploads and downloads run, and {@code sluice restore} into a new data directory: every
 * upload acknowledged before the backup began is served by the restored Sluice with the same bytes; a backup taken
 * at rest restores to a Sluice whose every page and file hashes the same as the original's.
 */
class BackupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPH = """
            [sources.local]
            type = "hosted"
            [routes.main]
            path = "/simple/"
            serve = "local"
            """;

    @TempDir
    Path dir;

    /** A wheel acknowledged by the server, and when. */
    private record Acknowledged(String project, String file, String sha256, long atNanos) {}

    @Test
    void aBackupUnderLoadKeepsEveryAcknowledgedUploadAndARestoreServesTheSamePagesAndFiles() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<Path> toUpload = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            toUpload.add(Wheels.wheel(wheels, "load-" + (i % 40), "1." + (i / 40)));
        }
        Path backup = dir.resolve("backup");
        try (SluiceHarness original = start(dir.resolve("original"))) {
            String[] cli = cli(original);
            String signingKey = original.admin("GET", "/admin/bundles/key", null).body();
            Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger downloads = new AtomicInteger();
            long backupStarted;
            CommandLineRun underLoad;
            try (ExecutorService load = Executors.newFixedThreadPool(6)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int u = 0; u < 4; u++) {
                    workers.add(load.submit(() -> {
                        int i;
                        while (running.get() && (i = next.getAndIncrement()) < toUpload.size()) {
                            Path wheel = toUpload.get(i);
                            String project = "load-" + (i % 40);
                            HttpResponse<String> answer = original.upload(Multipart.twineLike(wheel, project, "1." + (i / 40)));
                            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                            acknowledged.put(wheel.getFileName().toString(), new Acknowledged(project,
                                    wheel.getFileName().toString(), Digests.of(Files.readAllBytes(wheel)).sha256(), System.nanoTime()));
                        }
                        return null;
                    }));
                }
                for (int d = 0; d < 2; d++) {
                    workers.add(load.submit(() -> {
                        while (running.get()) {
                            for (Acknowledged a : List.copyOf(acknowledged.values())) {
                                assertThat(original.getBytes("/simple/" + a.project() + "/" + a.file()).statusCode()).isEqualTo(200);
                                downloads.incrementAndGet();
                            }
                            Thread.sleep(5);
                        }
                        return null;
                    }));
                }
                while (acknowledged.size() < 60) {
                    Thread.sleep(10);
                }
                backupStarted = System.nanoTime();
                underLoad = CommandLineRun.against(cli, "backup", "--to", backup.toString());
                int atBackupEnd = acknowledged.size();
                while (next.get() < toUpload.size() && acknowledged.size() < atBackupEnd + 20) {
                    Thread.sleep(10);
                }
                running.set(false);
                for (Future<?> worker : workers) {
                    worker.get();
                }
            }
            assertThat(underLoad.exitCode()).as(underLoad.out() + underLoad.err()).isZero();
            assertThat(underLoad.out()).contains("backed up to " + backup).contains("catalog included");
            List<Acknowledged> before = acknowledged.values().stream().filter(a -> a.atNanos() < backupStarted).toList();
            System.out.printf("BackupTest: %d uploads acknowledged before the backup, %d in all, %d downloads during the load%n",
                    before.size(), acknowledged.size(), downloads.get());
            assertThat(before).hasSizeGreaterThanOrEqualTo(60);
            assertThat(acknowledged.size()).as("uploads went on while the backup ran").isGreaterThan(before.size());

            Path restoredUnderLoad = dir.resolve("restored-under-load");
            CommandLineRun restore = CommandLineRun.of("restore", "--from", backup.toString(), "--data-dir", restoredUnderLoad.toString());
            assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
            try (SluiceHarness restored = start(restoredUnderLoad)) {
                for (Acknowledged a : before) {
                    HttpResponse<byte[]> file = restored.getBytes("/simple/" + a.project() + "/" + a.file());
                    assertThat(file.statusCode()).as(a.file() + " acknowledged before the backup").isEqualTo(200);
                    assertThat(Digests.of(file.body()).sha256()).isEqualTo(a.sha256());
                }
                for (Map.Entry<String, byte[]> served : pagesAndFiles(restored).entrySet()) {
                    if (!served.getKey().endsWith("/") && !served.getKey().endsWith("#json")) { // a file, not a page
                        assertThat(original.getBytes(served.getKey()).body()).as("the original's " + served.getKey())
                                .isEqualTo(served.getValue());
                    }
                }
            }

            // At rest, a second backup into the same folder copies only what is new, and restores to the same Sluice.
            CommandLineRun again = CommandLineRun.against(cli, "backup", "--to", backup.toString());
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            // Two blobs an upload: the wheel and its core metadata.
            int newBlobs = 2 * (acknowledged.size() - before.size());
            assertThat(again.out()).contains(2 * acknowledged.size() + " blobs").contains("files: bundle-signing-key");
            assertThat(copied(again.out())).as("incremental: only blobs stored since the first backup (and not in it)")
                    .isPositive().isLessThanOrEqualTo(newBlobs);
            Path restoredAtRest = dir.resolve("restored-at-rest");
            assertThat(CommandLineRun.of("restore", "--from", backup.toString(), "--data-dir", restoredAtRest.toString())
                    .exitCode()).isZero();
            try (SluiceHarness restored = start(restoredAtRest)) {
                Map<String, String> originalHashes = hashes(pagesAndFiles(original));
                assertThat(originalHashes).hasSizeGreaterThan(acknowledged.size());
                assertThat(hashes(pagesAndFiles(restored))).isEqualTo(originalHashes);
                assertThat(restored.admin("GET", "/admin/bundles/key", null).body()).as("the signing key came along")
                        .isEqualTo(signingKey);
            }
        }
    }

    @Test
    void aRestoreRefusesWhatIsNotABackupANonEmptyDataDirectoryAndADamagedBlob() throws Exception {
        Path backup = dir.resolve("backup");
        try (SluiceHarness original = start(dir.resolve("original"))) {
            Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("wheels")), "kept-lib", "1.0");
            assertThat(original.upload(Multipart.twineLike(wheel, "kept-lib", "1.0")).statusCode()).isEqualTo(200);
            assertThat(original.admin("POST", "/admin/backup?to=relative/folder", null).statusCode())
                    .as("the folder is a path on the server's machine, absolute").isEqualTo(400);
            assertThat(CommandLineRun.against(cli(original), "backup", "--to", backup.toString()).exitCode()).isZero();
        }
        CommandLineRun notABackup = CommandLineRun.of("restore", "--from", dir.resolve("wheels").toString(), "--data-dir",
                dir.resolve("new").toString());
        assertThat(notABackup.exitCode()).isEqualTo(1);
        assertThat(notABackup.err()).contains("holds no sluice.db");

        Path occupied = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "someone's");
        CommandLineRun notEmpty = CommandLineRun.of("restore", "--from", backup.toString(), "--data-dir", occupied.toString());
        assertThat(notEmpty.exitCode()).isEqualTo(1);
        assertThat(notEmpty.err()).contains("is not empty");
        assertThat(occupied.resolve("notes.txt")).hasContent("someone's");

        Path blob;
        try (Stream<Path> files = Files.walk(backup.resolve("blobs/sha256"))) {
            blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        Path damagedInto = dir.resolve("damaged-into");
        CommandLineRun damaged = CommandLineRun.of("restore", "--from", backup.toString(), "--data-dir", damagedInto.toString());
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.err()).contains("the blob " + blob.getFileName() + " is damaged");
        assertThat(damagedInto.resolve("sluice.db")).as("no catalog naming blobs that are not there").doesNotExist();
    }

    private SluiceHarness start(Path data) throws Exception {
        Path config = dir.resolve("sluice.toml");
        if (!Files.exists(config)) {
            Files.writeString(config, GRAPH);
        }
        return SluiceHarness.startOnSqlite(ServerSettings.defaults(data).withAdminToken(SluiceHarness.TOKEN)
                .withConfigFile(config, ConfigReader.read(config, null).graph()));
    }

    private String[] cli(SluiceHarness sluice) throws Exception {
        Path token = dir.resolve("token");
        if (!Files.exists(token)) {
            Files.writeString(token, SluiceHarness.TOKEN);
        }
        return new String[] {"--server", sluice.base(), "--token-file", token.toString()};
    }

    private static long copied(String backupOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) copied").matcher(backupOutput);
        assertThat(m.find()).as(backupOutput).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Every page (the root list, each project's HTML and JSON) and every file a Sluice serves, by path. */
    private static Map<String, byte[]> pagesAndFiles(SluiceHarness sluice) throws Exception {
        Map<String, byte[]> served = new TreeMap<>();
        served.put("/simple/", sluice.getBytes("/simple/").body());
        JsonNode root = JSON.readTree(sluice.getBytes("/simple/", "Accept", "application/vnd.pypi.simple.v1+json").body());
        for (JsonNode project : root.get("projects")) {
            String page = "/simple/" + project.get("name").asText() + "/";
            served.put(page, sluice.getBytes(page).body());
            byte[] json = sluice.getBytes(page, "Accept", "application/vnd.pypi.simple.v1+json").body();
            served.put(page + "#json", json);
            for (JsonNode file : JSON.readTree(json).get("files")) {
                String path = page + file.get("filename").asText();
                HttpResponse<byte[]> bytes = sluice.getBytes(path);
                assertThat(bytes.statusCode()).as(path).isEqualTo(200);
                served.put(path, bytes.body());
            }
        }
        return served;
    }

    private static Map<String, String> hashes(Map<String, byte[]> served) {
        Map<String, String> hashes = new TreeMap<>();
        served.forEach((path, body) -> hashes.put(path, Digests.of(body).sha256()));
        return hashes;
    }
}
