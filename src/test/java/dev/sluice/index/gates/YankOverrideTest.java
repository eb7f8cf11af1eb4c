package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YankOverrideTest {
    @Test
    void yanksTheRuledVersionsInAnySpellingWithTheReasonAndLeavesTheFilesFetchable() {
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("requests", "2.31.0", "2.32.0", "2.32.1")
                .with("urllib3", "2.0.0");
        YankOverride gate = new YankOverride(upstream, Map.of("Requests==2.32.0", "breaks our proxy auth"));

        ProjectPage page = gate.project(ProjectName.of("REQUESTS"), ANYONE);
        assertThat(page.files()).filteredOn(DistributionFile::yanked).extracting(DistributionFile::version).containsExactly("2.32.0");
        assertThat(page.files()).filteredOn(DistributionFile::yanked).singleElement().extracting(DistributionFile::yankReason)
                .asString().startsWith("breaks our proxy auth").contains("Requests==2.32.0");
        assertThat(page.provenance().gates()).containsExactly("yank-override");
        assertThat(gate.file(ProjectName.of("requests"), "requests-2.32.0.tar.gz", ANYONE).size())
                .as("yanked is not blocked: a pinned install still works (PEP 592)").isPositive();
        assertThat(gate.project(ProjectName.of("urllib3"), ANYONE).files()).noneMatch(DistributionFile::yanked);
    }

    @Test
    void globsAndRangesAndTheFirstMatchingRuleGivesTheReason() {
        InMemoryRepository upstream = new InMemoryRepository("pypi").with("django-foo", "1.0", "2.0").with("django-bar", "2.5");
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("django-*>=2", "django 2 plugins are not approved");
        rules.put("django-bar", "never used here");
        YankOverride gate = new YankOverride(upstream, rules);
        assertThat(gate.project(ProjectName.of("django-foo"), ANYONE).files()).extracting(DistributionFile::yanked).containsExactly(false, true);
        assertThat(gate.project(ProjectName.of("django_bar"), ANYONE).files().get(0).yankReason()).startsWith("django 2 plugins");
    }

    @Test
    void aFileYankedAtTheSourceKeepsItsOwnReasonAndErrorsFromBelowPassUnchanged() {
        DistributionFile file = new InMemoryRepository("x").with("requests", "2.32.0").project(ProjectName.of("requests"), ANYONE)
                .files().get(0);
        InMemoryRepository upstream = new InMemoryRepository("pypi").withFile("requests", file.asYanked("upstream's reason"));
        YankOverride gate = new YankOverride(upstream, Map.of("requests", "ours"));
        assertThat(gate.project(ProjectName.of("requests"), ANYONE).files().get(0).yankReason()).isEqualTo("upstream's reason");
        assertThatThrownBy(() -> gate.project(ProjectName.of("nothing"), ANYONE)).isInstanceOf(ProjectNotFound.class);
        upstream.setUnavailable(true);
        assertThatThrownBy(() -> gate.project(ProjectName.of("requests"), ANYONE)).isInstanceOf(SourceUnavailable.class);
        assertThatThrownBy(() -> new YankOverride(upstream, Map.of("requests[extra]", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may only name a project and a version range");
    }
}
