package dev.sluice.ui;

import dev.sluice.app.ServerSettings;
import dev.sluice.config.ConfigReader;
import dev.sluice.testing.SluiceHarness;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * bench/ui-page: a project page of 2,000 files (a folder of django sdists), rendered over HTTP on a running server:
 * the median time of the whole answer as a client waits for it, after a warm-up (issue 21's target: under 50 ms of
 * server time). Prints figures; asserts nothing.
 */
public final class ProjectPageBench {
    private ProjectPageBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sluice-ui-bench");
        Path files = Files.createDirectories(dir.resolve("files"));
        for (int major = 1; major <= 5; major++) {
            for (int minor = 0; minor < 20; minor++) {
                for (int patch = 0; patch < 20; patch++) {
                    Files.writeString(files.resolve("django-" + major + "." + minor + "." + patch + ".tar.gz"), "x");
                }
            }
        }
        Path config = Files.writeString(dir.resolve("sluice.toml"), """
                [sources.wheels]
                type = "directory"
                path = "%s"
                rescan = "1h"
                unscanned = "serve"

                [routes.main]
                path = "/simple/"
                serve = "wheels"
                """.formatted(files));
        try (SluiceHarness sluice = SluiceHarness.start(ServerSettings.defaults(dir.resolve("data"))
                .withAdminToken(SluiceHarness.TOKEN).withConfigFile(config, ConfigReader.read(config, null).graph()))) {
            for (int i = 0; i < 200; i++) {
                sluice.get("/project/django/");
            }
            long[] times = new long[51];
            int bytes = 0;
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                bytes = sluice.get("/project/django/").body().length();
                times[i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(times);
            System.out.printf("project page of 2,000 files (%,d characters): median %.1f ms, p90 %.1f ms (request to last byte)%n",
                    bytes, times[25] / 1e6, times[45] / 1e6);
        }
    }
}
