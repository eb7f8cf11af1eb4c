package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths the simple API's own handler takes; every other path falls through to Javalin. */
class SimplePathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/simplex/", "/simple//", "/simple/a/b/c", "/simple/a/b/", "/simple//file",
        "/indexes/simple/", "/indexes//simple/", "/indexes/x/", "/indexes/x/other/", "/snapshot//simple/",
        "/snapshot/2026-01-01/", "/snapshot/2026-01-01/legacy/", "/legacy/", "/pypi/foo/json", "/admin/usage",
        "/health", "/metrics", "/snapshot/2026-01-01/indexes//simple/"})
    void leavesOtherPathsToJavalin(String path) {
        assertThat(SimplePath.parse(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/simple", "/simple/", "/simple/foo", "/simple/foo/", "/simple/foo/foo-1.0.tar.gz",
        "/simple/foo/foo-1.0-py3-none-any.whl.metadata", "/simple/a%2Fb/", "/indexes/team/simple",
        "/indexes/team/simple/", "/indexes/team/simple/foo/", "/indexes/team/simple/foo/f.whl",
        "/snapshot/2026-01-01/simple/", "/snapshot/2026-01-01T00:00:00Z/indexes/team/simple/foo/",
        "/snapshot/not-a-time/simple/"})
    void takesEverySimpleApiShape(String path) {
        assertThat(SimplePath.parse(path)).isNotNull();
    }

    @Test
    void readsTheRouteTheTimeAndTheRestOnce() {
        assertThat(SimplePath.parse("/simple")).isEqualTo(new SimplePath(null, "/simple/", null));
        assertThat(SimplePath.parse("/simple/")).isEqualTo(new SimplePath(null, "/simple/", ""));
        assertThat(SimplePath.parse("/indexes/team/simple/foo/f.whl")).isEqualTo(new SimplePath(null, "/indexes/team/simple/", "foo/f.whl"));
        SimplePath snapshot = SimplePath.parse("/snapshot/2026-01-01/indexes/team/simple/foo/");
        assertThat(snapshot).isEqualTo(new SimplePath("2026-01-01", "/indexes/team/simple/", "foo/"));
        assertThat(snapshot.base()).isEqualTo("/snapshot/2026-01-01/indexes/team/simple/");
    }
}
