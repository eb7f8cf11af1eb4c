package dev.sluice.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.DefaultGraph;
import dev.sluice.testing.DistributionBuilder;
import dev.sluice.testing.DistributionBuilder.Backend;
import dev.sluice.testing.DistributionBuilder.Project;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.PythonTools.Result;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import dev.sluice.app.ServerSettings;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private index used by the real clients with accounts and tokens: twine, poetry and pdm publish with an
 * API token; pip installs with credentials in the index URL, or from netrc after the 401 challenge, and
 * without credentials gets nothing.
 */
class PrivateIndexClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "alice-correct-horse-1";

    @TempDir
    static Path dir;

    static SluiceHarness sluice;
    static PythonTools tools;
    static String token;

    @BeforeAll
    static void privateIndexWithAnAccount() throws Exception {
        sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data")).withAdminToken(SluiceHarness.TOKEN)
                .withGraph(DefaultGraph.hostedOnly().withPrivateRead(true).graph()));
        tools = new PythonTools(dir.resolve("home"));
        assertThat(post("/admin/users", "Bearer " + SluiceHarness.TOKEN, "{\"name\": \"alice\", \"password\": \"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> created = post("/tokens", "Basic " + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)), "{\"description\": \"ci\", \"scopes\": [\"read\", \"upload\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        token = JSON.readTree(created.body()).get("token").asText();
        Path files = Files.createDirectories(dir.resolve("files"));
        tools.twineUpload(sluice, token, List.of(Wheels.wheel(files, "secret-lib", "1.0"))).requireSuccess("twine with a token");
    }

    @AfterAll
    static void stop() throws Exception {
        sluice.close();
        PythonTools.deleteSymbolicLinks(dir);
    }

    private static HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        return sluice.call("POST", path, authorization, json);
    }

    private static Result pip(String indexUrl, String target) throws Exception {
        return tools.run(dir, PythonTools.pyenvPython(), "-m", "pip", "install", "--no-cache-dir", "--no-input", "--target",
                dir.resolve(target).toString(), "--index-url", indexUrl, "secret-lib");
    }

    @Test
    void withoutCredentialsTheIndexAnswers401WithABasicChallengeAndPipInstallsNothing() throws Exception {
        HttpResponse<String> page = sluice.get("/simple/secret-lib/");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"sluice\"");
        assertThat(page.body()).doesNotContain("secret_lib-1.0");
        Result pip = pip(sluice.simpleUrl(), "anonymous");
        assertThat(pip.exitCode()).isNotZero();
        assertThat(dir.resolve("anonymous/secret_lib")).doesNotExist();
    }

    @Test
    void pipInstallsWithThePasswordInTheIndexUrl() throws Exception {
        String url = sluice.simpleUrl().replace("http://", "http://alice:" + PASSWORD + "@");
        pip(url, "url").requireSuccess("pip with user:password in the URL");
        assertThat(dir.resolve("url/secret_lib")).isDirectory();
    }

    @Test
    void pipInstallsWithATokenFromNetrcAfterTheChallenge() throws Exception {
        Path netrc = Files.writeString(tools.home().resolve(".netrc"), "machine 127.0.0.1 login __token__ password " + token + "\n");
        try {
            pip(sluice.simpleUrl(), "netrc").requireSuccess("pip with netrc");
            assertThat(dir.resolve("netrc/secret_lib")).isDirectory();
        } finally {
            Files.delete(netrc);
        }
    }

    @Test
    void poetryAndPdmPublishWithAToken() throws Exception {
        List<Path> built = DistributionBuilder.build(Backend.POETRY,
                new Project("private-poetry", "0.1.0", "Published by poetry", ">=3.7,<4.0", List.of()), dir.resolve("poetry"));
        Path project = built.get(0).getParent().getParent().resolve("src-private_poetry");
        tools.run(project, PythonTools.env("POETRY_REPOSITORIES_SLUICE_URL", sluice.uploadUrl(),
                "POETRY_HTTP_BASIC_SLUICE_USERNAME", "__token__", "POETRY_HTTP_BASIC_SLUICE_PASSWORD", token),
                "poetry", "publish", "--build", "-r", "sluice", "-n").requireSuccess("poetry publish with a token");

        List<Path> hatched = DistributionBuilder.build(Backend.HATCHLING,
                new Project("private-pdm", "0.2.0", "Published by pdm", ">=3.7", List.of()), dir.resolve("pdm"));
        Path pdmProject = hatched.get(0).getParent().getParent().resolve("src-private_pdm");
        Path dist = Files.createDirectories(pdmProject.resolve("dist"));
        for (Path file : hatched) {
            Files.copy(file, dist.resolve(file.getFileName()));
        }
        tools.run(pdmProject, "pdm", "publish", "--no-build", "-r", sluice.uploadUrl(), "-u", "__token__", "-P", token)
                .requireSuccess("pdm publish with a token");

        String auth = "Bearer " + token;
        assertThat(sluice.get("/simple/private-poetry/", "Authorization", auth).body()).contains("private_poetry-0.1.0-py3-none-any.whl");
        assertThat(sluice.get("/simple/private-pdm/", "Authorization", auth).body()).contains("private_pdm-0.2.0-py3-none-any.whl");
    }
}
