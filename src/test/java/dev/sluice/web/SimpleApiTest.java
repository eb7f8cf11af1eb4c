package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.util.Digests;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simple API, the JSON API and the admin API against PROTOCOL.md, on a server holding a few uploads. */
class SimpleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    private static final String HOSTILE_REASON = "<script>alert(\"x\")</script> & 'quotes'";

    @TempDir
    static Path dir;

    static SluiceHarness sluice;
    static Path foo1;
    static Path foo2;

    @BeforeAll
    static void publish() throws Exception {
        sluice = SluiceHarness.start(dir.resolve("data"));
        Path files = Files.createDirectories(dir.resolve("files"));
        foo1 = Wheels.wheel(files, "Foo_Bar", "1.0");
        foo2 = Wheels.wheelRequiringPython(files, "Foo_Bar", "2.0", ">=3.8", "requests>=2");
        // Three spellings of one project name: one project.
        assertThat(sluice.upload(Multipart.twineLike(foo1, "Foo_Bar", "1.0")).statusCode()).isEqualTo(200);
        assertThat(sluice.upload(Multipart.twineLike(foo2, "foo.bar", "2.0")).statusCode()).isEqualTo(200);
        Path hostile = Wheels.wheel(files, "hostile", "0.1");
        assertThat(sluice.upload(Multipart.twineLike(hostile, "HOSTILE", "0.1")).statusCode()).isEqualTo(200);
        assertThat(sluice.admin("POST", "/admin/projects/hostile/releases/0.1/yank",
                JSON.createObjectNode().put("reason", HOSTILE_REASON).toString()).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        sluice.close();
    }

    private static String sha256(Path file) throws Exception {
        return Digests.of(Files.readAllBytes(file)).sha256();
    }

    @Test
    void spellingVariantsAreOneProject() throws Exception {
        JsonNode list = JSON.readTree(sluice.get("/simple/", "Accept", JSON_TYPE).body());
        List<String> names = new ArrayList<>();
        list.get("projects").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("Foo_Bar", "hostile").doesNotContain("foo.bar", "FOO-bar", "HOSTILE");
        assertThat(list.get("meta").get("api-version").asText()).isEqualTo("1.4");
        for (String variant : List.of("Foo_Bar", "foo.bar", "FOO-bar", "foo--bar")) {
            HttpResponse<String> r = sluice.get("/simple/" + variant + "/?format=" + JSON_TYPE);
            assertThat(r.statusCode()).as(variant).isEqualTo(301);
            assertThat(r.headers().firstValue("Location")).hasValue("/simple/foo-bar/?format=" + JSON_TYPE);
        }
        assertThat(sluice.get("/simple/foo-bar").headers().firstValue("Location")).hasValue("/simple/foo-bar/");
        assertThat(sluice.get("/simple").headers().firstValue("Location")).hasValue("/simple/");
        assertThat(sluice.get("/pypi/FOO-bar/json").headers().firstValue("Location")).hasValue("/pypi/foo-bar/json");
    }

    @Test
    void theJsonPageIsWhatPep691AndPyPIWrite() throws Exception {
        HttpResponse<String> r = sluice.get("/simple/foo-bar/", "Accept", JSON_TYPE);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        JsonNode page = JSON.readTree(r.body());
        assertThat(page.get("meta").get("api-version").asText()).isEqualTo("1.4");
        assertThat(page.get("meta").get("_last-serial").asLong()).isEqualTo(Long.parseLong(r.headers().firstValue("X-PyPI-Last-Serial").orElseThrow()));
        assertThat(page.get("name").asText()).isEqualTo("foo-bar");
        assertThat(page.get("versions")).extracting(JsonNode::asText).containsExactly("1.0", "2.0");
        JsonNode second = page.get("files").get(1);
        assertThat(second.get("filename").asText()).isEqualTo("foo_bar-2.0-py3-none-any.whl");
        assertThat(second.get("url").asText()).isEqualTo("foo_bar-2.0-py3-none-any.whl");
        assertThat(second.get("hashes").get("sha256").asText()).isEqualTo(sha256(foo2));
        assertThat(second.get("requires-python").asText()).isEqualTo(">=3.8");
        assertThat(page.get("files").get(0).get("requires-python").isNull()).isTrue();
        assertThat(second.get("size").asLong()).isEqualTo(Files.size(foo2));
        assertThat(second.get("yanked").asBoolean()).isFalse();
        assertThat(second.get("upload-time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(second.get("provenance").isNull()).isTrue();
        assertThat(second.has("dist-info-metadata")).as("never a plain dist-info-metadata key in JSON").isFalse();
        String metadataHash = second.get("core-metadata").get("sha256").asText();
        assertThat(second.get("data-dist-info-metadata").get("sha256").asText()).isEqualTo(metadataHash);
        byte[] metadata = sluice.getBytes("/simple/foo-bar/foo_bar-2.0-py3-none-any.whl.metadata").body();
        assertThat(Digests.of(metadata).sha256()).as("PEP 658: the hash is of exactly the served bytes").isEqualTo(metadataHash);
        assertThat(new String(metadata, java.nio.charset.StandardCharsets.UTF_8)).contains("Requires-Dist: requests>=2");
        assertThat(page.get("project-status").get("status").asText()).isEqualTo("active");
    }

    @Test
    void theHtmlPageIsThePep503FormWithEveryValueEscaped() throws Exception {
        HttpResponse<String> r = sluice.get("/simple/hostile/", "Accept", "text/html");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        JsonNode json = JSON.readTree(sluice.get("/simple/hostile/", "Accept", JSON_TYPE).body());
        JsonNode file = json.get("files").get(0);
        String expected = """
                <!DOCTYPE html>
                <html>
                  <head>
                    <meta name="pypi:repository-version" content="1.4">
                    <meta name="pypi:project-status" content="active">
                    <title>Links for hostile</title>
                  </head>
                  <body>
                    <h1>Links for hostile</h1>
                    <a href="hostile-0.1-py3-none-any.whl#sha256=%s" data-core-metadata="sha256=%s" \
                data-dist-info-metadata="sha256=%s" data-yanked="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; \
                &amp; &#x27;quotes&#x27;">hostile-0.1-py3-none-any.whl</a><br />
                  </body>
                </html>
                """.formatted(file.get("hashes").get("sha256").asText(), file.get("core-metadata").get("sha256").asText(),
                file.get("core-metadata").get("sha256").asText());
        assertThat(r.body()).isEqualTo(expected);
        assertThat(file.get("yanked").asText()).as("JSON carries the reason unescaped").isEqualTo(HOSTILE_REASON);
        HttpResponse<String> v1html = sluice.get("/simple/hostile/", "Accept", "application/vnd.pypi.simple.v1+html");
        assertThat(v1html.headers().firstValue("Content-Type")).hasValue("application/vnd.pypi.simple.v1+html; charset=utf-8");
        assertThat(v1html.body()).isEqualTo(expected);
    }

    @Test
    void pagesCarryCachingHeadersAndAnswerConditionalRequests() throws Exception {
        HttpResponse<String> r = sluice.get("/simple/foo-bar/", "Accept", JSON_TYPE);
        assertThat(r.headers().firstValue("Vary")).hasValue("Accept, Accept-Encoding");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=600");
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = sluice.get("/simple/foo-bar/", "Accept", JSON_TYPE, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> html = sluice.get("/simple/foo-bar/", "Accept", "text/html", "If-None-Match", etag);
        assertThat(html.statusCode()).as("another form has another ETag").isEqualTo(200);
    }

    @Test
    void pagesAreCompressedWhenAsked() throws Exception {
        HttpResponse<byte[]> plain = sluice.getBytes("/simple/foo-bar/", "Accept", JSON_TYPE);
        HttpResponse<byte[]> gzip = sluice.getBytes("/simple/foo-bar/", "Accept", JSON_TYPE, "Accept-Encoding", "gzip, deflate");
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes()).isEqualTo(plain.body());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
    }

    @Test
    void filesAreImmutableAndServeRanges() throws Exception {
        String url = "/simple/foo-bar/foo_bar-1.0-py3-none-any.whl";
        byte[] bytes = Files.readAllBytes(foo1);
        HttpResponse<byte[]> full = sluice.getBytes(url);
        assertThat(full.body()).isEqualTo(bytes);
        assertThat(full.headers().firstValue("ETag")).hasValue("\"" + sha256(foo1) + "\"");
        assertThat(full.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, immutable");
        HttpResponse<byte[]> head = sluice.getBytes(url, "Range", "bytes=0-9");
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-9/" + bytes.length);
        assertThat(head.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, 10));
        HttpResponse<byte[]> tail = sluice.getBytes(url, "Range", "bytes=-22");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 22, bytes.length));
        HttpResponse<byte[]> beyond = sluice.getBytes(url, "Range", "bytes=" + bytes.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes.length);
        assertThat(sluice.getBytes(url, "If-None-Match", "\"" + sha256(foo1) + "\"").statusCode()).isEqualTo(304);
        HttpResponse<byte[]> headRequest = sluice.send(sluice.request(url).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(headRequest.headers().firstValue("Content-Length")).hasValue(Integer.toString(bytes.length));
        assertThat(headRequest.body()).isEmpty();
    }

    @Test
    void whatIsNotThereIsA404ThatSaysSo() throws Exception {
        HttpResponse<String> project = sluice.get("/simple/no-such-project/");
        assertThat(project.statusCode()).isEqualTo(404);
        assertThat(project.body()).contains("no project named 'no-such-project'");
        HttpResponse<String> file = sluice.get("/simple/foo-bar/foo_bar-9.9-py3-none-any.whl");
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(file.body()).contains("has no file 'foo_bar-9.9-py3-none-any.whl'");
        assertThat(sluice.get("/simple/foo-bar/foo_bar-9.9-py3-none-any.whl.metadata").statusCode()).isEqualTo(404);
        assertThat(sluice.get("/simple/not%20a%20name/").statusCode()).isEqualTo(404);
    }

    @Test
    void theJsonApiDescribesProjectsAndReleases() throws Exception {
        JsonNode project = JSON.readTree(sluice.get("/pypi/foo-bar/json").body());
        assertThat(project.get("info").get("name").asText()).isEqualTo("Foo_Bar");
        assertThat(project.get("info").get("version").asText()).isEqualTo("2.0");
        assertThat(project.get("info").get("requires_dist")).extracting(JsonNode::asText).containsExactly("requests>=2");
        assertThat(project.get("info").get("requires_python").asText()).isEqualTo(">=3.8");
        assertThat(project.get("releases").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("1.0", "2.0");
        JsonNode url = project.get("urls").get(0);
        assertThat(url.get("digests").get("sha256").asText()).isEqualTo(sha256(foo2));
        assertThat(url.get("digests").get("blake2b_256").asText()).hasSize(64);
        assertThat(url.get("packagetype").asText()).isEqualTo("bdist_wheel");
        assertThat(url.get("url").asText()).isEqualTo("/simple/foo-bar/foo_bar-2.0-py3-none-any.whl");
        assertThat(url.get("upload_time_iso_8601").asText()).endsWith("Z");
        assertThat(project.get("vulnerabilities").isArray()).isTrue();
        JsonNode release = JSON.readTree(sluice.get("/pypi/foo-bar/1.0/json").body());
        assertThat(release.get("info").get("version").asText()).isEqualTo("1.0");
        assertThat(release.get("info").get("requires_dist").isNull()).isTrue();
        assertThat(release.has("releases")).isFalse();
        assertThat(sluice.get("/pypi/foo-bar/9.9/json").statusCode()).isEqualTo(404);
        JsonNode yanked = JSON.readTree(sluice.get("/pypi/hostile/json").body());
        assertThat(yanked.get("info").get("yanked").asBoolean()).isTrue();
        assertThat(yanked.get("info").get("yanked_reason").asText()).isEqualTo(HOSTILE_REASON);
    }

    @Test
    void aProjectAskedForBeforeItsFirstUploadAppearsOnceUploaded() throws Exception {
        assertThat(sluice.get("/simple/late-comer/").statusCode()).isEqualTo(404);
        assertThat(sluice.get("/simple/late-comer/").statusCode()).as("the absence is remembered").isEqualTo(404);
        Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("late")), "late-comer", "1.0");
        assertThat(sluice.upload(Multipart.twineLike(wheel, "late-comer", "1.0")).statusCode()).isEqualTo(200);
        assertThat(sluice.get("/simple/late-comer/").statusCode()).as("and forgotten on upload").isEqualTo(200);
    }

    @Test
    void uploadsAreTakenWithoutTheTrailingSlashTooAndNeverRedirected() throws Exception {
        Multipart form = Multipart.twineLike(Wheels.wheel(Files.createDirectories(dir.resolve("noslash")), "noslash", "1.0"),
                "noslash", "1.0");
        HttpResponse<String> response = sluice.send(sluice.request("/legacy", "Content-Type", form.contentType(),
                "Authorization", "Bearer " + SluiceHarness.TOKEN).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(form.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(sluice.get("/simple/noslash/").statusCode()).isEqualTo(200);
    }

    @Test
    void aFilenameAlwaysMeansTheSameBytes() throws Exception {
        Path other = Files.createDirectories(dir.resolve("immutable"));
        Path original = Wheels.wheel(other, "immutable", "1.0");
        assertThat(sluice.upload(Multipart.twineLike(original, "immutable", "1.0")).statusCode()).isEqualTo(200);
        HttpResponse<String> same = sluice.upload(Multipart.twineLike(original, "immutable", "1.0"));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.body()).contains("already uploaded");
        Path impostor = Wheels.wheel(Files.createDirectories(dir.resolve("impostor")), "immutable", "1.0", "evil>=1");
        HttpResponse<String> different = sluice.upload(Multipart.twineLike(impostor, "immutable", "1.0"));
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(different.body()).startsWith("File already exists ('immutable-1.0-py3-none-any.whl', with sha256 hash " + sha256(original));

        HttpResponse<String> deleted = sluice.admin("DELETE", "/admin/projects/immutable/files/immutable-1.0-py3-none-any.whl", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("changed").asInt()).isEqualTo(1);
        assertThat(sluice.get("/simple/immutable/immutable-1.0-py3-none-any.whl").statusCode()).isEqualTo(404);
        for (Path attempt : List.of(original, impostor)) {
            HttpResponse<String> reuse = sluice.upload(Multipart.twineLike(attempt, "immutable", "1.0"));
            assertThat(reuse.statusCode()).isEqualTo(400);
            assertThat(reuse.body()).startsWith("This filename has already been used");
        }
    }

    @Test
    void releasesAreYankedAndUnyankedThroughTheAdminApi() throws Exception {
        Path files = Files.createDirectories(dir.resolve("yank"));
        assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "yankme", "1.0"), "yankme", "1.0")).statusCode()).isEqualTo(200);
        HttpResponse<String> unauthorised = sluice.send(sluice.request("/admin/projects/yankme/releases/1.0/yank")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertThat(unauthorised.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sluice\"");

        assertThat(sluice.admin("POST", "/admin/projects/YankMe/releases/1.0/yank?reason=broken%20build", null).statusCode()).isEqualTo(200);
        assertThat(sluice.get("/simple/yankme/", "Accept", "text/html").body()).contains("data-yanked=\"broken build\"");
        assertThat(sluice.admin("POST", "/admin/projects/yankme/releases/1.0/unyank", null).statusCode()).isEqualTo(200);
        assertThat(sluice.get("/simple/yankme/", "Accept", "text/html").body()).doesNotContain("data-yanked");
        assertThat(sluice.admin("POST", "/admin/projects/yankme/releases/7.0/yank", null).statusCode()).isEqualTo(404);
        assertThat(sluice.admin("POST", "/admin/projects/nothing-here/releases/1.0/yank", null).statusCode()).isEqualTo(404);
        assertThat(sluice.admin("DELETE", "/admin/projects/yankme/releases/1.0", null).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(sluice.get("/simple/yankme/", "Accept", JSON_TYPE).body()).get("files")).isEmpty();
    }
}
