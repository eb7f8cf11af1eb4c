package dev.sluice.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Random packaging strings for differential tests: versions, specifiers, requirements, markers, names and
 * filenames, valid and subtly invalid. Biased toward the hard parts of the grammars (separators, case,
 * implicit post releases, local versions, huge numbers, wildcards) and toward small release numbers, so
 * that specifiers and candidate versions often meet at their boundaries.
 */
public final class PackagingStrings {
    private static final String[] PRE_LABELS = {"a", "b", "c", "rc", "alpha", "beta", "pre", "preview"};
    private static final String[] POST_LABELS = {"post", "rev", "r"};
    private static final String[] SEPARATORS = {"", "", "", ".", "-", "_"};
    private static final String[] SPACES = {" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u0085", "\u001f"};
    private static final String[] JUNK = {"d", "x", "+", "!", ".", "-", "_", "*", " ", "..", "a", "post", "dev", "=",
        "@", "/", ",", "é", "0"};
    private static final String[] KNOWN_INVALID_VERSIONS = {"2007d", "1.0-beta.2", "", " ", "1..0", "1.0.", ".1",
        "1.0+", "1.0++a", "1!", "!1", "1.0-", "v", "1.0a1a2", "1.0.post1.post2", "1.0+a+b", "1.0+.a", "1.0+a.",
        "1.0+a..b", "1,0", "1.0 .0", "french toast", "1.0.dev1.post1", "01!", "1.0rc1.a1", "1_", "1.0-+"};
    public static final String[] OPERATORS = {"~=", "==", "!=", "<=", ">=", "<", ">", "==="};
    private static final String[] MARKER_VARIABLES = {"python_version", "python_full_version", "os_name", "os.name",
        "sys_platform", "sys.platform", "platform_release", "platform_system", "platform_version",
        "platform_machine", "platform.machine", "platform_python_implementation", "python_implementation",
        "platform.python_implementation", "implementation_name", "implementation_version", "extra"};
    private static final String[] MARKER_OPS = {"==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"};
    private static final String[] MARKER_VALUES = {"3.8", "3", "3.10.1", "2.7", "3.11", "3.12.0rc1", "3.*", "linux",
        "win32", "darwin", "posix", "nt", "x86_64", "aarch64", "AMD64", "CPython", "PyPy", "cpython", "pypy",
        "Linux", "Windows", "Darwin", "test", "Test_Extra", "dev.docs", "dev-docs", "", "5.10.0-22-amd64",
        "7.3.11", "lin", "3.8.10", "#1 SMP Debian", "x86", "1!2.0", "3.11.2"};
    private static final String[] URLS = {"https://example.com/pkg-1.0.whl", "file:///tmp/x.whl", "file:/tmp/x",
        "git+https://github.com/a/b@v1#egg=x", "http://[::1]/x", "http://[bad/x", "notaurl", "file://host/path",
        "https://", "file:///a?", "file:///a#", "FILE:///x", "https://example.com/a?b=c#d", "file:///a;b",
        "ssh://git@host/x.git", "file://", "file:relative/path", "http://example.com", "./local/dir"};

    private final Random random;

    public PackagingStrings(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private String randomCase(String s) {
        return switch (random.nextInt(4)) {
            case 0 -> s.toUpperCase(Locale.ROOT);
            case 1 -> {
                StringBuilder sb = new StringBuilder();
                for (char c : s.toCharArray()) {
                    sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                yield sb.toString();
            }
            default -> s;
        };
    }

    /** A number: mostly small, sometimes with leading zeros, sometimes longer than a long. */
    public String number() {
        int kind = random.nextInt(20);
        if (kind == 0) {
            StringBuilder sb = new StringBuilder().append(1 + random.nextInt(9));
            int digits = 10 + random.nextInt(20);
            for (int i = 0; i < digits; i++) {
                sb.append(random.nextInt(10));
            }
            return sb.toString();
        }
        if (kind == 1) {
            return "0" + random.nextInt(30);
        }
        return Integer.toString(kind < 12 ? random.nextInt(4) : random.nextInt(30));
    }

    /** A version string: valid most of the time, and a near miss otherwise. */
    public String version() {
        if (chance(25)) {
            return pick(KNOWN_INVALID_VERSIONS);
        }
        String v = wellFormedVersion(false);
        return chance(6) ? mutate(v) : v;
    }

    /** A version built from the PEP 440 grammar (all spellings), optionally with tiny release numbers. */
    public String wellFormedVersion(boolean small) {
        StringBuilder sb = new StringBuilder();
        if (chance(12)) {
            sb.append(pick(SPACES));
        }
        if (chance(10)) {
            sb.append(random.nextBoolean() ? "v" : "V");
        }
        if (chance(10)) {
            sb.append(small ? Integer.toString(random.nextInt(2)) : number()).append('!');
        }
        int parts = 1 + random.nextInt(small ? 3 : 4);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(small ? Integer.toString(random.nextInt(3)) : number());
        }
        if (chance(3)) {
            sb.append(pick(SEPARATORS)).append(randomCase(pick(PRE_LABELS))).append(pick(SEPARATORS));
            if (!chance(4)) {
                sb.append(small ? Integer.toString(random.nextInt(3)) : number());
            }
        }
        if (chance(4)) {
            if (chance(3)) {
                sb.append('-').append(small ? Integer.toString(random.nextInt(3)) : number());
            } else {
                sb.append(pick(SEPARATORS)).append(randomCase(pick(POST_LABELS))).append(pick(SEPARATORS));
                if (!chance(4)) {
                    sb.append(small ? Integer.toString(random.nextInt(3)) : number());
                }
            }
        }
        if (chance(4)) {
            sb.append(pick(SEPARATORS)).append(randomCase("dev")).append(pick(SEPARATORS));
            if (!chance(4)) {
                sb.append(small ? Integer.toString(random.nextInt(3)) : number());
            }
        }
        if (chance(small ? 6 : 5)) {
            sb.append('+').append(localPart());
            int more = random.nextInt(3);
            for (int i = 0; i < more; i++) {
                sb.append(pick(new String[] {".", "-", "_"})).append(localPart());
            }
        }
        if (chance(12)) {
            sb.append(pick(SPACES));
        }
        return sb.toString();
    }

    private String localPart() {
        return switch (random.nextInt(4)) {
            case 0 -> number();
            case 1 -> randomCase(pick(new String[] {"ubuntu", "abc", "cpu", "cu121", "x", "local", "z9"}));
            case 2 -> "0" + random.nextInt(10);
            default -> Integer.toString(random.nextInt(5));
        };
    }

    private String mutate(String s) {
        StringBuilder sb = new StringBuilder(s);
        int position = sb.isEmpty() ? 0 : random.nextInt(sb.length() + 1);
        switch (random.nextInt(4)) {
            case 0 -> sb.insert(position, pick(JUNK));
            case 1 -> {
                if (position < sb.length()) {
                    sb.deleteCharAt(position);
                }
            }
            case 2 -> {
                if (position < sb.length()) {
                    sb.insert(position, sb.charAt(position));
                }
            }
            default -> {
                if (position < sb.length()) {
                    sb.setCharAt(position, pick(JUNK).charAt(0));
                }
            }
        }
        return sb.toString();
    }

    /** A valid version with small numbers: candidates for specifier checks. */
    public String candidateVersion() {
        while (true) {
            String v = wellFormedVersion(true);
            if (dev.sluice.pep.Version.isValid(v)) {
                return v.strip();
            }
        }
    }

    /** One specifier clause: usually well formed, sometimes wildcarded, sometimes a near miss. */
    public String specifier() {
        String op = chance(30) ? pick(new String[] {"=", "=>", "~", "<>", "!", ""}) : pick(OPERATORS);
        StringBuilder sb = new StringBuilder();
        if (chance(8)) {
            sb.append(' ');
        }
        sb.append(op);
        if (chance(5)) {
            sb.append(pick(new String[] {" ", "  ", "\t"}));
        }
        if (op.equals("===") && chance(3)) {
            sb.append(pick(new String[] {"foobar", "1.0", "1.0.0", "1.0-custom", "2!1.0", "1.0+abc"}));
        } else {
            String v = wellFormedVersion(true).strip();
            sb.append(v);
            if (chance(4)) {
                sb.append(".*");
            }
        }
        if (chance(10)) {
            sb.append(' ');
        }
        String s = sb.toString();
        return chance(15) ? mutate(s) : s;
    }

    public String specifierSet() {
        int clauses = random.nextInt(4);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < clauses; i++) {
            parts.add(specifier());
        }
        return String.join(chance(3) ? ", " : ",", parts);
    }

    public String projectName() {
        String[] stems = {"foo", "Foo_Bar", "foo.bar", "FOO--bar", "a", "A1", "django-rest", "zope.interface",
            "ruamel.yaml", "x_y-z.w", "pkg9", "9pkg", "acme-utils", "Acme_Utils"};
        String name = pick(stems);
        if (chance(5)) {
            name = name + pick(new String[] {"-", "_", ".", "--", "-x", "2"}) + pick(new String[] {"", "y", "Z"});
        }
        if (chance(10)) {
            name = pick(new String[] {"-", "_", ".", " ", "!"}) + name;
        }
        if (chance(12)) {
            name = mutate(name);
        }
        return name;
    }

    private String ws() {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "  ";
            case 2 -> "\t";
            default -> "";
        };
    }

    private String requiredWs() {
        return random.nextBoolean() ? " " : (random.nextBoolean() ? "\t" : "  ");
    }

    public String marker(int depth) {
        int atoms = depth > 2 ? 1 : 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < atoms; i++) {
            if (i > 0) {
                sb.append(requiredWs()).append(random.nextBoolean() ? "and" : "or").append(requiredWs());
            }
            if (depth < 3 && chance(4)) {
                sb.append('(').append(ws()).append(marker(depth + 1)).append(ws()).append(')');
            } else {
                sb.append(markerItem());
            }
        }
        return sb.toString();
    }

    private String markerItem() {
        String variable = pick(MARKER_VARIABLES);
        String value = quoted(pick(MARKER_VALUES));
        String op = pick(MARKER_OPS);
        String opText = op.contains("in") ? requiredWs() + op.replace(" ", requiredWs()) + requiredWs()
                : ws() + op + ws();
        return switch (random.nextInt(10)) {
            case 0 -> value + opText + variable;
            case 1 -> quoted(pick(MARKER_VALUES)) + opText + value;
            case 2 -> variable + opText + pick(MARKER_VARIABLES);
            default -> variable + opText + value;
        };
    }

    private String quoted(String value) {
        if (chance(40)) {
            value = value + pick(new String[] {"\\x41", "\\n", "\\\\", "\\d"});
        }
        return random.nextBoolean() ? "\"" + value + "\"" : "'" + value + "'";
    }

    public String requirement() {
        StringBuilder sb = new StringBuilder();
        sb.append(ws()).append(projectName()).append(ws());
        if (chance(3)) {
            List<String> extras = new ArrayList<>();
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                extras.add(pick(new String[] {"test", "Docs", "dev_tools", "a.b", "security", "test"}));
            }
            sb.append('[').append(ws()).append(String.join(ws() + "," + ws(), extras)).append(ws()).append(']').append(ws());
        }
        if (chance(5)) {
            sb.append('@').append(ws()).append(pick(URLS));
            if (chance(2)) {
                sb.append(requiredWs()).append(';').append(ws()).append(marker(0));
            }
        } else {
            if (!chance(4)) {
                String set = specifierSet();
                sb.append(chance(4) ? "(" + set + ")" : set);
            }
            if (chance(2)) {
                sb.append(ws()).append(';').append(ws()).append(marker(0));
            }
        }
        sb.append(ws());
        String s = sb.toString();
        return chance(12) ? mutate(s) : s;
    }

    public String filename() {
        String name = pick(new String[] {"foo", "Foo_Bar", "foo_bar", "zope.interface", "pkg9", "foo__bar", "Foo-Bar",
            "x", "acme_utils"});
        String version = chance(6) ? version() : candidateVersion();
        if (chance(2)) {
            String build = chance(4) ? "-" + pick(new String[] {"1", "12abc", "x1", "0"}) : "";
            String tags = pick(new String[] {"py3-none-any", "py2.py3-none-any", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64",
                "CP311-ABI3-Win_AMD64", "py3-none", "py3-none-any-extra", "py3..py2-none-any"});
            return name + "-" + version + build + "-" + tags + ".whl";
        }
        String ext = pick(new String[] {".tar.gz", ".zip", ".tar.gz"});
        return chance(8) ? name + ext : name + "-" + version + ext;
    }

    /** Realistic marker environments; every variable is present so that neither side falls back to its host. */
    public static List<Map<String, String>> environments() {
        return List.of(
                environment("3.11", "3.11.2", "posix", "linux", "6.1.0-18-amd64", "Linux", "#1 SMP Debian", "x86_64",
                        "CPython", "cpython", "3.11.2", ""),
                environment("3.8", "3.8.10", "nt", "win32", "10", "Windows", "10.0.19041", "AMD64", "CPython",
                        "cpython", "3.8.10", "test"),
                environment("3.9", "3.9.16", "posix", "darwin", "22.1.0", "Darwin", "Darwin Kernel Version 22.1.0",
                        "arm64", "PyPy", "pypy", "7.3.11", "Test_Extra"),
                environment("3.12", "3.12.0rc1", "posix", "linux", "5.10.0", "Linux", "#1", "aarch64", "CPython",
                        "cpython", "3.12.0rc1", "dev-docs"),
                environment("2.7", "2.7.18", "posix", "linux2", "4.4.0", "Linux", "#1", "i686", "CPython", "cpython",
                        "2.7.18", "security"));
    }

    private static Map<String, String> environment(String pythonVersion, String fullVersion, String osName,
            String sysPlatform, String release, String system, String platformVersion, String machine,
            String implementation, String implementationName, String implementationVersion, String extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("python_version", pythonVersion);
        env.put("python_full_version", fullVersion);
        env.put("os_name", osName);
        env.put("sys_platform", sysPlatform);
        env.put("platform_release", release);
        env.put("platform_system", system);
        env.put("platform_version", platformVersion);
        env.put("platform_machine", machine);
        env.put("platform_python_implementation", implementation);
        env.put("implementation_name", implementationName);
        env.put("implementation_version", implementationVersion);
        env.put("extra", extra);
        return env;
    }
}
