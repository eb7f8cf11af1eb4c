package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.util.Digests;
import dev.sluice.testing.DistributionBuilder;
import dev.sluice.testing.DistributionBuilder.Backend;
import dev.sluice.testing.DistributionBuilder.Project;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.PythonTools.Result;
import dev.sluice.testing.SluiceHarness;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sluice as a team's private index, driven by the real clients: twine, poetry and pdm publish; three pips
 * and poetry install a three-level dependency chain (chain-top -> chain-mid -> chain-base), and PEP 658 lets
 * pip download only the wheels it installs.
 */
class RealClientsTest {
    @TempDir
    static Path dir;

    static SluiceHarness sluice;
    static PythonTools tools;
    static final List<Path> chain = new ArrayList<>();

    @BeforeAll
    static void publishTheChain() throws Exception {
        sluice = SluiceHarness.start(dir.resolve("data"));
        tools = new PythonTools(dir.resolve("home"));
        chain.addAll(DistributionBuilder.build(Backend.FLIT,
                new Project("chain_base", "1.0", "The bottom of the chain", ">=3.7", List.of()), dir.resolve("base-1")));
        chain.addAll(DistributionBuilder.build(Backend.FLIT,
                new Project("chain_base", "2.0", "The bottom of the chain", ">=3.7", List.of()), dir.resolve("base-2")));
        chain.addAll(DistributionBuilder.build(Backend.HATCHLING,
                new Project("Chain.Mid", "1.0", "The middle", ">=3.7", List.of("chain-base>=1.0")), dir.resolve("mid")));
        chain.addAll(DistributionBuilder.build(Backend.SETUPTOOLS,
                new Project("chain-top", "1.0", "The top", ">=3.7", List.of("Chain.Mid")), dir.resolve("top")));
        assertThat(chain).hasSize(8);
        tools.twineUpload(sluice, chain).requireSuccess("twine upload");
    }

    @AfterAll
    static void stop() throws Exception {
        sluice.close();
        PythonTools.deleteSymbolicLinks(dir);
    }

    @Test
    void twineSkipExistingAcceptsTheSameFilesAgain() throws Exception {
        Result again = tools.twineUpload(sluice, chain, "--skip-existing").requireSuccess("twine --skip-existing");
        assertThat(again.output()).doesNotContain("Error");
    }

    @Test
    void aDifferentFileUnderAnExistingFilenameIsRefused() throws Exception {
        List<Path> rebuilt = DistributionBuilder.build(Backend.FLIT, new Project("chain_base", "2.0",
                "The bottom of the chain, rebuilt differently", ">=3.7", List.of("six")), dir.resolve("base-2-again"));
        Path wheel = rebuilt.stream().filter(p -> p.toString().endsWith(".whl")).findFirst().orElseThrow();
        Result refused = tools.twineUpload(sluice, List.of(wheel), "--verbose");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("409 Conflict").contains("File already exists");
        Result skipped = tools.twineUpload(sluice, List.of(wheel), "--skip-existing").requireSuccess("twine --skip-existing");
        assertThat(skipped.output()).contains("Skipping");
    }

    @Test
    void twineAndPdmPrintTheRefusalsReasonWithoutBeingAskedForMore() throws Exception {
        List<Path> rebuilt = DistributionBuilder.build(Backend.HATCHLING, new Project("chain-top", "1.0",
                "The top, rebuilt differently", ">=3.7", List.of("six")), dir.resolve("top-again"));
        Path wheel = rebuilt.stream().filter(p -> p.toString().endsWith(".whl")).findFirst().orElseThrow();
        // The reason rides in the status line, the one thing these clients print of a failed upload.
        Result twine = tools.twineUpload(sluice, List.of(wheel));
        assertThat(twine.exitCode()).isNotZero();
        assertThat(twine.output()).contains("409 Conflict from").contains("File already exists");
        Path project = rebuilt.get(0).getParent().getParent().resolve("src-chain_top");
        Path dist = Files.createDirectories(project.resolve("dist"));
        Files.copy(wheel, dist.resolve(wheel.getFileName()));
        Result pdm = tools.run(project, "pdm", "publish", "--no-build", "-r", sluice.uploadUrl(), "-u", "__token__", "-P",
                SluiceHarness.TOKEN);
        assertThat(pdm.exitCode()).isNotZero();
        assertThat(pdm.output()).contains("File already exists");
    }

    @Test
    void poetryPublishes() throws Exception {
        List<Path> built = DistributionBuilder.build(Backend.POETRY,
                new Project("Poetry-Made", "0.3.0", "Published by poetry", ">=3.7,<4.0", List.of()), dir.resolve("poetry"));
        Path project = built.get(0).getParent().getParent().resolve("src-poetry_made");
        Result publish = tools.run(project, PythonTools.env("POETRY_REPOSITORIES_SLUICE_URL", sluice.uploadUrl(),
                "POETRY_HTTP_BASIC_SLUICE_USERNAME", "__token__", "POETRY_HTTP_BASIC_SLUICE_PASSWORD", SluiceHarness.TOKEN),
                "poetry", "publish", "--build", "-r", "sluice", "-n");
        publish.requireSuccess("poetry publish");
        assertThat(sluice.get("/simple/poetry-made/").body()).contains("poetry_made-0.3.0-py3-none-any.whl", "poetry_made-0.3.0.tar.gz");
    }

    @Test
    void pdmPublishes() throws Exception {
        List<Path> built = DistributionBuilder.build(Backend.HATCHLING,
                new Project("pdm-made", "0.4.0", "Published by pdm", ">=3.7", List.of()), dir.resolve("pdm"));
        Path project = built.get(0).getParent().getParent().resolve("src-pdm_made");
        Path dist = Files.createDirectories(project.resolve("dist"));
        for (Path file : built) {
            Files.copy(file, dist.resolve(file.getFileName()));
        }
        tools.run(project, "pdm", "publish", "--no-build", "-r", sluice.uploadUrl(), "-u", "__token__", "-P",
                SluiceHarness.TOKEN).requireSuccess("pdm publish");
        assertThat(sluice.get("/simple/pdm-made/").body()).contains("pdm_made-0.4.0-py3-none-any.whl");
    }

    /**
     * pip 23.0 finds PEP 658 metadata in JSON pages only under a plain {@code dist-info-metadata} key, which
     * Sluice (like PyPI) never writes because a hash object there crashes pip 22.3 to 23.0; so with that pip
     * PEP 658 is not in effect. It must still download only what it installs.
     */
    static Stream<Arguments> pips() throws Exception {
        return Stream.of(
                Arguments.of("Debian pip 23.0.1", PythonTools.DEBIAN_PYTHON, false),
                Arguments.of("pyenv pip 23.2.1", PythonTools.pyenvPython(), true),
                Arguments.of("newer pip from " + PythonTools.newerPipWheel().getFileName(), null, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pips")
    void pipInstallsTheChainFetchingMetadataAndOnlyTheWheelsItInstalls(String name, String givenPython,
            boolean usesPep658) throws Exception {
        String python = givenPython != null ? givenPython
                : tools.venvWithPip(dir.resolve("venv-" + System.nanoTime()), PythonTools.newerPipWheel());
        Path target = dir.resolve("target-" + System.nanoTime());
        sluice.clearRequests();
        Result install = tools.pipInstall(python, sluice, target, "chain-top").requireSuccess(name + " install");
        assertThat(install.output()).contains("Successfully installed").contains("chain-base-2.0", "Chain.Mid-1.0", "chain-top-1.0");
        assertThat(target.resolve("chain_base/__init__.py")).content().contains("2.0");

        List<String> requests = sluice.requests();
        for (String wheel : List.of("chain_base-2.0-py3-none-any.whl", "chain_mid-1.0-py3-none-any.whl",
                "chain_top-1.0-py3-none-any.whl")) {
            if (usesPep658) {
                assertThat(requests).as("%s fetched %s's metadata (PEP 658)", name, wheel)
                        .anyMatch(r -> r.contains(wheel + ".metadata 200"));
            }
            assertThat(requests).as("%s downloaded %s", name, wheel).anyMatch(r -> r.startsWith("GET") && r.contains(wheel + " 200"));
        }
        assertThat(requests).as("no other distribution downloaded").noneMatch(r -> r.contains("chain_base-1.0-py3-none-any.whl ")
                || r.matches(".*\\.tar\\.gz 200"));
    }

    @Test
    void pipInstallsWithRequireHashes() throws Exception {
        StringBuilder requirements = new StringBuilder();
        for (Path file : chain) {
            String name = file.getFileName().toString();
            if (name.endsWith(".whl") && !name.startsWith("chain_base-1.0")) {
                String project = name.substring(0, name.indexOf('-')).replace('_', '-');
                String version = name.split("-")[1];
                requirements.append(project).append("==").append(version).append(" --hash=sha256:")
                        .append(Digests.of(Files.readAllBytes(file)).sha256()).append('\n');
            }
        }
        Path file = dir.resolve("requirements.txt");
        Files.writeString(file, requirements);
        Path target = dir.resolve("hashed");
        Result install = tools.pipInstall(PythonTools.pyenvPython(), sluice, target, "--require-hashes", "-r", file.toString())
                .requireSuccess("pip --require-hashes");
        assertThat(install.output()).contains("Successfully installed");

        Files.writeString(file, requirements.toString().replaceFirst("sha256:[0-9a-f]{4}", "sha256:0000"));
        Result tampered = tools.pipInstall(PythonTools.pyenvPython(), sluice, dir.resolve("tampered"), "--require-hashes", "-r",
                file.toString());
        assertThat(tampered.exitCode()).isNotZero();
        assertThat(tampered.output()).contains("THESE PACKAGES DO NOT MATCH THE HASHES");
    }

    @Test
    void aYankedReleaseIsSkippedUnlessPinned() throws Exception {
        Path files = Files.createDirectories(dir.resolve("yanky"));
        tools.twineUpload(sluice, List.of(Wheels.wheel(files, "yanky", "1.0"), Wheels.wheel(files, "yanky", "2.0")))
                .requireSuccess("upload yanky");
        assertThat(sluice.admin("POST", "/admin/projects/yanky/releases/2.0/yank", "{\"reason\": \"broken on Python 3.12\"}")
                .statusCode()).isEqualTo(200);
        String python = PythonTools.pyenvPython();
        Result unpinned = tools.pipInstall(python, sluice, dir.resolve("yanky-any"), "yanky").requireSuccess("pip install yanky");
        assertThat(unpinned.output()).contains("Successfully installed yanky-1.0");
        Result pinned = tools.pipInstall(python, sluice, dir.resolve("yanky-pinned"), "yanky==2.0").requireSuccess("pip install yanky==2.0");
        assertThat(pinned.output()).contains("Successfully installed yanky-2.0")
                .contains("The candidate selected for download or install is a yanked version")
                .contains("broken on Python 3.12");
    }

    @Test
    void poetryLocksAndInstallsFromSluice() throws Exception {
        Path project = Files.createDirectories(dir.resolve("consumer"));
        Files.writeString(project.resolve("pyproject.toml"), """
                [tool.poetry]
                name = "consumer"
                version = "0.1.0"
                description = "Installs from Sluice"
                authors = ["Test <test@example.com>"]

                [tool.poetry.dependencies]
                python = "^3.8"
                chain-top = "1.0"

                [[tool.poetry.source]]
                name = "sluice"
                url = "%s"
                default = true

                [build-system]
                requires = ["poetry-core"]
                build-backend = "poetry.core.masonry.api"
                """.formatted(sluice.simpleUrl()));
        var env = PythonTools.env("POETRY_VIRTUALENVS_IN_PROJECT", "true", "POETRY_VIRTUALENVS_OPTIONS_NO_SETUPTOOLS", "true",
                "POETRY_INSTALLER_MAX_WORKERS", "2");
        tools.run(project, env, "poetry", "lock", "-n").requireSuccess("poetry lock");
        assertThat(project.resolve("poetry.lock")).content().contains("name = \"chain-base\"").contains("version = \"2.0\"");
        tools.run(project, env, "poetry", "install", "-n", "--no-root").requireSuccess("poetry install");
        try (Stream<Path> installed = Files.walk(project.resolve(".venv"))) {
            assertThat(installed.map(Path::toString)).anyMatch(p -> p.endsWith("chain_base/__init__.py"))
                    .anyMatch(p -> p.endsWith("chain_top/__init__.py"));
        }
    }
}
