package dev.sluice.bench;

import dev.sluice.pep.SpecifierSet;
import dev.sluice.pep.Version;
import dev.sluice.store.Database;
import dev.sluice.usage.SqlUsageStore;
import dev.sluice.usage.Usage;
import dev.sluice.usage.UsageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * "Who fetched versions R of project X in this window?" over a usage log of a million events in the embedded
 * catalog (SQLite), as the admin API asks it: the logged versions of X, filtered by the range, then the
 * grouped query. The log is skewed as real ones are: one project in ten events ({@code requests}), the rest
 * spread over 5,000 projects; 500 identities, each on its own one of 200 client addresses nine times in ten and on
 * any of them otherwise, three pip versions, a year of time.
 * Run with {@code bench/jmh UsageQueryBenchmark}; results are recorded in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UsageQueryBenchmark {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    @Param("1000000")
    int events;

    Path directory;
    Database database;
    SqlUsageStore store;
    SpecifierSet range;
    Instant from;
    Instant to;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        directory = Files.createTempDirectory("usage-bench");
        database = Database.openSqlite(directory.resolve("sluice.db"));
        store = new SqlUsageStore(database.jdbi());
        long started = System.nanoTime();
        fillLog(store, events);
        System.out.printf("%n%,d events written in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
        range = SpecifierSet.parse(">=2.10,<2.20");
        from = START.plusSeconds(YEAR_SECONDS / 4);
        to = START.plusSeconds(YEAR_SECONDS / 2);
    }

    @Benchmark
    public List<Usage.Fetcher> whoFetchedAPopularProjectInARangeAndAQuarter() {
        List<String> versions = store.loggedVersions("requests").stream()
                .filter(v -> range.contains(Version.parse(v), true)).toList();
        return store.whoFetched("requests", versions, from, to);
    }

    @Benchmark
    public List<Usage.Fetcher> whoFetchedARareProjectAllTime() {
        return store.whoFetched("project-42", null, Instant.EPOCH, START.plusSeconds(2 * YEAR_SECONDS));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        database.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * A usage log of {@code events} downloads, skewed as real ones are (see the class comment), the same for every run
     * (seeded): what benchmarks of questions to the log ask over.
     */
    public static void fillLog(SqlUsageStore store, int events) {
        Random random = new Random(42);
        String[] pips = {"23.2.1", "24.2", "25.1"};
        List<UsageStore.Event> batch = new ArrayList<>(10_000);
        for (int i = 0; i < events; i++) {
            boolean popular = random.nextInt(10) == 0;
            String project = popular ? "requests" : "project-" + random.nextInt(5_000);
            String version = "2." + random.nextInt(40) + ".0";
            Instant at = START.plusSeconds((long) (random.nextDouble() * YEAR_SECONDS));
            // most requests of a person come from their own machine; one in ten from anywhere (CI runners, VPNs)
            int user = random.nextInt(500);
            int host = random.nextInt(10) == 0 ? random.nextInt(200) : user % 200;
            String address = "10.0." + host / 100 + "." + host;
            batch.add(new UsageStore.Event(at, "file", "simple", project, version, project.replace('-', '_') + "-" + version
                    + "-py3-none-any.whl", "user-" + user, null, address, "pip", pips[random.nextInt(3)], "3.11.7", "Linux", "x86_64", false, "downloaded", null,
                    "local", null, 200, 50_000L, 800, null));
            if (batch.size() == 10_000) {
                store.append(batch);
                batch.clear();
            }
        }
        store.append(batch);
    }
}
