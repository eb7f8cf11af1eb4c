package dev.sluice.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.Eventually;
import dev.sluice.testing.Multipart;
import dev.sluice.testing.Nginx;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: scripted pip installs by two identities, from two client machines (two nginx reverse proxies
 * that forward each its own client address), with two pip versions; then "who fetched lib in a version
 * range" names exactly those identities, addresses and pip versions.
 */
class WhoFetchedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String token(SluiceHarness sluice, String user) throws Exception {
        assertThat(sluice.admin("POST", "/admin/users", "{\"name\": \"" + user + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> created = sluice.admin("POST", "/tokens", "{\"user\": \"" + user + "\", \"scopes\": [\"read\"]}");
        return JSON.readTree(created.body()).get("token").asText();
    }

    private static JsonNode who(SluiceHarness sluice, String versions) throws Exception {
        String query = "/admin/usage/who?project=LIB&versions=" + java.net.URLEncoder.encode(versions, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = sluice.get(query, "Authorization", "Bearer " + SluiceHarness.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("fetchers");
    }

    private static List<String> rows(JsonNode fetchers) {
        List<String> rows = new ArrayList<>();
        fetchers.forEach(f -> rows.add(f.get("identity").asText() + " " + f.get("client_address").asText() + " "
                + f.get("installer").asText() + " " + f.get("installer_version").asText()));
        return rows;
    }

    @Test
    void whoFetchedARangeNamesExactlyTheIdentitiesAddressesAndPipVersions() throws Exception {
        PythonTools tools = new PythonTools(dir.resolve("home"));
        String oldPip = PythonTools.pyenvPython();
        String newPip = tools.venvWithPip(dir.resolve("venv"), PythonTools.newerPipWheel());
        String newPipVersion = tools.run(dir, newPip, "-m", "pip", "--version").requireSuccess("pip --version").output().split(" ")[1];
        String oldPipVersion = tools.run(dir, oldPip, "-m", "pip", "--version").requireSuccess("pip --version").output().split(" ")[1];
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withTrustedProxies(List.of("127.0.0.1")))) {
            Path files = Files.createDirectories(dir.resolve("files"));
            for (String version : List.of("1.0", "2.0")) {
                assertThat(sluice.upload(Multipart.twineLike(Wheels.wheel(files, "lib", version), "lib", version)).statusCode()).isEqualTo(200);
            }
            String alice = token(sluice, "alice");
            String bob = token(sluice, "bob");
            try (Nginx machineA = Nginx.reverseProxy(sluice.base(), "10.0.0.1", dir.resolve("nginx-a"));
                    Nginx machineB = Nginx.reverseProxy(sluice.base(), "10.0.0.2", dir.resolve("nginx-b"))) {
                install(tools, oldPip, machineA, alice, "lib==1.0", "a-1");
                install(tools, newPip, machineB, bob, "lib==2.0", "b-2");
                install(tools, oldPip, machineB, alice, "lib==2.0", "b-2-alice");
            }
            List<String> expectedTwo = List.of("alice 10.0.0.2 pip " + oldPipVersion, "bob 10.0.0.2 pip " + newPipVersion);
            // the log is written in the background
            assertThat(Eventually.poll(() -> rows(who(sluice, ">=2")), rows -> rows.size() >= 2)).containsExactlyElementsOf(expectedTwo);
            assertThat(rows(who(sluice, "<2"))).containsExactly("alice 10.0.0.1 pip " + oldPipVersion);
            assertThat(rows(who(sluice, ">=3"))).isEmpty();
            String export = sluice.get("/admin/usage/export", "Authorization", "Bearer " + SluiceHarness.TOKEN).body();
            assertThat(export.lines().filter(l -> l.contains("\"kind\":\"file\""))).hasSize(3)
                    .allMatch(l -> l.contains("\"source\":\"local\"") && l.contains("\"route\":\"simple\""));

            dev.sluice.testing.CommandLineRun cli = dev.sluice.testing.CommandLineRun.of("usage", "who", "--project", "lib",
                    "--versions", ">=2", "--server", sluice.base(), "--token-file",
                    Files.writeString(dir.resolve("admin-token"), SluiceHarness.TOKEN).toString());
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out().lines()).hasSize(3).first().asString().startsWith("IDENTITY  ADDRESS");
            assertThat(cli.out().lines()).anyMatch(l -> l.startsWith("bob") && l.contains("10.0.0.2") && l.contains(newPipVersion));
            dev.sluice.testing.CommandLineRun csv = dev.sluice.testing.CommandLineRun.of("usage", "who", "--project", "lib",
                    "--format", "csv", "--server", sluice.base(), "--token-file", dir.resolve("admin-token").toString());
            assertThat(csv.out().lines().findFirst()).hasValue("IDENTITY,ADDRESS,INSTALLER,VERSION,PYTHON,DOWNLOADS,FIRST,LAST");
            assertThat(dev.sluice.testing.CommandLineRun.of("usage", "top", "--server", sluice.base(), "--token-file",
                    dir.resolve("admin-token").toString()).out()).contains("3  lib");
        }
    }

    @Test
    void aClientCannotChooseItsAddressWhenNoProxyIsTrusted() throws Exception {
        try (SluiceHarness sluice = SluiceHarness.start(dir.resolve("plain"))) {
            assertThat(sluice.get("/simple/", "X-Forwarded-For", "6.6.6.6").statusCode()).isEqualTo(200);
            String export = Eventually.poll(() -> sluice.get("/admin/usage/export", "Authorization", "Bearer " + SluiceHarness.TOKEN)
                    .body(), body -> body.contains("\"kind\":\"list\""));
            JsonNode event = JSON.readTree(export.lines().filter(l -> l.contains("\"kind\":\"list\"")).findFirst().orElseThrow());
            assertThat(event.get("client_address").asText()).isEqualTo("127.0.0.1");
            assertThat(event.get("route").asText()).isEqualTo("simple");
            assertThat(event.get("decision").asText()).isEqualTo("served");
            assertThat(event.get("installer").asText()).isEqualTo("other:java-http-client");
        }
    }

    private void install(PythonTools tools, String python, Nginx machine, String token, String requirement, String target)
            throws Exception {
        String index = machine.url("/simple/").replace("http://", "http://__token__:" + token + "@");
        tools.run(dir, python, "-m", "pip", "install", "--no-cache-dir", "--no-input", "--target", dir.resolve(target).toString(),
                "--index-url", index, requirement).requireSuccess("pip install " + requirement + " through " + machine.url("/"));
    }
}
