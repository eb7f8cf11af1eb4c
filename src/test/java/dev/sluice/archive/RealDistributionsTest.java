package dev.sluice.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.testing.DistributionBuilder;
import dev.sluice.testing.DistributionBuilder.Backend;
import dev.sluice.testing.DistributionBuilder.Project;
import dev.sluice.testing.PackagingOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core metadata of real distributions: every wheel Debian and pyenv ship, and wheels and sdists built here by
 * four build backends, read by Sluice and, independently, by Python's zipfile/tarfile and email packages.
 */
class RealDistributionsTest {
    private static final List<String> DEPENDENCIES = List.of("requests>=2.0; python_version >= \"3.8\"",
            "tomli>=1.1.0; python_version < \"3.11\"", "packaging>=21");

    @TempDir
    static Path work;

    static final List<Path> built = new ArrayList<>();

    @BeforeAll
    static void buildWithEveryBackend() throws Exception {
        built.addAll(DistributionBuilder.build(Backend.SETUPTOOLS,
                new Project("demo-st", "0.1.0", "Built by setuptools", ">=3.8", DEPENDENCIES), work));
        built.addAll(DistributionBuilder.build(Backend.HATCHLING,
                new Project("Demo_Hatch", "1.0.0rc1", "Built by hatchling", ">=3.9", DEPENDENCIES), work));
        built.addAll(DistributionBuilder.build(Backend.FLIT,
                new Project("demo_flit", "2.0.post1", "Built by flit_core", ">=3.7", DEPENDENCIES), work));
        built.addAll(DistributionBuilder.build(Backend.POETRY,
                new Project("Demo-Poetry", "3.1", "Built by poetry-core", ">=3.8,<4.0", DEPENDENCIES), work));
    }

    private static List<Path> shippedWheels() throws Exception {
        List<Path> wheels = new ArrayList<>();
        for (String dir : List.of("/usr/share/python-wheels", "/root/.pyenv/versions/3.11.7/lib/python3.11/ensurepip/_bundled")) {
            if (Files.isDirectory(Path.of(dir))) {
                try (Stream<Path> files = Files.list(Path.of(dir))) {
                    files.filter(f -> f.toString().endsWith(".whl")).forEach(wheels::add);
                }
            }
        }
        return wheels;
    }

    @Test
    void everyBackendWroteAWheelAndAnSdist() {
        assertThat(built).hasSize(8);
        assertThat(built.stream().filter(p -> p.toString().endsWith(".whl"))).hasSize(4);
        assertThat(built.stream().filter(p -> p.toString().endsWith(".tar.gz"))).hasSize(4);
    }

    @Test
    void sluiceReadsTheSameCoreMetadataAsPython() throws Exception {
        List<Path> files = new ArrayList<>(built);
        List<Path> shipped = shippedWheels();
        assertThat(shipped).as("Debian's python3-pip-whl and friends are installed (bin/test)").hasSizeGreaterThanOrEqualTo(3);
        files.addAll(shipped);
        List<JsonNode> python = PackagingOracle.ask(files.stream()
                .map(f -> PackagingOracle.request("metadata").put("path", f.toString())).toList());
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            JsonNode expected = python.get(i);
            DistributionMetadata read = DistributionMetadataReader.read(file,
                    DistributionFilename.parse(file.getFileName().toString()), ArchiveLimits.DEFAULT);
            CoreMetadata m = read.metadata();
            String what = file.getFileName().toString();
            assertThat(read.path()).as("metadata path in %s", what).isEqualTo(expected.get("path").asText());
            assertThat(m.name()).as("name of %s", what).isEqualTo(expected.get("name").asText());
            assertThat(m.version()).as("version of %s", what).isEqualTo(expected.get("version").asText());
            assertThat(m.summary()).as("summary of %s", what).isEqualTo(text(expected.get("summary")));
            assertThat(m.requiresPython()).as("requires-python of %s", what).isEqualTo(text(expected.get("requires_python")));
            List<String> requires = new ArrayList<>();
            expected.get("requires_dist").forEach(r -> requires.add(r.asText()));
            assertThat(m.requiresDist()).as("requires-dist of %s", what).isEqualTo(requires);
            assertThat(m.body()).as("body of %s", what).isEqualTo(expected.get("body").asText());
        }
    }

    @Test
    void builtProjectsCarryWhatTheirAuthorsDeclared() throws Exception {
        for (Path file : built) {
            CoreMetadata m = DistributionMetadataReader.read(file, DistributionFilename.parse(file.getFileName().toString()),
                    ArchiveLimits.DEFAULT).metadata();
            // setuptools 66 keeps an sdist's dependencies in egg-info/requires.txt, not in PKG-INFO.
            boolean setuptoolsSdist = file.getFileName().toString().equals("demo-st-0.1.0.tar.gz");
            assertThat(m.requiresDist()).as("%s", file).hasSize(setuptoolsSdist ? 0 : 3);
            assertThat(m.summary()).startsWith("Built by");
            assertThat(m.description()).contains("\u2603");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
