package dev.sluice.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private static final TargetEnvironment LINUX = TargetEnvironment.of("3.11", "manylinux_2_28_x86_64");
    private final Index index = new Index();

    @Test
    void takesTheNewestVersionOfEveryProjectInTheClosure() throws Exception {
        index.wheel("app-1.0-py3-none-any.whl", "lib>=1");
        index.wheel("app-2.0-py3-none-any.whl", "lib>=2", "tool");
        index.wheel("lib-1.0-py3-none-any.whl");
        index.wheel("lib-2.5-py3-none-any.whl", "base<3");
        index.wheel("base-2.9-py3-none-any.whl");
        index.wheel("base-3.0-py3-none-any.whl");
        index.wheel("tool-0.1-py3-none-any.whl");

        assertThat(files("app")).containsExactly("app-2.0-py3-none-any.whl", "base-2.9-py3-none-any.whl",
                "lib-2.5-py3-none-any.whl", "tool-0.1-py3-none-any.whl");
    }

    @Test
    void backtracksToAnOlderVersionWhenTheNewestConflictsLater() throws Exception {
        index.wheel("acme_core-1.0-py3-none-any.whl");
        index.wheel("acme_core-2.0-py3-none-any.whl", "acme-util<1");
        index.wheel("acme_util-0.9-py3-none-any.whl");
        index.wheel("acme_util-2.0-py3-none-any.whl");
        index.wheel("acme_cli-1.0-py3-none-any.whl", "acme-util>=2");

        assertThat(files("acme-core", "acme-cli")).containsExactly("acme_cli-1.0-py3-none-any.whl",
                "acme_core-1.0-py3-none-any.whl", "acme_util-2.0-py3-none-any.whl");
    }

    @Test
    void anUnsolvableSetIsRefusedNamingTheConflict() {
        index.wheel("left-1.0-py3-none-any.whl", "shared<1");
        index.wheel("right-1.0-py3-none-any.whl", "shared>=2");
        index.wheel("shared-0.5-py3-none-any.whl");
        index.wheel("shared-2.0-py3-none-any.whl");

        assertThatThrownBy(() -> files("left", "right")).isInstanceOf(ResolutionImpossible.class)
                .hasMessageContaining("Python 3.11 on manylinux_2_28_x86_64")
                .hasMessageContaining("no version of shared satisfies shared<1 (required by left 1.0), shared>=2 (required by right 1.0)");
    }

    @Test
    void aMissingProjectIsNamedWithWhoNeedsIt() {
        index.wheel("app-1.0-py3-none-any.whl", "ghost>=1");

        assertThatThrownBy(() -> files("app")).isInstanceOf(ResolutionImpossible.class)
                .hasMessageContaining("the index has no project 'ghost': ghost>=1 (required by app 1.0)");
    }

    @Test
    void markersAreThoseOfTheTargetNotOfThisMachine() throws Exception {
        index.wheel("app-1.0-py3-none-any.whl", "winhelper; sys_platform == \"win32\"", "posixhelper; os_name == \"posix\"",
                "old; python_version < \"3.10\"");
        index.wheel("winhelper-1.0-py3-none-any.whl");
        index.wheel("posixhelper-1.0-py3-none-any.whl");
        index.wheel("old-1.0-py3-none-any.whl");

        assertThat(files("app")).containsExactly("app-1.0-py3-none-any.whl", "posixhelper-1.0-py3-none-any.whl");
        assertThat(names(new Resolver(index, TargetEnvironment.of("3.9", "win_amd64"), false).resolve(List.of(Requirement.parse("app")))))
                .containsExactly("app-1.0-py3-none-any.whl", "old-1.0-py3-none-any.whl", "winhelper-1.0-py3-none-any.whl");
    }

    @Test
    void extrasBringTheirDependenciesEvenWhenAskedForAfterThePin() throws Exception {
        index.wheelProvidingExtra("web-1.0-py3-none-any.whl", "live", "core", "sockets; extra == \"live\"");
        index.wheel("core-1.0-py3-none-any.whl");
        index.wheel("sockets-1.0-py3-none-any.whl");
        index.wheel("plugin-1.0-py3-none-any.whl", "web[live]");

        assertThat(files("web")).containsExactly("core-1.0-py3-none-any.whl", "web-1.0-py3-none-any.whl");
        assertThat(files("web[live]")).contains("sockets-1.0-py3-none-any.whl");
        // web is pinned first (requested first), then plugin asks for its extra.
        assertThat(files("web", "plugin")).containsExactly("core-1.0-py3-none-any.whl", "plugin-1.0-py3-none-any.whl",
                "sockets-1.0-py3-none-any.whl", "web-1.0-py3-none-any.whl");
    }

    @Test
    void anExtraTheMetadataDoesNotDeclareBringsNothing() throws Exception {
        index.wheel("sloppy-1.0-py3-none-any.whl", "sockets; extra == \"live\"");
        index.wheel("sockets-1.0-py3-none-any.whl");

        assertThat(files("sloppy[live]")).containsExactly("sloppy-1.0-py3-none-any.whl");
    }

    @Test
    void requiresPythonOfTheIndexAndOfTheMetadataAreBothHonoured() throws Exception {
        index.wheel("fresh-1.0-py3-none-any.whl");
        index.file("fresh-2.0-py3-none-any.whl", ">=3.12", false);
        index.wheel("meta-1.0-py3-none-any.whl");
        index.wheelRequiringPython("meta-2.0-py3-none-any.whl", ">=3.13");

        assertThat(files("fresh", "meta")).containsExactly("fresh-1.0-py3-none-any.whl", "meta-1.0-py3-none-any.whl");
    }

    @Test
    void theBestWheelForTheTargetIsTakenAndForeignWheelsNever() throws Exception {
        index.wheel("fast-2.0-cp311-cp311-win_amd64.whl");
        index.wheel("fast-1.5-cp311-cp311-manylinux_2_34_x86_64.whl");
        index.wheel("fast-1.0-py3-none-any.whl");
        index.wheel("fast-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        index.wheel("fast-1.0-cp39-abi3-manylinux_2_28_x86_64.whl");

        assertThat(files("fast")).containsExactly("fast-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        assertThat(names(new Resolver(index, TargetEnvironment.of("3.11", "win_amd64"), false).resolve(List.of(Requirement.parse("fast")))))
                .containsExactly("fast-2.0-cp311-cp311-win_amd64.whl");
    }

    @Test
    void aYankedVersionIsTakenOnlyWhenPinnedExactly() throws Exception {
        index.wheel("pkg-1.0-py3-none-any.whl");
        index.file("pkg-2.0-py3-none-any.whl", null, true);

        assertThat(files("pkg")).containsExactly("pkg-1.0-py3-none-any.whl");
        assertThat(files("pkg==2.0")).containsExactly("pkg-2.0-py3-none-any.whl");
    }

    @Test
    void sdistsOnlyWhenAllowedAndOnlyWhereNoWheelFits() throws Exception {
        index.wheel("mixed-1.0-py3-none-any.whl");
        index.wheel("mixed-2.0.tar.gz");

        assertThat(files("mixed")).containsExactly("mixed-1.0-py3-none-any.whl");
        assertThat(names(new Resolver(index, LINUX, true).resolve(List.of(Requirement.parse("mixed")))))
                .containsExactly("mixed-2.0.tar.gz");
        index.wheel("only-1.0.tar.gz");
        assertThatThrownBy(() -> files("only")).hasMessageContaining("no file of only installs on Python 3.11 on"
                + " manylinux_2_28_x86_64 (wheels only; --allow-sdist takes sdists)");
    }

    @Test
    void aDirectUrlIsRefused() {
        assertThatThrownBy(() -> files("pkg @ https://example.org/pkg-1.0-py3-none-any.whl"))
                .isInstanceOf(ResolutionImpossible.class).hasMessageContaining("names a URL");
    }

    @Test
    void aDependencyCycleResolves() throws Exception {
        index.wheel("ping-1.0-py3-none-any.whl", "pong");
        index.wheel("pong-1.0-py3-none-any.whl", "ping");

        assertThat(files("ping")).containsExactly("ping-1.0-py3-none-any.whl", "pong-1.0-py3-none-any.whl");
    }

    private List<String> files(String... requirements) throws Exception {
        return names(new Resolver(index, LINUX, false).resolve(Arrays.stream(requirements).map(Requirement::parse).toList()));
    }

    private static List<String> names(Resolution resolution) {
        return resolution.files().stream().map(c -> c.file().filename()).toList();
    }

    /** An index in memory: files with their metadata. */
    static final class Index implements CandidateSource {
        private final Map<ProjectName, List<DistributionFile>> files = new HashMap<>();
        private final Map<String, String> metadata = new HashMap<>();

        void wheel(String filename, String... requires) {
            file(filename, null, false);
            metadata(filename, null, requires);
        }

        void wheelProvidingExtra(String filename, String extra, String... requires) {
            wheel(filename, requires);
            metadata.put(filename, metadata.get(filename) + "Provides-Extra: " + extra + "\n");
        }

        void wheelRequiringPython(String filename, String requiresPython) {
            file(filename, null, false);
            metadata(filename, requiresPython);
        }

        void file(String filename, String requiresPython, boolean yanked) {
            DistributionFilename parsed = DistributionFilename.parse(filename);
            files.computeIfAbsent(ProjectName.of(parsed.normalizedName()), n -> new ArrayList<>())
                    .add(new DistributionFile(filename, parsed.version().toString(), filename.endsWith(".whl") ? "bdist_wheel" : "sdist",
                            "py3", 10, "00".repeat(32), null, null, requiresPython, true, null, Instant.EPOCH, yanked, yanked ? "" : null));
            metadata.putIfAbsent(filename, "Metadata-Version: 2.1\nName: " + parsed.normalizedName() + "\nVersion: " + parsed.version() + "\n");
        }

        private void metadata(String filename, String requiresPython, String... requires) {
            DistributionFilename parsed = DistributionFilename.parse(filename);
            StringBuilder text = new StringBuilder("Metadata-Version: 2.1\nName: " + parsed.normalizedName() + "\nVersion: " + parsed.version() + "\n");
            if (requiresPython != null) {
                text.append("Requires-Python: ").append(requiresPython).append('\n');
            }
            for (String r : requires) {
                text.append("Requires-Dist: ").append(r).append('\n');
            }
            metadata.put(filename, text.toString());
        }

        @Override
        public List<DistributionFile> files(ProjectName project) {
            List<DistributionFile> found = files.get(project);
            if (found == null) {
                throw new ProjectNotFound(project.toString());
            }
            return found;
        }

        @Override
        public CoreMetadata metadata(ProjectName project, DistributionFile file) {
            return CoreMetadata.parse(metadata.get(file.filename()));
        }
    }
}
