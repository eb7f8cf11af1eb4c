package dev.sluice.bench;

import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.SpecifierSet;
import dev.sluice.pep.Version;
import dev.sluice.testing.PackagingStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The standards core on the paths a page render and an upload take: parsing versions, sorting a release
 * history, parsing filenames, filtering by Requires-Python. Each operation handles a batch of 1,000 items.
 * Run with {@code bench/jmh}; results are recorded in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PepBenchmark {
    static final int BATCH = 1_000;

    List<String> versionStrings;
    List<Version> versions;
    List<String> filenames;
    SpecifierSet requiresPython;

    @Setup
    public void setUp() {
        PackagingStrings strings = new PackagingStrings(42);
        versionStrings = new ArrayList<>();
        filenames = new ArrayList<>();
        while (versionStrings.size() < BATCH) {
            versionStrings.add(strings.candidateVersion());
        }
        while (filenames.size() < BATCH) {
            String name = strings.filename();
            if (isValidFilename(name)) {
                filenames.add(name);
            }
        }
        versions = versionStrings.stream().map(Version::parse).toList();
        requiresPython = SpecifierSet.parse(">=1.1,!=2.0.*,<3");
    }

    private static boolean isValidFilename(String name) {
        try {
            DistributionFilename.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Benchmark
    public void parseVersions(Blackhole bh) {
        for (String s : versionStrings) {
            bh.consume(Version.parse(s));
        }
    }

    @Benchmark
    public List<Version> sortVersions() {
        List<Version> copy = new ArrayList<>(versions);
        copy.sort(null);
        return copy;
    }

    @Benchmark
    public void parseFilenames(Blackhole bh) {
        for (String f : filenames) {
            bh.consume(DistributionFilename.parse(f));
        }
    }

    @Benchmark
    public List<Version> filterBySpecifierSet() {
        return requiresPython.filter(versions, null);
    }
}
