package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CooldownTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static InMemoryRepository upstream() {
        return new InMemoryRepository("pypi")
                .withUploadTime("lib", "1.0", NOW.minus(Duration.ofDays(30)))
                .withUploadTime("lib", "2.0", NOW.minus(Duration.ofHours(1)))
                .withUploadTime("lib", "2.1", null)
                .withUploadTime("Fresh_Tool", "1.0", NOW.minus(Duration.ofMinutes(5)));
    }

    @Test
    void filesYoungerThanThePeriodAreHiddenWithTheReasonAndTheTimeTheyReturn() {
        Cooldown cooldown = new Cooldown(upstream(), Duration.ofDays(2), List.of(), CLOCK);
        var page = cooldown.project(ProjectName.of("lib"), ANYONE);
        assertThat(page.files()).extracting(DistributionFile::version).containsExactly("1.0");
        assertThat(page.provenance().gates()).containsExactly("cooldown");
        assertThat(page.provenance().hidden()).extracting(Provenance.Hidden::filename)
                .containsExactly("lib-2.0.tar.gz", "lib-2.1.tar.gz");
        Provenance.Hidden young = page.provenance().hidden().get(0);
        assertThat(young.until()).isEqualTo(NOW.minus(Duration.ofHours(1)).plus(Duration.ofDays(2)));
        assertThat(young.reason()).contains("less than 2 days ago");
        assertThat(page.provenance().hidden().get(1).reason()).contains("no upload time");
    }

    @Test
    void hiddenFilesCannotBeFetchedByTheirUrl() {
        Cooldown cooldown = new Cooldown(upstream(), Duration.ofDays(2), List.of(), CLOCK);
        assertThatThrownBy(() -> cooldown.file(ProjectName.of("lib"), "lib-2.0.tar.gz", ANYONE)).isInstanceOf(Refused.class)
                .hasMessageContaining("is in cooldown").hasMessageContaining("available from 2026-11-29T11:00:00Z");
        assertThatThrownBy(() -> cooldown.metadata(ProjectName.of("lib"), "lib-2.0.tar.gz", ANYONE)).isInstanceOf(Refused.class);
        assertThat(cooldown.file(ProjectName.of("lib"), "lib-1.0.tar.gz", ANYONE).size()).isPositive();
    }

    @Test
    void exemptProjectsPassInAnySpelling() {
        Cooldown cooldown = new Cooldown(upstream(), Duration.ofDays(2), List.of("fresh.tool"), CLOCK);
        assertThat(cooldown.project(ProjectName.of("FRESH-tool"), ANYONE).files()).hasSize(1);
        assertThat(cooldown.project(ProjectName.of("lib"), ANYONE).files()).hasSize(1);
    }

    @Test
    void errorsFromBelowPassThrough() {
        InMemoryRepository down = upstream();
        down.setUnavailable(true);
        assertThatThrownBy(() -> new Cooldown(down, Duration.ofDays(2), List.of(), CLOCK).project(ProjectName.of("lib"), ANYONE))
                .isInstanceOf(SourceUnavailable.class);
    }
}
