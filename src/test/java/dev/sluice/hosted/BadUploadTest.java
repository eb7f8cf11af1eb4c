package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Archives;
import dev.sluice.testing.Archives.Content;
import dev.sluice.testing.Archives.ZipWriter;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uploads that must be refused: each gets the right status and a message naming what failed, and when the
 * table is done neither the catalog nor the blob store holds anything from any of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadUploadTest {
    private static final long LIMIT = 1 << 20;

    @TempDir
    static Path dir;

    SluiceHarness sluice;
    Path wheel;

    @BeforeAll
    void start() throws IOException {
        sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withMaxUploadBytes(LIMIT));
        wheel = Wheels.wheel(Files.createDirectories(dir.resolve("good")), "demo", "1.0");
    }

    @AfterAll
    void nothingWasKept() throws Exception {
        try {
            HttpResponse<String> list = sluice.get("/simple/", "Accept", "application/vnd.pypi.simple.v1+json");
            assertThat(list.body()).contains("\"projects\":[]");
            assertThat(sluice.storedFileNames()).as("stored or staged blobs").isEmpty();
        } finally {
            sluice.close();
        }
    }

    private Multipart good() throws IOException {
        return Multipart.twineLike(wheel, "demo", "1.0");
    }

    private Multipart withWheel(Path file) throws IOException {
        return Multipart.twineLike(file, "demo", "1.0");
    }

    /** A wheel named demo-1.0 whose METADATA says what the test wants. */
    private Path wheelWithMetadata(String metadata) throws IOException {
        return wheelWithMetadata(metadata.getBytes(StandardCharsets.UTF_8));
    }

    private Path wheelWithMetadata(byte[] metadata) throws IOException {
        Path file = Files.createDirectories(dir.resolve("odd-" + System.nanoTime())).resolve("demo-1.0-py3-none-any.whl");
        try (ZipWriter zip = new ZipWriter(file)) {
            zip.add("demo/__init__.py", Content.of(""));
            zip.add("demo-1.0.dist-info/METADATA", Content.of(metadata));
        }
        return file;
    }

    interface FormBuilder {
        Multipart build() throws IOException;
    }

    Stream<Arguments> cases() throws IOException {
        byte[] random = new byte[(int) (2 * LIMIT)];
        new Random(5).nextBytes(random);
        Path traversal = Files.createDirectories(dir.resolve("traversal")).resolve("demo-1.0-py3-none-any.whl");
        try (ZipWriter zip = new ZipWriter(traversal)) {
            zip.add("../../etc/cron.d/evil", Content.of("* * * * * root rm -rf /"));
            zip.add("demo-1.0.dist-info/METADATA", Content.of(Archives.metadata("demo", "1.0")));
        }
        return Stream.of(
                Arguments.of("missing :action", (FormBuilder) () -> good().set(":action", null), 400, "Missing ':action' field"),
                Arguments.of("wrong :action", (FormBuilder) () -> good().set(":action", "submit"), 400, "Unsupported ':action' 'submit'"),
                Arguments.of("unknown protocol", (FormBuilder) () -> good().set("protocol_version", "2"), 400, "Unknown 'protocol_version' '2'"),
                Arguments.of("missing name", (FormBuilder) () -> good().set("name", null), 400, "Missing 'name' field"),
                Arguments.of("invalid name", (FormBuilder) () -> good().set("name", "-demo-"), 400, "Invalid 'name' '-demo-'"),
                Arguments.of("missing version", (FormBuilder) () -> good().set("version", ""), 400, "Missing 'version' field"),
                Arguments.of("invalid version", (FormBuilder) () -> good().set("version", "1.0-beta.2.x"), 400, "Invalid 'version' '1.0-beta.2.x'"),
                Arguments.of("unknown filetype", (FormBuilder) () -> good().set("filetype", "bdist_egg"), 400, "Invalid 'filetype' 'bdist_egg'"),
                Arguments.of("no file part", (FormBuilder) () -> good().withoutFile(), 400, "Missing 'content' file part"),
                Arguments.of("name differs from filename", (FormBuilder) () -> good().set("name", "other"), 400,
                        "is for project 'demo', but the form's 'name' is 'other'"),
                Arguments.of("version differs from filename", (FormBuilder) () -> good().set("version", "2.0"), 400,
                        "is for version '1.0', but the form's 'version' is '2.0'"),
                Arguments.of("filetype differs from file", (FormBuilder) () -> good().set("filetype", "sdist"), 400,
                        "The 'filetype' 'sdist' does not fit the file"),
                Arguments.of("metadata names another project", (FormBuilder) () -> withWheel(wheelWithMetadata(
                        Archives.metadata("evil", "1.0"))), 400, "names project 'evil', but the form's 'name' is 'demo'"),
                Arguments.of("metadata names another version", (FormBuilder) () -> withWheel(wheelWithMetadata(
                        Archives.metadata("demo", "1.1"))), 400, "says version '1.1', but the form's 'version' is '1.0'"),
                Arguments.of("unknown metadata version", (FormBuilder) () -> withWheel(wheelWithMetadata(
                        "Metadata-Version: 3.0\nName: demo\nVersion: 1.0\n")), 400, "unsupported Metadata-Version '3.0'"),
                Arguments.of("invalid Requires-Dist", (FormBuilder) () -> withWheel(wheelWithMetadata(
                        Archives.metadata("demo", "1.0") + "Requires-Dist: requests >= \n")), 400, "has an invalid Requires-Dist"),
                Arguments.of("invalid Requires-Python", (FormBuilder) () -> withWheel(wheelWithMetadata(
                        Archives.metadata("demo", "1.0") + "Requires-Python: >=3.x\n")), 400, "Invalid Requires-Python '>=3.x'"),
                Arguments.of("metadata not UTF-8", (FormBuilder) () -> withWheel(wheelWithMetadata(
                        "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nAuthor: Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))),
                        400, "core metadata is not valid UTF-8"),
                Arguments.of("wrong sha256", (FormBuilder) () -> good().set("sha256_digest", "0".repeat(64)), 400,
                        "The 'sha256_digest' does not match the uploaded bytes"),
                Arguments.of("wrong md5", (FormBuilder) () -> good().set("md5_digest", "0".repeat(32)), 400,
                        "The 'md5_digest' does not match the uploaded bytes"),
                Arguments.of("wrong blake2", (FormBuilder) () -> good().set("blake2_256_digest", "a".repeat(64)), 400,
                        "The 'blake2_256_digest' does not match the uploaded bytes"),
                Arguments.of("malformed digest", (FormBuilder) () -> good().set("sha256_digest", "xyz"), 400,
                        "Invalid 'sha256_digest': expected 64 hexadecimal digits"),
                Arguments.of("invalid requires_python field", (FormBuilder) () -> good().set("requires_python", ">=3.8,,<<4"),
                        400, "Invalid 'requires_python' '>=3.8,,<<4'"),
                Arguments.of("egg", (FormBuilder) () -> good().file("demo-1.0-py3.11.egg", new byte[10]), 400,
                        "eggs are no longer accepted"),
                Arguments.of("exe", (FormBuilder) () -> good().file("demo-1.0.win32.exe", new byte[10]), 400,
                        "Windows installers (bdist_wininst) are not accepted"),
                Arguments.of("sdist pyversion", (FormBuilder) () -> good().file("demo-1.0.tar.gz", new byte[10])
                        .set("filetype", "sdist").set("pyversion", "py3"), 400, "Invalid 'pyversion' 'py3' for an sdist"),
                Arguments.of("corrupt archive", (FormBuilder) () -> good().file("demo-1.0-py3-none-any.whl",
                        "this is not a zip".getBytes(StandardCharsets.UTF_8)).set("sha256_digest", null).set("md5_digest", null)
                        .set("blake2_256_digest", null), 400, "not a readable zip archive"),
                Arguments.of("hostile archive", (FormBuilder) () -> withWheel(traversal), 400, "escapes the archive with '..'"),
                Arguments.of("path traversal filename", (FormBuilder) () -> good().file("..%2Fdemo-1.0-py3-none-any.whl",
                        Files.readAllBytes(wheel)), 400, "Invalid distribution filename"),
                Arguments.of("wheel filename not in normal form", (FormBuilder) () -> good().file("Demo-1.0-py3-none-any.whl",
                        Files.readAllBytes(wheel)), 400, "is not in normal form: name it 'demo-1.0-py3-none-any.whl'"),
                Arguments.of("upper-case tags", (FormBuilder) () -> good().file("demo-1.0-PY3-NONE-ANY.whl",
                        Files.readAllBytes(wheel)), 400, "is not in normal form"),
                Arguments.of("shell characters in a tag", (FormBuilder) () -> good().file("demo-1.0-py3-none-$(id).whl",
                        Files.readAllBytes(wheel)), 400, "must not hold characters other than ASCII letters, digits and '_'"),
                Arguments.of("brackets in a build tag", (FormBuilder) () -> good().file("demo-1.0-1<x>-py3-none-any.whl",
                        Files.readAllBytes(wheel)), 400, "a build tag must not hold characters"),
                Arguments.of("a bidi override in a tag", (FormBuilder) () -> good().file("demo-1.0-py3-none-any\u202e.whl",
                        Files.readAllBytes(wheel)), 400, "must not hold characters"),
                Arguments.of("a space in a tag", (FormBuilder) () -> good().file("demo-1.0-py3-none-any x.whl",
                        Files.readAllBytes(wheel)), 400, "must not hold characters"),
                Arguments.of("slash in filename", (FormBuilder) () -> good().file("../demo-1.0-py3-none-any.whl",
                        Files.readAllBytes(wheel)), 400, "a filename must not contain '/' or '\\'"),
                Arguments.of("far oversized file", (FormBuilder) () -> good().file("demo-1.0-py3-none-any.whl",
                        java.util.Arrays.copyOf(random, random.length * 2)).set("sha256_digest", null).set("md5_digest", null)
                        .set("blake2_256_digest", null), 413, "File too large"),
                Arguments.of("oversized file", (FormBuilder) () -> good().file("demo-1.0-py3-none-any.whl", random)
                        .set("sha256_digest", null).set("md5_digest", null).set("blake2_256_digest", null), 413,
                        "File too large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithTheRightStatusAndAMessageNamingTheProblem(String name, FormBuilder form, int status, String message)
            throws Exception {
        HttpResponse<String> response = sluice.upload(form.build());
        assertThat(response.statusCode()).as("status for %s (body: %s)", name, response.body()).isEqualTo(status);
        assertThat(response.body()).as(name).contains(message);
    }

    @Test
    void anUploadWithoutCredentialsIsChallenged() throws Exception {
        HttpResponse<String> response = sluice.upload(good(), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"sluice\"");
        assertThat(response.body()).contains("Authentication required");
    }

    @Test
    void anUploadWithAWrongTokenIsRefused() throws Exception {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("__token__:sluice_wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = sluice.upload(good(), wrong);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid credentials");
    }

    @Test
    void anUploadThatIsNotMultipartIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sluice.uploadUrl()))
                .header("Authorization", "Bearer " + SluiceHarness.TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(":action=file_upload&name=demo&version=1.0")).build();
        HttpResponse<String> response = sluice.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("multipart/form-data");
    }

    @Test
    void theGoodFormItselfIsAccepted() throws Exception {
        // The control: the same builder, unchanged, is accepted, so the refusals above are the mutations' doing.
        // It runs against its own server so the table's "nothing kept" check stays meaningful.
        try (SluiceHarness other = SluiceHarness.start(dir.resolve("control"))) {
            HttpResponse<String> response = other.upload(good());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }
}
