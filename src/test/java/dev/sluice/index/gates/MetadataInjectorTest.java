package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.archive.WheelMetadataExtraction;
import dev.sluice.directory.DirectorySource;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import dev.sluice.util.Digests;
import dev.sluice.testing.Wheels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataInjectorTest {
    private static final ProjectName TOOL = ProjectName.of("tool");

    @TempDir
    Path work;

    private final AtomicInteger extractions = new AtomicInteger();

    private MetadataInjector injector(Path folder) throws IOException {
        WheelMetadataExtraction extraction = new WheelMetadataExtraction(work.resolve("tmp"), ArchiveLimits.DEFAULT);
        DirectorySource source = new DirectorySource("folder", folder, Duration.ZERO, work.resolve("hashes"), Clock.systemUTC(),
                dev.sluice.index.ContentCheck.NONE, false);
        return new MetadataInjector(source, (file, bytes) -> {
            extractions.incrementAndGet();
            try (InputStream in = bytes.openStream(0, -1)) {
                return extraction.coreMetadata(file.filename(), file.sha256(), in);
            }
        }, 100);
    }

    @Test
    void offersAndServesTheWheelsOwnMetadataReadOnceAndItsHashOnThePageFromThenOn() throws IOException {
        Path folder = Files.createDirectories(work.resolve("wheels"));
        String wheel = Wheels.wheel(folder, "tool", "1.0", "requests>=2").getFileName().toString();
        Files.write(folder.resolve("tool-0.9.tar.gz"), new byte[] {1});
        MetadataInjector injector = injector(folder);

        DistributionFile offered = injector.project(TOOL, ANYONE).files().stream().filter(f -> f.filename().equals(wheel)).findFirst().orElseThrow();
        assertThat(offered.coreMetadata()).isTrue();
        assertThat(offered.coreMetadataSha256()).as("not read yet").isNull();
        assertThat(injector.project(TOOL, ANYONE).files().get(0).coreMetadata()).as("sdists are left alone").isFalse();

        Resource metadata = injector.metadata(TOOL, wheel, ANYONE);
        byte[] bytes;
        try (InputStream in = metadata.openStream(0, -1)) {
            bytes = in.readAllBytes();
        }
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Name: tool").contains("Requires-Dist: requests>=2");
        assertThat(metadata.sha256()).isEqualTo(Digests.of(bytes).sha256());
        injector.metadata(TOOL, wheel, ANYONE);
        assertThat(extractions.get()).as("read once, then remembered").isEqualTo(1);
        assertThat(injector.project(TOOL, ANYONE).files().get(1).coreMetadataSha256()).isEqualTo(metadata.sha256());
        assertThatThrownBy(() -> injector.metadata(TOOL, "tool-0.9.tar.gz", ANYONE)).isInstanceOf(FileNotFound.class);
        assertThatThrownBy(() -> injector.metadata(TOOL, "tool-5.0-py3-none-any.whl", ANYONE)).isInstanceOf(FileNotFound.class);
    }

    @Test
    void aFileHeldBackBelowAndItsMetadataGetTheSameAnswer() throws IOException {
        Path folder = Files.createDirectories(work.resolve("wheels"));
        String wheel = Wheels.wheel(folder, "tool", "1.0").getFileName().toString();
        DirectorySource source = new DirectorySource("folder", folder, Duration.ZERO, work.resolve("hashes"), Clock.systemUTC(),
                dev.sluice.index.ContentCheck.NONE, false);
        Cooldown cooled = new Cooldown(source, Duration.ofDays(1000), java.util.List.of(), Clock.systemUTC());
        MetadataInjector injector = new MetadataInjector(cooled, (file, bytes) -> new byte[0], 100);

        assertThatThrownBy(() -> injector.file(TOOL, wheel, ANYONE)).isInstanceOf(dev.sluice.index.Refused.class)
                .hasMessageContaining("is in cooldown");
        assertThatThrownBy(() -> injector.metadata(TOOL, wheel, ANYONE)).isInstanceOf(dev.sluice.index.Refused.class)
                .hasMessageContaining("is in cooldown");
    }

    @Test
    void aWheelThatIsNotAZipIsNoLongerOfferedWithMetadataOnceTried() throws IOException {
        Path folder = Files.createDirectories(work.resolve("wheels"));
        Files.writeString(folder.resolve("tool-1.0-py3-none-any.whl"), "not a zip at all");
        MetadataInjector injector = injector(folder);
        assertThat(injector.project(TOOL, ANYONE).files().get(0).coreMetadata()).isTrue();
        assertThatThrownBy(() -> injector.metadata(TOOL, "tool-1.0-py3-none-any.whl", ANYONE)).isInstanceOf(FileNotFound.class);
        assertThat(injector.project(TOOL, ANYONE).files().get(0).coreMetadata()).as("installers fall back to the wheel").isFalse();
    }

    @Test
    void errorsFromBelowPassUnchangedAndSourcesThatHaveMetadataKeepTheirOwn() {
        dev.sluice.testing.InMemoryRepository below = new dev.sluice.testing.InMemoryRepository("pypi").with("tool", "1.0");
        MetadataInjector injector = new MetadataInjector(below, (file, bytes) -> {
            throw new AssertionError("nothing to extract: no wheel here");
        }, 10);
        assertThat(injector.project(TOOL, ANYONE).files().get(0).coreMetadata()).isFalse();
        assertThatThrownBy(() -> injector.project(ProjectName.of("Other"), ANYONE)).isInstanceOf(dev.sluice.index.ProjectNotFound.class);
        below.setUnavailable(true);
        assertThatThrownBy(() -> injector.project(TOOL, ANYONE)).isInstanceOf(dev.sluice.index.SourceUnavailable.class);
        assertThatThrownBy(() -> injector.metadata(TOOL, "tool-1.0.tar.gz", ANYONE)).isInstanceOf(dev.sluice.index.SourceUnavailable.class);
    }
}
