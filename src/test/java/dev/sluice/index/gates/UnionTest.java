package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Refused;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnionTest {
    private static final ProjectName TOOLS = ProjectName.of("acme-tools");

    @Test
    void mergesTheVersionsOfEverySourceInVersionOrderAndFetchesEachFileFromItsHolder() {
        InMemoryRepository teamA = new InMemoryRepository("team-a").with("acme-tools", "1.0", "3.0");
        InMemoryRepository teamB = new InMemoryRepository("team-b").with("Acme_Tools", "2.0").with("other", "1.0");
        Union union = new Union(List.of(teamA, teamB));

        ProjectPage page = union.project(ProjectName.of("ACME.tools"), ANYONE);
        assertThat(page.files()).extracting(DistributionFile::version).containsExactly("1.0", "2.0", "3.0");
        assertThat(page.provenance().source()).isEqualTo("team-a+team-b");
        assertThat(page.provenance().gates()).containsExactly("union");
        assertThat(union.file(TOOLS, "acme_tools-2.0.tar.gz", ANYONE).size()).isEqualTo("acme_tools-2.0.tar.gz".length());
        assertThat(teamB.calls.get()).as("the file came from team-b").isPositive();
        assertThat(union.projects(ANYONE).projects()).extracting(ProjectList.Entry::normalizedName).containsExactly("acme-tools", "other");
        assertThatThrownBy(() -> union.file(TOOLS, "acme_tools-9.0.tar.gz", ANYONE)).isInstanceOf(FileNotFound.class);
        assertThatThrownBy(() -> union.project(ProjectName.of("nowhere"), ANYONE)).isInstanceOf(ProjectNotFound.class);
    }

    @Test
    void aFileTheSourcesGiveDifferentBytesForIsHeldBackAndRefused() {
        InMemoryRepository a = new InMemoryRepository("a").with("acme-tools", "1.0");
        DistributionFile real = a.project(TOOLS, ANYONE).files().get(0);
        InMemoryRepository b = new InMemoryRepository("b").withFile("acme-tools", new DistributionFile(real.filename(),
                real.version(), real.packagetype(), real.pythonVersion(), real.size(), "0".repeat(64), null, null, null, false,
                null, Instant.EPOCH, false, null));
        InMemoryRepository same = new InMemoryRepository("c").with("acme-tools", "1.0", "1.1");
        Union union = new Union(List.of(a, b));

        ProjectPage page = union.project(TOOLS, ANYONE);
        assertThat(page.files()).isEmpty();
        assertThat(page.provenance().hidden()).extracting(Provenance.Hidden::reason).singleElement().asString()
                .contains("sources disagree on its content").contains("from a").contains("from b");
        assertThatThrownBy(() -> union.file(TOOLS, "acme_tools-1.0.tar.gz", ANYONE)).isInstanceOf(Refused.class)
                .hasMessageContaining("disagree");

        Union agreeing = new Union(List.of(a, same));
        assertThat(agreeing.project(TOOLS, ANYONE).files()).extracting(DistributionFile::version).containsExactly("1.0", "1.1");
    }

    @Test
    void aSourceThatCannotAnswerMakesTheWholeAnswerUnavailable() {
        InMemoryRepository a = new InMemoryRepository("a").with("acme-tools", "1.0");
        InMemoryRepository down = new InMemoryRepository("b").with("acme-tools", "2.0");
        down.setUnavailable(true);
        Union union = new Union(List.of(a, down));
        assertThatThrownBy(() -> union.project(TOOLS, ANYONE)).as("a partial merge would install 1.0 silently")
                .isInstanceOf(SourceUnavailable.class);
        assertThatThrownBy(() -> union.projects(ANYONE)).isInstanceOf(SourceUnavailable.class);
    }

    @Test
    void emptySourcesAndRefusalsFromBelow() {
        InMemoryRepository empty = new InMemoryRepository("empty");
        Union onlyEmpty = new Union(List.of(empty, new InMemoryRepository("also-empty")));
        assertThat(onlyEmpty.projects(ANYONE).projects()).isEmpty();
        assertThatThrownBy(() -> onlyEmpty.project(TOOLS, ANYONE)).isInstanceOf(ProjectNotFound.class);

        InMemoryRepository upstream = new InMemoryRepository("pypi").with("acme-tools", "2.0");
        Union refusing = new Union(List.of(empty, new Reserve(upstream, List.of("acme-*"), n -> false)));
        assertThatThrownBy(() -> refusing.project(TOOLS, ANYONE)).as("a refusal is not 'not here'").isInstanceOf(Refused.class);
        assertThatThrownBy(() -> new Union(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
