package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pep.ProjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Typosquats against the real list of popular projects: the names of issue 19 caught or let through, and the rate at
 * which real, less popular projects would be flagged against more popular ones.
 */
class TyposquatsTest {
    private static final Typosquats POPULAR = Typosquats.ofPopularProjects();

    private static List<Resemblance> of(String name, String... hosted) {
        return POPULAR.of(ProjectName.of(name), Set.of(hosted));
    }

    @Test
    void theImitationsAreCaughtWithHowTheyImitate() {
        assertThat(of("reqeusts")).contains(new Resemblance(Resemblance.Kind.SWAPPED_LETTERS, "requests"));
        assertThat(of("requets")).contains(new Resemblance(Resemblance.Kind.ONE_EDIT, "requests"));
        assertThat(of("python-requests")).contains(new Resemblance(Resemblance.Kind.PYTHON_AFFIX, "requests"));
        assertThat(of("requests-py")).contains(new Resemblance(Resemblance.Kind.PYTHON_AFFIX, "requests"));
        assertThat(of("djang0")).contains(new Resemblance(Resemblance.Kind.LOOK_ALIKE, "django"));
        assertThat(of("oauthlib-requests")).contains(new Resemblance(Resemblance.Kind.SWAPPED_WORDS, "requests-oauthlib"));
        assertThat(of("Python_Dateutil")).isEmpty(); // the same name in another spelling is the project itself
        assertThat(of("pythondateutil")).contains(new Resemblance(Resemblance.Kind.LOOK_ALIKE, "python-dateutil"));
        assertThat(of("acme-util5", "acme-utils")).contains(new Resemblance(Resemblance.Kind.LOOK_ALIKE, "acme-utils"));
        assertThat(of("acme-uitls", "acme-utils")).contains(new Resemblance(Resemblance.Kind.SWAPPED_LETTERS, "acme-utils"));
        assertThat(of("reqeusts").get(0).describe()).isEqualTo("looks like 'requests' (swapped-letters)");
    }

    @Test
    void projectsOfTheirOwnAreNot() {
        for (String name : List.of("requests-oauthlib", "types-requests", "flask-login", "requests", "pytest", "pyyaml",
                "boto3", "botocore", "six", "attrs")) {
            assertThat(of(name)).as(name).isEmpty();
        }
        assertThat(of("acme-utils", "acme-utils")).as("a hosted name is ours").isEmpty();
        assertThat(of("zzyzx-internal-tool")).isEmpty();
        assertThat(of("reqs")).as("short names are not compared letter by letter").isEmpty();
    }

    /**
     * Real projects ranked 5,001 to 15,000, each checked against the 5,000 above them as if it were new: the share
     * flagged is what the rule alone would send to a moderator among real, harmless names. Printed, and bounded so that a
     * change that flags much more shows up.
     */
    @Test
    void realLessPopularProjectsAreRarelyFlagged() {
        List<String> all = PopularNames.load();
        Typosquats top = new Typosquats(all.subList(0, 5_000));
        List<String> flagged = new ArrayList<>();
        for (String name : all.subList(5_000, all.size())) {
            List<Resemblance> found = top.of(ProjectName.of(name), Set.of());
            if (!found.isEmpty()) {
                flagged.add(name + " " + found.get(0).describe());
            }
        }
        double rate = flagged.size() * 100.0 / (all.size() - 5_000);
        java.util.Map<String, Long> byKind = flagged.stream().collect(java.util.stream.Collectors.groupingBy(
                f -> f.substring(f.lastIndexOf('(') + 1, f.length() - 1), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        System.out.println("typosquats by kind: " + byKind);
        System.out.printf("typosquats: %d of %d real projects (%.1f%%) resemble one of the 5,000 above them; e.g. %s%n",
                flagged.size(), all.size() - 5_000, rate, flagged.subList(0, Math.min(8, flagged.size())));
        long strong = flagged.stream().filter(f -> !f.endsWith("(one-edit)")).count();
        double strongRate = strong * 100.0 / (all.size() - 5_000);
        System.out.printf("typosquats: %.1f%% by a strong resemblance (all but one-edit)%n", strongRate);
        assertThat(rate).isLessThan(5.0);
        assertThat(strongRate).isLessThan(1.0);
    }
}
