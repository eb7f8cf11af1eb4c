package dev.sluice.index.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.Refused;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowDenyTest {
    private static InMemoryRepository upstream() {
        return new InMemoryRepository("pypi").with("numpy", "1.25.0", "1.26.4", "2.1.0", "3.0.0rc1")
                .with("django-rest", "1.0").with("django", "5.0").with("requests", "2.31.0", "2.32.0")
                .with("evil-pkg", "0.1");
    }

    private static List<String> versions(AllowDeny gate, String project) {
        return gate.project(ProjectName.of(project), ANYONE).files().stream().map(DistributionFile::version).toList();
    }

    @Test
    void anAllowListServesOnlyWhatItNamesAndOnlyTheAllowedVersions() {
        AllowDeny gate = new AllowDeny(upstream(), List.of("NumPy>=1.26,<3", "Django_*", "requests"), List.of());
        assertThat(versions(gate, "numpy")).containsExactly("1.26.4", "2.1.0");
        assertThat(versions(gate, "django-rest")).containsExactly("1.0");
        assertThat(versions(gate, "REQUESTS")).containsExactly("2.31.0", "2.32.0");
        assertThatThrownBy(() -> gate.project(ProjectName.of("django"), ANYONE)).as("django-* does not name django")
                .isInstanceOf(Refused.class).hasMessage("'django' is not on the allow list");
        assertThatThrownBy(() -> gate.project(ProjectName.of("evil-pkg"), ANYONE)).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> gate.file(ProjectName.of("numpy"), "numpy-1.25.0.tar.gz", ANYONE)).isInstanceOf(Refused.class)
                .hasMessageContaining("outside the allowed [NumPy>=1.26,<3]");
        assertThat(gate.project(ProjectName.of("numpy"), ANYONE).provenance().hidden()).hasSize(2);
        assertThat(gate.projects(ANYONE).projects()).extracting(ProjectList.Entry::normalizedName)
                .containsExactly("django-rest", "numpy", "requests");
    }

    @Test
    void denyRulesRefuseProjectsOrVersions() {
        AllowDeny gate = new AllowDeny(upstream(), List.of(), List.of("evil.pkg", "requests==2.32.*"));
        assertThatThrownBy(() -> gate.project(ProjectName.of("Evil_Pkg"), ANYONE)).isInstanceOf(Refused.class)
                .hasMessage("'evil-pkg' is denied by the rule 'evil.pkg'");
        assertThat(versions(gate, "requests")).containsExactly("2.31.0");
        assertThat(versions(gate, "numpy")).as("no allow rules: everything else passes").hasSize(4);
        assertThatThrownBy(() -> gate.file(ProjectName.of("requests"), "requests-2.32.0.tar.gz", ANYONE)).isInstanceOf(Refused.class)
                .hasMessageContaining("denied by the rule 'requests==2.32.*'");
    }

    @Test
    void denyWinsOverAllow() {
        AllowDeny gate = new AllowDeny(upstream(), List.of("numpy"), List.of("numpy>=2"));
        assertThat(versions(gate, "numpy")).containsExactly("1.25.0", "1.26.4");
    }

    @Test
    void errorsFromBelowPassThrough() {
        InMemoryRepository down = upstream();
        down.setUnavailable(true);
        assertThatThrownBy(() -> new AllowDeny(down, List.of("numpy"), List.of()).project(ProjectName.of("numpy"), ANYONE))
                .isInstanceOf(SourceUnavailable.class);
    }

    @Test
    void rulesAreCheckedUpFront() {
        assertThatThrownBy(() -> ProjectRule.parse("numpy; python_version < '3'")).hasMessageContaining("may only name a project");
        assertThatThrownBy(() -> ProjectRule.parse("pkg @ https://example.com/x.whl")).hasMessageContaining("may only name a project");
        assertThatThrownBy(() -> ProjectRule.parse("djan/go*")).hasMessageContaining("is not a glob");
        assertThat(ProjectRule.parse("scipy>=1.11").text()).isEqualTo("scipy>=1.11");
    }
}
