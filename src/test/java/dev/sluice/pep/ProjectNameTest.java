package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"Foo_Bar", "foo.bar", "FOO-bar", "foo--bar", "Foo._-Bar", "foo-bar"})
    void spellingVariantsAreOneProject(String spelling) {
        assertThat(ProjectName.of(spelling)).isEqualTo(ProjectName.of("foo-bar")).hasToString("foo-bar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-foo", "foo-", "foo_", ".foo", "foo bar", "foo/../bar", "föö", "foo!"})
    void refusesNamesPep508DoesNotAllow(String name) {
        assertThatThrownBy(() -> ProjectName.of(name)).isInstanceOf(InvalidProjectNameException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("PEP 508");
    }

    /** The loops of isValid and normalize say what PEP 503's and PEP 508's regular expressions say, on any string. */
    @Test
    void agreesWithThePepsRegularExpressionsOnRandomStrings() {
        java.util.regex.Pattern valid = java.util.regex.Pattern.compile("[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        String alphabet = "aZ09-_.-_. /\u00e9\u0130";
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = name.toString();
            assertThat(ProjectName.isValid(s)).as(s).isEqualTo(valid.matcher(s).matches());
            assertThat(ProjectName.normalize(s)).as(s).isEqualTo(s.replaceAll("[-_.]+", "-").toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void knowsTheNormalForm() {
        assertThat(ProjectName.isNormalized("foo-bar")).isTrue();
        assertThat(ProjectName.isNormalized("Foo_Bar")).isFalse();
    }
}
