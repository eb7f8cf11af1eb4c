package dev.sluice.inspection;

import dev.sluice.pep.ProjectName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The most-downloaded PyPI projects (resource {@code inspection/top-pypi-packages.csv}: the 15,000 most downloaded over
 * the 30 days to 2026-04-01, from hugovk/top-pypi-packages), most downloaded first, in PEP 503 normal form: the names
 * typosquats imitate.
 */
final class PopularNames {
    private static final String RESOURCE = "/inspection/top-pypi-packages.csv";

    private PopularNames() {}

    static List<String> load() {
        try (InputStream in = PopularNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code download_count,"project"} after a header line. */
    static List<String> parse(BufferedReader lines) throws IOException {
        List<String> names = new ArrayList<>();
        String header = lines.readLine();
        if (header == null || !header.startsWith("download_count,project")) {
            throw new IllegalStateException(RESOURCE + " does not start with its header line");
        }
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            int comma = line.indexOf(',');
            String name = line.substring(comma + 1).replace("\"", "").strip();
            if (ProjectName.isValid(name)) {
                names.add(ProjectName.normalize(name));
            }
        }
        return List.copyOf(names);
    }
}
