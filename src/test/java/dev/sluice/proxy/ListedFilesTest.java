package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListedFilesTest {
    private static final Instant FETCHED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");

    @Test
    void aListingAnswersWithoutTheCatalogOnlyWhileItsConfirmationIsRecent() {
        ListedFiles listed = new ListedFiles(10);
        listed.put("demo", FETCHED, Map.of("demo-1.0.tar.gz", "0".repeat(64)), NOW);

        assertThat(listed.confirmedSince("demo", NOW.minusSeconds(1))).containsOnlyKeys("demo-1.0.tar.gz");
        assertThat(listed.confirmedSince("demo", NOW.plusMillis(1))).as("older than asked: the catalog must be asked")
                .isNull();
        assertThat(listed.confirmedSince("other", NOW.minusSeconds(1))).isNull();
    }

    @Test
    void theCatalogNamingTheSamePageConfirmsTheListingAgainAndANewerPageDoesNot() {
        ListedFiles listed = new ListedFiles(10);
        listed.put("demo", FETCHED, Map.of("demo-1.0.tar.gz", "0".repeat(64)), NOW);
        Instant later = NOW.plusSeconds(5);

        assertThat(listed.get("demo", FETCHED, later)).containsOnlyKeys("demo-1.0.tar.gz");
        assertThat(listed.confirmedSince("demo", later)).as("confirmed again when the catalog named it").isNotNull();

        assertThat(listed.get("demo", FETCHED.plusSeconds(60), later.plusSeconds(1))).as("a newer page").isNull();
    }

    @Test
    void aPageFetchedAgainIsForgottenAtOnce() {
        ListedFiles listed = new ListedFiles(10);
        listed.put("demo", FETCHED, Map.of("demo-1.0.tar.gz", "0".repeat(64)), NOW);

        listed.forget("demo");

        assertThat(listed.confirmedSince("demo", NOW.minusSeconds(1))).isNull();
        assertThat(listed.get("demo", FETCHED, NOW)).isNull();
    }
}
