package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");

    private static InMemoryRepository source() {
        return new InMemoryRepository("local")
                .withUploadTime("lib", "1.0", T.minusSeconds(3600))
                .withUploadTime("lib", "1.1", T)
                .withUploadTime("lib", "2.0", T.plusSeconds(1))
                .withUploadTime("lib", "0.1", null)
                .withUploadTime("later", "1.0", T.plusSeconds(60));
    }

    @Test
    void showsWhatWasUploadedUpToTheMomentIncluded() {
        Snapshot snapshot = new Snapshot(source(), T);
        assertThat(snapshot.project(ProjectName.of("Lib"), ANYONE).files()).extracting(DistributionFile::version).containsExactly("1.0", "1.1");
        assertThat(snapshot.project(ProjectName.of("lib"), ANYONE).provenance().hidden()).hasSize(2);
        assertThat(snapshot.file(ProjectName.of("lib"), "lib-1.1.tar.gz", ANYONE).size()).isPositive();
        assertThatThrownBy(() -> snapshot.file(ProjectName.of("lib"), "lib-2.0.tar.gz", ANYONE)).isInstanceOf(FileNotFound.class);
    }

    @Test
    void aProjectWithNoFileYetDidNotExist() {
        assertThatThrownBy(() -> new Snapshot(source(), T).project(ProjectName.of("later"), ANYONE)).isInstanceOf(ProjectNotFound.class);
        assertThat(new Snapshot(source(), T.plusSeconds(60)).project(ProjectName.of("later"), ANYONE).files()).hasSize(1);
    }
}
