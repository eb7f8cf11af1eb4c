package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.junit.jupiter.api.Test;

/**
 * A short forked run of {@link PepBenchmark} inside the test suite: it keeps the benchmark compiling and
 * working, and prints indicative ops/s. The figures that count come from {@code bench/jmh} (forked, longer).
 */
class PepBenchmarkTest {
    @Test
    void everyBenchmarkRunsAndReportsOpsPerSecond() throws Exception {
        OptionsBuilder builder = new OptionsBuilder();
        if (Runtime.version().feature() >= 23) {
            builder.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow"); // JMH still uses sun.misc.Unsafe
        }
        Options options = builder
                .include(PepBenchmark.class.getName())
                .forks(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(500))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(4);
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            System.out.printf("PepBenchmark %-22s %,12.1f batches/s (%,.0f items/s)%n",
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""), score, score * PepBenchmark.BATCH);
            assertThat(score).as(r.getParams().getBenchmark()).isPositive();
        }
    }
}
