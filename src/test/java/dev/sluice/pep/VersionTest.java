package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VersionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0|1.0", "v1.0|1.0", "  1.0\t|1.0", "1.0-1|1.0.post1", "1.0.POST-2|1.0.post2", "1.0rev|1.0.post0",
        "1.0r3|1.0.post3", "1.0alpha1|1.0a1", "1.0.BETA.2|1.0b2", "1.0c1|1.0rc1", "1.0-preview_3|1.0rc3",
        "1.0pre|1.0rc0", "1.0-dev|1.0.dev0", "1!2.0|1!2.0", "0!2.0|2.0", "1.0+Ubuntu-1.2_3|1.0+ubuntu.1.2.3",
        "1.0+abc.007|1.0+abc.7", "01.002.0003|1.2.3", "1.0a-|1.0a0",
        "123456789012345678901234567890.1|123456789012345678901234567890.1"})
    void normalisesEverySpellingPep440Allows(String input, String normalForm) {
        assertThat(Version.parse(input)).hasToString(normalForm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2007d", "1.0-beta.2.x", "", "1..0", "1.0+", "french toast", "1.0.post1.post2", "1.0+a+b"})
    void refusesWhatPep440DoesNotAllowWithTheInputInTheMessage(String input) {
        assertThatThrownBy(() -> Version.parse(input))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'" + input + "'");
    }

    @Test
    void acceptsSeparatorsAroundPreReleaseNumbers() {
        // Often quoted as invalid, but PEP 440's normalisation rules (and packaging) accept it.
        assertThat(Version.parse("1.0-beta.2")).hasToString("1.0b2");
    }

    @Test
    void ordersAsPep440Specifies() {
        List<String> expected = List.of("1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0",
                "1.0+abc", "1.0+abc.5", "1.0+5", "1.0.post1.dev0", "1.0.post1", "1.0.1", "1.1", "1!0.1");
        List<Version> shuffled = new ArrayList<>(expected.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled.stream().map(Version::toString)).containsExactlyElementsOf(expected);
    }

    @Test
    void equalVersionsMayBeSpelledDifferently() {
        assertThat(Version.parse("1.0")).isEqualTo(Version.parse("1.0.0.0")).hasSameHashCodeAs(Version.parse("1.0.0"));
        assertThat(Version.parse("1.0+ABC")).isEqualTo(Version.parse("1.0+abc"));
        assertThat(Version.parse("1.0")).isNotEqualTo(Version.parse("1.0+0"));
    }

    @Test
    void comparesNumbersBeyondTheRangeOfLong() {
        assertThat(Version.parse("99999999999999999999999")).isGreaterThan(Version.parse("9999999999999999999999"));
    }

    @Test
    void tellsItsParts() {
        Version v = Version.parse("2!1.4.0rc1.post2.dev3+cpu.7");
        assertThat(v.isPrerelease()).isTrue();
        assertThat(v.isPostrelease()).isTrue();
        assertThat(v.isDevrelease()).isTrue();
        assertThat(v.local()).isEqualTo("cpu.7");
        assertThat(v.publicVersion()).hasToString("2!1.4.0rc1.post2.dev3");
        assertThat(v.baseVersion()).hasToString("2!1.4.0");
        assertThat(v.canonical(true)).isEqualTo("2!1.4rc1.post2.dev3+cpu.7");
    }
}
