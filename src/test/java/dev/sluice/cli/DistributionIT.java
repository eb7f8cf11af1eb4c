package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.DistributionBuilder;
import dev.sluice.testing.PythonTools;
import dev.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server install: the tarball packaging wrote, unpacked elsewhere and run through its launcher. */
@Timeout(300)
class DistributionIT {
    @TempDir
    Path temp;

    @Test
    void theUnpackedTarballServesUploadsAndInstallsAndStopsOnSigterm() throws Exception {
        Path install = unpack(tarball(), Files.createDirectories(temp.resolve("opt")));
        Path launcher = install.resolve("bin/sluice");
        assertThat(launcher).isExecutable();
        assertThat(install.resolve("lib/sluice.jar")).isRegularFile();
        assertThat(install.resolve("LICENSE")).isRegularFile();
        assertThat(Files.readString(install.resolve("systemd/sluice.service")))
                .contains("User=sluice", "ProtectSystem=strict", "ReadWritePaths=/var/lib/sluice", "NoNewPrivileges=true",
                        "Restart=on-failure", "ExecStart=/opt/sluice/bin/sluice serve --config /etc/sluice/sluice.toml");

        PythonTools tools = new PythonTools(temp.resolve("home"));
        Map<String, String> jdk = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        assertThat(tools.run(elsewhere, jdk, launcher.toString(), "--version").requireSuccess("--version").output())
                .as("version and commit").matches("sluice \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{12}(-dirty)?\\)\\s*");
        assertThat(tools.run(elsewhere, jdk, launcher.toString(), "config", "check", install.resolve("conf/sluice.toml").toString())
                .requireSuccess("checking the example config").output()).contains("valid");

        // AOTMode=on: the JVM refuses to start unless the cache in lib/ matches the jars beside it and this JDK,
        // where the launcher's plain AOTCache would only warn.
        Map<String, String> env = new java.util.HashMap<>(jdk);
        if (Runtime.version().feature() >= 25) {
            env.put("JAVA_OPTS", "-XX:AOTMode=on");
        }
        // PyPI is out of reach here (the example's proxy would refuse a new name it cannot check): a private index.
        Path config = Files.writeString(Files.createDirectories(temp.resolve("etc/sluice")).resolve("sluice.toml"), """
                [sources.local]
                type = "hosted"
                [routes.main]
                path = "/simple/"
                serve = "local"
                """);
        Path data = temp.resolve("var/lib/sluice");
        try (SluiceProcess sluice = SluiceProcess.run(elsewhere, env, List.of(launcher.toString(), "serve",
                "--config", config.toString(), "--port", "0", "--data-dir", data.toString()))) {
            assertThat(sluice.startupOutput()).doesNotContain("[aot]");
            List<Path> built = DistributionBuilder.build(DistributionBuilder.Backend.SETUPTOOLS,
                    new DistributionBuilder.Project("installed-from-tarball", "1.0", "From the tarball", ">=3.8", List.of()),
                    temp.resolve("build"));
            String token = Files.readString(data.resolve("admin-token")).strip();
            List<String> twine = new ArrayList<>(List.of("twine", "upload", "--non-interactive", "--disable-progress-bar"));
            built.forEach(file -> twine.add(file.toString()));
            tools.run(elsewhere, Map.of("TWINE_REPOSITORY_URL", sluice.base() + "/legacy/", "TWINE_USERNAME", "__token__",
                    "TWINE_PASSWORD", token), twine.toArray(String[]::new)).requireSuccess("twine upload");
            Path target = temp.resolve("site");
            tools.run(elsewhere, PythonTools.DEBIAN_PYTHON, "-m", "pip", "install", "--no-cache-dir", "--target",
                    target.toString(), "--index-url", sluice.base() + "/simple/", "installed-from-tarball==1.0")
                    .requireSuccess("pip install");
            assertThat(target.resolve("installed_from_tarball/__init__.py")).content().contains("__version__ = \"1.0\"");

            assertThat(sluice.stop()).as("stops on SIGTERM, as systemd stops it").isTrue();
            assertThat(sluice.exitValue()).as("the JVM's status after SIGTERM, the unit's SuccessExitStatus").isEqualTo(143);
        }
    }

    private static Path tarball() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> tarballs = files.filter(f -> f.getFileName().toString().matches("sluice-\\d.*\\.tar\\.gz")).toList();
            assertThat(tarballs).as("packaging wrote one sluice-VERSION.tar.gz").hasSize(1);
            return tarballs.getFirst().toAbsolutePath();
        }
    }

    private static Path unpack(Path tarball, Path into) throws Exception {
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        String folder = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        return into.resolve(folder);
    }
}
