package dev.sluice.index.gates;

import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.Refused;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.InMemoryRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/** The route's read rule guards the list, pages, files and metadata alike, before anything below is asked. */
class RouteReadTest {
    @Test
    void everyCallAsksTheRuleFirstAndARefusalReachesNothingBelow() {
        InMemoryRepository source = new InMemoryRepository("local").with("acme-lib", "1.0");
        List<String> asked = new ArrayList<>();
        RouteRead open = new RouteRead(source, "simple", "/simple/", true, (context, route, path, anonymous) -> asked.add(route + " " + path));
        open.projects(ANYONE);
        open.project(ProjectName.of("acme-lib"), ANYONE);
        open.file(ProjectName.of("acme-lib"), "acme_lib-1.0.tar.gz", ANYONE);
        assertThat(asked).containsExactly("simple /simple/", "simple /simple/", "simple /simple/");

        RouteRead closed = new RouteRead(source, "team", "/indexes/team/simple/", false, (context, route, path, anonymous) -> {
            throw new Refused("access", "this credential may not read the route '" + route + "'");
        });
        int before = source.calls.get();
        List<ThrowingConsumer<RouteRead>> calls = List.of(r -> r.projects(ANYONE), r -> r.project(ProjectName.of("acme-lib"), ANYONE),
                r -> r.file(ProjectName.of("acme-lib"), "acme_lib-1.0.tar.gz", ANYONE),
                r -> r.metadata(ProjectName.of("acme-lib"), "acme_lib-1.0.tar.gz", ANYONE));
        for (ThrowingConsumer<RouteRead> call : calls) {
            assertThatThrownBy(() -> call.accept(closed)).isInstanceOf(Refused.class).hasMessageContaining("'team'");
        }
        assertThat(source.calls.get()).as("nothing below was asked").isEqualTo(before);
    }
}
