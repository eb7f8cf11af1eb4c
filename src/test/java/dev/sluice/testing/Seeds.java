package dev.sluice.testing;

import java.util.Random;

/**
 * Seeds for randomised tests: a fresh one each run (so runs explore), printed so that a failure can be
 * replayed with {@code -Dsluice.seed=N}.
 */
public final class Seeds {
    private Seeds() {}

    public static long seed(String test) {
        String fixed = System.getProperty("sluice.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
        System.out.println(test + ": seed " + seed + " (replay with -Dsluice.seed=" + seed + ")");
        return seed;
    }
}
