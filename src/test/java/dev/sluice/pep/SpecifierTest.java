package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierTest {
    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "~=2.2, 2.3, true", "~=2.2, 3.0, false", "~=1.4.5, 1.4.9, true", "~=1.4.5, 1.5.0, false",
        "==1.1.*, 1.1.post1, true", "==1.1.*, 1.10, false", "==1.0, 1.0+local, true", "==1.0+a, 1.0, false",
        "!=1.0.*, 1.0.1, false", "<2.0, 2.0rc1, false", "<2.0rc2, 2.0rc1, false", ">1.0, 1.0.post1, false",
        ">1.0, 1.0+local, false", ">1.0.post1, 1.0.post2, true", "<=1.0, 1.0+local, true", "===1.0, 1.0, true",
        "===1.0, 1.0.0, false", ">=1.0, 1.1a1, false", ">=1.0a1, 1.1a1, true", "==1.0.0, 1.0, true"})
    void containsByThePep440Rules(String spec, String version, boolean expected) {
        assertThat(Specifier.parse(spec).contains(Version.parse(version))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"~=1", "<1.0+local", ">=1.0.*", "==1.0a1.*", "=1.0", "=>1.0", "~=1.0+x", ">= 1.0 ,"})
    void refusesClausesPep440DoesNotAllow(String spec) {
        assertThatThrownBy(() -> Specifier.parse(spec)).isInstanceOf(InvalidSpecifierException.class)
                .hasMessageContaining(spec);
    }

    @Test
    void aSetAdmitsPrereleasesOnlyWhenAskedOrNamedOrNothingElseMatches() {
        List<Version> versions = List.of(Version.parse("1.0"), Version.parse("2.0b1"));
        assertThat(SpecifierSet.parse(">=1.0").filter(versions, null)).extracting(Version::toString).containsExactly("1.0");
        // packaging 23.0 applies "pre-releases when nothing else matches" to one clause, not through a set.
        assertThat(Specifier.parse(">=1.5").filter(versions, null)).extracting(Version::toString).containsExactly("2.0b1");
        assertThat(SpecifierSet.parse(">=1.5").filter(versions, null)).isEmpty();
        assertThat(SpecifierSet.parse(">=1.0").filter(versions, true)).hasSize(2);
        assertThat(SpecifierSet.parse(">=1.0b1").filter(versions, null)).hasSize(2);
        assertThat(SpecifierSet.parse("").filter(List.of(Version.parse("2.0b1")), null)).hasSize(1);
    }

    @Test
    void aSetPrintsItsUniqueClausesSorted() {
        assertThat(SpecifierSet.parse(" >=1.0 , !=1.3, >=1.0.0,<2")).hasToString("!=1.3,<2,>=1.0");
        assertThat(SpecifierSet.parse(">=1.0,!=1.3")).isEqualTo(SpecifierSet.parse("!=1.3 , >=1.0.0"));
    }
}
