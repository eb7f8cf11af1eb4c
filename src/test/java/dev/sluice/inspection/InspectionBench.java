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
 * target: under 1 s); what inspection adds to an upload of a 200 KB wheel (target: at most 20%); the heap while a
 * 1 GB sdist is inspected, and a zip bomb's refusal (targets: bounded). Run with -Xmx256m. Prints figures (medians
 * after a warm-up); asserts nothing.
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
            System.out.printf("inspect a %,d-byte wheel (%,d bytes of Python in it): median %.1f ms%n", Files.size(wheel), size,
                    medianMillis(inspection, wheel, size < 1_000_000 ? 300 : 5));
        }
        networkHeavy(dir, inspection);
        uploadOverhead(dir);
        if (!java.util.List.of(args).contains("--quick")) {
            largeSdist(dir, inspection);
        }
        zipBomb(dir, inspection);
    }

    /** The worst case for the code rules: 50 MB of Python whose every module uses the network, so all of it is parsed. */
    private static void networkHeavy(Path dir, Inspector inspection) throws Exception {
        Path file = dir.resolve("bench_network-1.0-py3-none-any.whl");
        Random random = new Random(3);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            long written = 0;
            for (int module = 0; written < 50_000_000; module++) {
                zip.putNextEntry(new ZipEntry("bench_network/module_" + module + ".py"));
                byte[] b = ("import requests\nimport subprocess\n\ndef fetch(url):\n    r = requests.get(url)\n    return r.json()\n\n"
                        + code(random, 20_000)).getBytes(StandardCharsets.UTF_8);
                zip.write(b);
                zip.closeEntry();
                written += b.length;
            }
        }
        System.out.printf("inspect a %,d-byte wheel of 50,000,000 bytes of Python that all uses the network (every module"
                + " parsed): median %.1f ms%n", Files.size(file), medianMillis(inspection, file, 3));
    }

    /** The median of five inspections of the wheel, after {@code warmUps} more. */
    private static double medianMillis(Inspector inspection, Path wheel, int warmUps) {
        DistributionFilename name = DistributionFilename.parse(wheel.getFileName().toString());
        ProjectName project = ProjectName.of(name.normalizedName());
        for (int i = 0; i < warmUps; i++) {
            inspection.inspect(wheel, name, project, java.util.Set.of());
        }
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            inspection.inspect(wheel, name, project, java.util.Set.of());
            times[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        return times[2] / 1e6;
    }

    /**
     * Uploads of distinct 200 KB wheels over HTTP to a running server, and the inspection each includes (the facade's
     * upload check, verdict kept): the upload without inspection is the difference, measured in the same run.
     */
    private static void uploadOverhead(Path dir) throws Exception {
        Path files = Files.createDirectories(dir.resolve("uploads"));
        try (dev.sluice.testing.SluiceHarness sluice = dev.sluice.testing.SluiceHarness.start(
                dev.sluice.app.ServerSettings.defaults(dir.resolve("data")).withAdminToken(dev.sluice.testing.SluiceHarness.TOKEN))) {
            int rounds = 60;
            long[] upload = new long[rounds];
            long[] inspect = new long[rounds];
            for (int i = 0; i < rounds + 20; i++) {
                String version = "1." + i;
                Path wheel = dev.sluice.testing.Wheels.wheelWith(files, "bench-upload", version,
                        java.util.Map.of("bench_upload/code.py", code(new Random(i), 200_000)));
                long t0 = System.nanoTime();
                var answer = sluice.upload(dev.sluice.testing.Multipart.twineLike(wheel, "bench-upload", version));
                long took = System.nanoTime() - t0;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("upload refused: " + answer.body());
                }
                // the same check on a copy under another version: what the upload spent inspecting
                Path again = dev.sluice.testing.Wheels.wheelWith(files, "bench-upload", version + ".1",
                        java.util.Map.of("bench_upload/code.py", code(new Random(i), 200_000)));
                String sha256 = dev.sluice.util.Digests.of(Files.readAllBytes(again)).sha256();
                long t1 = System.nanoTime();
                sluice.sluice().inspection().uploadRefusal(again, sha256, DistributionFilename.parse(again.getFileName().toString()),
                        ProjectName.of("bench-upload"));
                long inspecting = System.nanoTime() - t1;
                if (i >= 20) { // the first twenty warm up
                    upload[i - 20] = took;
                    inspect[i - 20] = inspecting;
                }
            }
            java.util.Arrays.sort(upload);
            java.util.Arrays.sort(inspect);
            double withInspection = upload[rounds / 2] / 1e6;
            double inspection = inspect[rounds / 2] / 1e6;
            System.out.printf("upload of a 200 KB wheel over HTTP: median %.1f ms, of which inspection %.1f ms: %.0f%% slower than"
                    + " without it (target: at most 20%%)%n", withInspection, inspection,
                    100 * inspection / (withInspection - inspection));
        }
    }

    /** A 1 GB sdist (one large data file and source), inspected with the heap sampled meanwhile. */
    private static void largeSdist(Path dir, Inspector inspection) throws Exception {
        Path sdist = dir.resolve("bench_large-1.0.tar.gz");
        long t0 = System.nanoTime();
        try (dev.sluice.testing.Archives.TarGzWriter tar = new dev.sluice.testing.Archives.TarGzWriter(sdist)) {
            tar.add("bench_large-1.0/PKG-INFO", dev.sluice.testing.Archives.Content.of(
                    dev.sluice.testing.Archives.metadata("bench-large", "1.0")));
            tar.add("bench_large-1.0/setup.py", dev.sluice.testing.Archives.Content.of("from setuptools import setup\nsetup()\n"));
            byte[] block = new byte[1 << 20];
            new Random(1).nextBytes(block); // incompressible: a megabyte of data is a megabyte of archive
            tar.add("bench_large-1.0/data/blob.bin", dev.sluice.testing.Archives.Content.repeating(block, 1L << 30));
        }
        System.out.printf("(wrote a %,d-byte sdist in %.1f s)%n", Files.size(sdist), (System.nanoTime() - t0) / 1e9);
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        long[] peak = {before};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t1 = System.nanoTime();
        Inspector.Report report = inspection.inspect(sdist, DistributionFilename.parse(sdist.getFileName().toString()),
                ProjectName.of("bench-large"), java.util.Set.of());
        long took = System.nanoTime() - t1;
        sampler.interrupt();
        System.out.printf("inspect a 1 GB sdist: %.1f s, verdict %s; heap %.0f MB before, at most %.0f MB during (max heap %.0f MB)%n",
                took / 1e9, report.verdict().label(), before / 1e6, peak[0] / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        Files.delete(sdist);
    }

    /** A wheel holding 4 GB of zeros compressed to a few MB: refused by the archive limits, not read to its end. */
    private static void zipBomb(Path dir, Inspector inspection) throws Exception {
        Path bomb = dir.resolve("bench_bomb-1.0-py3-none-any.whl");
        try (dev.sluice.testing.Archives.ZipWriter zip = new dev.sluice.testing.Archives.ZipWriter(bomb)) {
            zip.add("bench_bomb/zeros.py", dev.sluice.testing.Archives.Content.zeros(4L << 30));
        }
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t0 = System.nanoTime();
        String outcome;
        try {
            inspection.inspect(bomb, DistributionFilename.parse(bomb.getFileName().toString()), ProjectName.of("bench-bomb"),
                    java.util.Set.of());
            outcome = "read whole (no limit hit)";
        } catch (dev.sluice.archive.InvalidDistributionException e) {
            outcome = "refused: " + e.getMessage();
        }
        System.out.printf("zip bomb (%,d bytes holding 4 GiB of zeros): %s in %.0f ms, heap %.0f MB then %.0f MB%n", Files.size(bomb),
                outcome, (System.nanoTime() - t0) / 1e6, heap / 1e6,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
        Files.delete(bomb);
    }

    /** About {@code size} characters of ordinary-looking Python. */
    private static String code(Random random, int size) {
        StringBuilder code = new StringBuilder("import os\nimport subprocess\n\n");
        while (code.length() < size) {
            int n = random.nextInt(1_000_000);
            code.append("def function_").append(n).append("(value, other=None):\n")
                    .append("    \"\"\"Returns the value ").append(n).append(" times, see https://docs.example.org/").append(n)
                    .append(".\"\"\"\n    result = [value] * ").append(n % 7).append("\n    return os.path.join(str(result), '")
                    .append(Long.toHexString(random.nextLong())).append("')\n\n");
        }
        return code.toString();
    }

    /** A wheel of Python modules about 20 KB each, of ordinary-looking code, with this many bytes of source. */
    static Path wheel(Path dir, long bytes) throws Exception {
        Path file = dir.resolve("bench_wheel-" + bytes + "-py3-none-any.whl");
        Random random = new Random(bytes);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            long written = 0;
            for (int module = 0; written < bytes; module++) {
                zip.putNextEntry(new ZipEntry("bench_wheel/module_" + module + ".py"));
                byte[] b = code(random, 20_000).getBytes(StandardCharsets.UTF_8);
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
