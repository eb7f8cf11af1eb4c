package dev.sluice.config;

import dev.sluice.fuzz.Fuzzing;
import java.nio.file.Path;

/** Fuzz target for {@code sluice.toml}: a checked config or a {@link ConfigException} listing problems, each with a line. */
public final class ConfigFileFuzz {
    private ConfigFileFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        Path file = Fuzzing.file("sluice.toml", data);
        try {
            ConfigReader.read(file, file.resolveSibling("no-netrc"));
        } catch (ConfigException refused) {
            Fuzzing.check(!refused.errors().isEmpty(), "a refused config names at least one problem");
        }
    }
}
