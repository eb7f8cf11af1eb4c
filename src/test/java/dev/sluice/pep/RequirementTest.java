package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {
    private static final Map<String, String> LINUX = Map.ofEntries(Map.entry("python_version", "3.11"),
            Map.entry("python_full_version", "3.11.2"), Map.entry("os_name", "posix"), Map.entry("sys_platform", "linux"),
            Map.entry("platform_release", "6.1.0"), Map.entry("platform_system", "Linux"),
            Map.entry("platform_version", "#1"), Map.entry("platform_machine", "x86_64"),
            Map.entry("platform_python_implementation", "CPython"), Map.entry("implementation_name", "cpython"),
            Map.entry("implementation_version", "3.11.2"));

    @Test
    void readsEveryPart() {
        Requirement r = Requirement.parse("Foo_Bar [security, Docs] (>=1.0, !=1.3) ; python_version < '3.12' and extra == 'Docs'");
        assertThat(r.name()).isEqualTo("Foo_Bar");
        assertThat(r.projectName()).hasToString("foo-bar");
        assertThat(r.extras()).containsExactly("Docs", "security");
        assertThat(r.specifier()).hasToString("!=1.3,>=1.0");
        assertThat(r.url()).isNull();
        assertThat(r.marker()).hasToString("python_version < \"3.12\" and extra == \"Docs\"");
        assertThat(r).hasToString("Foo_Bar[Docs,security]!=1.3,>=1.0; python_version < \"3.12\" and extra == \"Docs\"");
    }

    @Test
    void readsDirectUrls() {
        Requirement r = Requirement.parse("pkg @ https://example.com/pkg-1.0-py3-none-any.whl ; os_name == 'nt'");
        assertThat(r.url()).isEqualTo("https://example.com/pkg-1.0-py3-none-any.whl");
        assertThat(r).hasToString("pkg@ https://example.com/pkg-1.0-py3-none-any.whl ; os_name == \"nt\"");
        assertThatThrownBy(() -> Requirement.parse("pkg @ notaurl")).isInstanceOf(InvalidRequirementException.class)
                .hasMessage("Invalid URL: notaurl");
        assertThatThrownBy(() -> Requirement.parse("pkg @ file:/tmp/x")).hasMessage("Invalid URL given");
    }

    @Test
    void pointsAtTheProblem() {
        assertThatThrownBy(() -> Requirement.parse("foo >=1.0 bar"))
                .isInstanceOf(Pep508SyntaxException.class)
                .hasMessage("Expected end or semicolon (after version specifier)\n    foo >=1.0 bar\n        ~~~~~~^");
        assertThatThrownBy(() -> Requirement.parse("foo[bar baz]"))
                .hasMessageStartingWith("Expected comma between extra names");
        assertThatThrownBy(() -> Requirement.parse("foo; os_name ~ 'nt'"))
                .hasMessageStartingWith("Expected marker operator");
    }

    @Test
    void evaluatesMarkersAsPipDoes() {
        Marker m = Requirement.parse("x; python_version >= '3.8' and (sys_platform == 'win32' or extra == 'Test_X')").marker();
        assertThat(m.evaluate(LINUX)).isFalse();
        Map<String, String> withExtra = new java.util.HashMap<>(LINUX);
        withExtra.put("extra", "test-x");
        assertThat(m.evaluate(withExtra)).isTrue();
        assertThat(Marker.parse("'linux' in sys_platform").evaluate(LINUX)).isTrue();
        assertThat(Marker.parse("python_full_version < '3.11.10'").evaluate(LINUX)).isTrue();
    }

    @Test
    void aMarkerThatCannotBeEvaluatedSaysWhy() {
        assertThatThrownBy(() -> Marker.parse("platform_release >= '6'").evaluate(Map.of("platform_release", "6.1.0-18-amd64")))
                .isInstanceOf(MarkerEvaluationException.class).hasMessageContaining("6.1.0-18-amd64");
        assertThatThrownBy(() -> Marker.parse("os_name == 'nt'").evaluate(Map.of()))
                .isInstanceOf(MarkerEvaluationException.class).hasMessage("Undefined environment name 'os_name'");
        assertThatThrownBy(() -> Marker.parse("os_name ~= 'nt'").evaluate(LINUX))
                .isInstanceOf(MarkerEvaluationException.class).hasMessageContaining("Undefined ~=");
    }

    @Test
    void refusesTrailingTextAfterAMarker() {
        assertThatThrownBy(() -> Marker.parse("os_name == 'nt' junk")).isInstanceOf(Pep508SyntaxException.class)
                .hasMessageStartingWith("Expected end of marker expression");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http://[:::1]/x", "http://[1.2.3.4]/x", "http://[::1%]/x",
        "http://[1::2::3]/x", "http://[vz.1]/x", "http://[12345::1]/x",
        // found by PackagingDifferentialTest (seed 4544049449254684111): nothing may come before the bracket but user
        // info, and only a port after it
        "http://\u00e9[::1]/x", "http://a[::1]/x", "http://[::1]x/y", "http://u@a[::1]/x", "http://us[er]@host/x"})
    void aBracketedHostThatUrllibRefusesIsRefused(String url) {
        assertThatThrownBy(() -> Requirement.parse("pkg @ " + url)).isInstanceOf(InvalidRequirementException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http://[::1]/x", "http://[fe80::1%eth0]:8080/x",
        "http://[::ffff:1.2.3.4]/x", "http://[1:2:3:4:5:6:7:8]/x", "http://[v1.x]/x", "http://user@[::1]:8080/x",
        "http://us[er]@[::1]/x"})
    void aBracketedHostThatUrllibAcceptsIsAccepted(String url) {
        org.assertj.core.api.Assertions.assertThat(Requirement.parse("pkg @ " + url).url()).isEqualTo(url);
    }
}
