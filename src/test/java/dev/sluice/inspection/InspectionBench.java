package dev.sluice.inspection;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * bench/inspection: how long inspecting a distribution takes: a typical 200 KB wheel, and a 50 MB one (issue 19's
 * target: under 1 s). Prints figures (median of 5 after a warm-up); asserts nothing.
 */
public final class InspectionBench {
    private InspectionBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sluice-inspection-bench");
        Typosquats names = Typosquats.ofPopularProjects();
        for (int i = 0; i < 2_000; i++) {
            names.of(ProjectName.of("reqeusts-helper-" + i), java.util.Set.of());
        }
        long n0 = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            names.of(ProjectName.of("reqeusts-helper-" + i), java.util.Set.of());
        }
        System.out.printf("typosquat check of a name against 15,000: %.1f µs%n", (System.nanoTime() - n0) / 2_000 / 1e3);
        Inspector inspection = new Inspector(ArchiveLimits.DEFAULT);
        for (long size : new long[] {200_000, 50_000_000}) {
            Path wheel = wheel(dir, size);
            DistributionFilename name = DistributionFilename.parse(wheel.getFileName().toString());
            for (int i = 0; i < (size < 1_000_000 ? 300 : 5); i++) { // warm-up
                inspection.inspect(wheel, name, ProjectName.of("bench-wheel"), java.util.Set.of());
            }
            long[] times = new long[5];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                inspection.inspect(wheel, name, ProjectName.of("bench-wheel"), java.util.Set.of());
                times[i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(times);
            System.out.printf("inspect a %,d-byte wheel (%,d bytes of Python in it): median %.1f ms%n", Files.size(wheel), size,
                    times[2] / 1e6);
        }
    }

    /** A wheel of Python modules about 20 KB each, of ordinary-looking code, with this many bytes of source. */
    static Path wheel(Path dir, long bytes) throws Exception {
        Path file = dir.resolve("bench_wheel-" + bytes + "-py3-none-any.whl");
        Random random = new Random(bytes);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            long written = 0;
            for (int module = 0; written < bytes; module++) {
                StringBuilder code = new StringBuilder("import os\nimport subprocess\n\n");
                while (code.length() < 20_000) {
                    int n = random.nextInt(1_000_000);
                    code.append("def function_").append(n).append("(value, other=None):\n")
                            .append("    \"\"\"Returns the value ").append(n).append(" times, see https://docs.example.org/").append(n)
                            .append(".\"\"\"\n    result = [value] * ").append(n % 7).append("\n    return os.path.join(str(result), '")
                            .append(Long.toHexString(random.nextLong())).append("')\n\n");
                }
                zip.putNextEntry(new ZipEntry("bench_wheel/module_" + module + ".py"));
                byte[] b = code.toString().getBytes(StandardCharsets.UTF_8);
                zip.write(b);
                zip.closeEntry();
                written += b.length;
            }
            zip.putNextEntry(new ZipEntry("bench_wheel-1.0.dist-info/METADATA"));
            zip.write("Metadata-Version: 2.1\nName: bench-wheel\nVersion: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }
}
