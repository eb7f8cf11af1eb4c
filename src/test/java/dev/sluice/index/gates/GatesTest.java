package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.Refused;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatesTest {
    private static ProjectName name(String s) {
        return ProjectName.of(s);
    }

    @Test
    void firstOwnerServesTheFirstSourceThatHasTheProjectAndNothingOfTheOthers() {
        InMemoryRepository local = new InMemoryRepository("local").with("acme-utils", "1.0");
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("acme-utils", "1.0", "99.0").with("requests", "2.0");
        FirstOwner graph = new FirstOwner(List.of(local, upstream));

        assertThat(graph.project(name("Acme_Utils"), ANYONE).files()).extracting(DistributionFile::version).containsExactly("1.0");
        assertThat(graph.project(name("acme.utils"), ANYONE).provenance().source()).isEqualTo("local");
        assertThat(graph.project(name("acme-utils"), ANYONE).provenance().gates()).containsExactly("first-owner");
        assertThatThrownBy(() -> graph.file(name("acme-utils"), "acme_utils-99.0.tar.gz", ANYONE))
                .as("the upstream's file of an owned project is never fetched").isInstanceOf(FileNotFound.class);
        assertThat(graph.project(name("requests"), ANYONE).provenance().source()).isEqualTo("pypi");
        assertThat(graph.file(name("requests"), "requests-2.0.tar.gz", ANYONE).size()).isPositive();
        assertThatThrownBy(() -> graph.project(name("nowhere"), ANYONE)).isInstanceOf(ProjectNotFound.class);
    }

    @Test
    void firstOwnerNeverFallsThroughASourceThatCannotAnswer() {
        InMemoryRepository local = new InMemoryRepository("local").with("acme-utils", "1.0");
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("acme-utils", "99.0").with("requests", "2.0");
        FirstOwner graph = new FirstOwner(List.of(local, upstream));
        local.setUnavailable(true);
        assertThatThrownBy(() -> graph.project(name("acme-utils"), ANYONE)).isInstanceOf(SourceUnavailable.class);
        assertThatThrownBy(() -> graph.project(name("requests"), ANYONE)).as("not even for a name the upper source lacks")
                .isInstanceOf(SourceUnavailable.class);
        assertThat(upstream.calls.get()).isZero();

        local.setUnavailable(false);
        upstream.setUnavailable(true);
        assertThat(graph.project(name("acme-utils"), ANYONE).files()).hasSize(1);
        assertThatThrownBy(() -> graph.project(name("requests"), ANYONE)).isInstanceOf(SourceUnavailable.class);
    }

    @Test
    void firstOwnerWithEmptySourcesAndRefusalsFromBelow() {
        InMemoryRepository empty = new InMemoryRepository("local");
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("acme-secret", "1.0").with("requests", "2.0");
        FirstOwner graph = new FirstOwner(List.of(empty, new Reserve(upstream, List.of("acme-*"), n -> false)));
        assertThat(graph.project(name("requests"), ANYONE).provenance().source()).isEqualTo("pypi");
        assertThatThrownBy(() -> graph.project(name("acme-secret"), ANYONE)).isInstanceOf(Refused.class)
                .hasMessageContaining("reserved prefix 'acme-*'");
        assertThatThrownBy(() -> new FirstOwner(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstOwnerListsEachNameOnceAndFromItsOwner() {
        InMemoryRepository local = new InMemoryRepository("local").with("acme-utils", "1.0");
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("acme-utils", "99.0").with("zope", "1.0");
        ProjectList list = new FirstOwner(List.of(local, upstream)).projects(ANYONE);
        assertThat(list.projects()).extracting(ProjectList.Entry::normalizedName).containsExactly("acme-utils", "zope");
    }

    @Test
    void reserveRefusesExactNamesPrefixesAndHostedNamesInAnySpelling() {
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("acme-utils", "99.0").with("acme-secret", "1.0")
                .with("internal-tool", "5.0").with("hosted-thing", "1.0").with("requests", "2.0").with("acmeish", "1.0");
        Set<String> hosted = Set.of("hosted-thing");
        Reserve reserve = new Reserve(upstream, List.of("Internal_Tool", "ACME.*"), n -> hosted.contains(n.value()));
        for (String spelling : List.of("acme_utils", "Acme.Secret", "INTERNAL.tool", "Hosted_Thing")) {
            assertThatThrownBy(() -> reserve.project(name(spelling), ANYONE)).as(spelling).isInstanceOf(Refused.class)
                    .hasMessageContaining("never taken from the upstream");
            assertThatThrownBy(() -> reserve.file(name(spelling), "x.tar.gz", ANYONE)).isInstanceOf(Refused.class);
            assertThatThrownBy(() -> reserve.metadata(name(spelling), "x.whl", ANYONE)).isInstanceOf(Refused.class);
        }
        assertThat(reserve.project(name("requests"), ANYONE).files()).hasSize(1);
        assertThat(reserve.project(name("acmeish"), ANYONE).files()).as("a prefix is a prefix of the normal form, separator included")
                .hasSize(1);
        assertThat(reserve.projects(ANYONE).projects()).extracting(ProjectList.Entry::normalizedName).containsExactly("acmeish", "requests");
    }
}
