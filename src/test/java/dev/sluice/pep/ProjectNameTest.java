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

    @Test
    void knowsTheNormalForm() {
        assertThat(ProjectName.isNormalized("foo-bar")).isTrue();
        assertThat(ProjectName.isNormalized("Foo_Bar")).isFalse();
    }
}
