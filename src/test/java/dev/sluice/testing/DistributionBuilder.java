package dev.sluice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds real wheels and sdists with a real build backend (Debian's python3-build, --no-isolation), so that
 * tests meet the files that setuptools, hatchling, flit_core and poetry-core actually write.
 */
public final class DistributionBuilder {
    public enum Backend { SETUPTOOLS, HATCHLING, FLIT, POETRY }

    /** What to put into the project: name as the author spells it, version, dependencies. */
    public record Project(String name, String version, String summary, String requiresPython, List<String> dependencies) {}

    private DistributionBuilder() {}

    /** Builds the project with the backend and returns the wheel and the sdist. */
    public static List<Path> build(Backend backend, Project project, Path workDir) throws IOException, InterruptedException {
        String module = project.name().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
        Path source = Files.createDirectories(workDir.resolve("src-" + module));
        Path out = Files.createDirectories(workDir.resolve("dist-" + module));
        Files.writeString(source.resolve("README.md"), "# " + project.name() + "\n\nA test project: \u00fcml\u00e4uts and \u2603.\n",
                StandardCharsets.UTF_8);
        Path pkg = Files.createDirectories(source.resolve(module));
        Files.writeString(pkg.resolve("__init__.py"), "\"\"\"" + project.summary() + "\"\"\"\n__version__ = \""
                + project.version() + "\"\n");
        Files.writeString(source.resolve("pyproject.toml"), pyproject(backend, project, module), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(PackagingOracle.PYTHON, "-m", "build", "--no-isolation", "--skip-dependency-check",
                "--outdir", out.toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("build-" + module + ".log").toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("building " + project.name() + " with " + backend + " failed:\n"
                    + Files.readString(workDir.resolve("build-" + module + ".log")));
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.sorted().toList();
        }
    }

    private static String pyproject(Backend backend, Project project, String module) {
        List<String> deps = new ArrayList<>();
        project.dependencies().forEach(d -> deps.add("  " + toml(d) + ","));
        String standard = """
                [project]
                name = %s
                version = %s
                description = %s
                readme = "README.md"
                requires-python = %s
                dependencies = [
                %s
                ]
                """.formatted(toml(project.name()), toml(project.version()), toml(project.summary()),
                toml(project.requiresPython()), String.join("\n", deps));
        return switch (backend) {
            case SETUPTOOLS -> "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n\n"
                    + standard + "\n[tool.setuptools]\npackages = [" + toml(module) + "]\n";
            case HATCHLING -> "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n"
                    + standard + "\n[tool.hatch.build.targets.wheel]\npackages = [" + toml(module) + "]\n";
            case FLIT -> "[build-system]\nrequires = [\"flit_core\"]\nbuild-backend = \"flit_core.buildapi\"\n\n"
                    + standard + "\n[tool.flit.module]\nname = " + toml(module) + "\n";
            case POETRY -> """
                    [build-system]
                    requires = ["poetry-core"]
                    build-backend = "poetry.core.masonry.api"

                    [tool.poetry]
                    name = %s
                    version = %s
                    description = %s
                    authors = ["Test <test@example.com>"]
                    readme = "README.md"
                    packages = [{ include = %s }]

                    [tool.poetry.dependencies]
                    python = %s
                    %s
                    """.formatted(toml(project.name()), toml(project.version()), toml(project.summary()), toml(module),
                    toml(project.requiresPython()), poetryDependencies(project.dependencies()));
        };
    }

    /** Poetry's own dependency table for "name>=x; marker" strings (only the forms these tests use). */
    private static String poetryDependencies(List<String> dependencies) {
        StringBuilder sb = new StringBuilder();
        for (String dep : dependencies) {
            String[] parts = dep.split(";", 2);
            String[] nameAndVersion = parts[0].trim().split("(?=[<>=!~])", 2);
            String version = nameAndVersion.length > 1 ? nameAndVersion[1].trim() : "*";
            sb.append(nameAndVersion[0].trim()).append(" = { version = ").append(toml(version));
            if (parts.length > 1) {
                sb.append(", markers = ").append(toml(parts[1].trim()));
            }
            sb.append(" }\n");
        }
        return sb.toString();
    }

    private static String toml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
