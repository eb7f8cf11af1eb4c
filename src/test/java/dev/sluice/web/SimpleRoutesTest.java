package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths the simple API's own handler takes; every other path falls through to Javalin. */
class SimpleRoutesTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/simplex/", "/simple//", "/simple/a/b/c", "/simple/a/b/", "/simple//file",
        "/indexes/simple/", "/indexes//simple/", "/indexes/x/", "/indexes/x/other/", "/snapshot//simple/",
        "/snapshot/2026-01-01/", "/snapshot/2026-01-01/legacy/", "/legacy/", "/pypi/foo/json", "/admin/usage",
        "/health", "/metrics", "/snapshot/2026-01-01/indexes//simple/"})
    void leavesOtherPathsToJavalin(String path) {
        assertThat(SimpleRoutes.serves(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/simple", "/simple/", "/simple/foo", "/simple/foo/", "/simple/foo/foo-1.0.tar.gz",
        "/simple/foo/foo-1.0-py3-none-any.whl.metadata", "/simple/a%2Fb/", "/indexes/team/simple",
        "/indexes/team/simple/", "/indexes/team/simple/foo/", "/indexes/team/simple/foo/f.whl",
        "/snapshot/2026-01-01/simple/", "/snapshot/2026-01-01T00:00:00Z/indexes/team/simple/foo/",
        "/snapshot/not-a-time/simple/"})
    void takesEverySimpleApiShape(String path) {
        assertThat(SimpleRoutes.serves(path)).isTrue();
    }
}
