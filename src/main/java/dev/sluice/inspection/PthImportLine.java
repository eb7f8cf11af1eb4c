package dev.sluice.inspection;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code pth-import}: a {@code .pth} file whose lines start with {@code import} runs them at every start of the
 * interpreter it is installed into. A few are legitimate, and known by their content: setuptools'
 * {@code distutils-precedence.pth}, coverage's start-up hook, and the finders editable installs write. Any other is
 * suspicious; one that also runs decoded data, processes or network calls is malicious.
 */
final class PthImportLine implements ContentRule {
    static final String ID = "pth-import";
    private static final Pattern IMPORT_LINE = Pattern.compile("^import[ \\t]");
    private static final List<Pattern> KNOWN = List.of(
            // setuptools' distutils-precedence.pth
            Pattern.compile("import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os\\.environ\\.get\\(var, '(local|stdlib)'\\)"
                    + " == '(local|stdlib)'; enabled and __import__\\('_distutils_hack'\\)\\.add_shim\\(\\); ?"),
            // coverage's subprocess measurement
            Pattern.compile("import coverage; coverage\\.process_startup\\(\\)"),
            // editable installs (setuptools, hatchling, pdm, ...)
            Pattern.compile("import __editable___[\\w.]+_finder; __editable___[\\w.]+_finder\\.install\\([^)]*\\)"),
            Pattern.compile("import _[\\w]+_editable(_[\\w]+)?(; _[\\w]+\\.install\\([^)]*\\))?"));
    private static final Pattern HOSTILE = Pattern.compile(
            "exec\\s*\\(|eval\\s*\\(|b64decode|base64|zlib|marshal|subprocess|os\\.system|urllib|urlopen|requests\\.|socket");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        String name = file.name;
        if (!name.endsWith(".pth") || name.contains("/") && !name.matches("[^/]+\\.data/purelib/[^/]+\\.pth|[^/]+\\.data/platlib/[^/]+\\.pth")) {
            return; // only a .pth that lands in site-packages runs
        }
        String[] lines = file.lines();
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].strip();
            if (IMPORT_LINE.matcher(stripped).find() && KNOWN.stream().noneMatch(k -> k.matcher(stripped).matches())) {
                findings.accept(new Finding(ID, HOSTILE.matcher(stripped).find() ? Finding.Severity.MALICIOUS
                        : Finding.Severity.SUSPICIOUS, name, i + 1, stripped));
            }
        }
    }
}
