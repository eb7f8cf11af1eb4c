package dev.sluice.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    @Test
    void aReaderAheadOfTheRateWaitsUntilItIsNot() {
        Throttle throttle = new Throttle(10L << 20);
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            throttle.took(256 * 1024);
        }
        // 5 MiB at 10 MiB/s: at least half a second, however fast the machine (a lower bound only: it cannot flake)
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(490);
        assertThat(throttle.bytes()).isEqualTo(5L << 20);
    }

    @Test
    void noRateMeansNoWaiting() {
        Throttle throttle = new Throttle(0);
        throttle.took(1L << 30);
        assertThat(throttle.bytes()).isEqualTo(1L << 30);
    }
}
