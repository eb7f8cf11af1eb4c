package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config-error table: each bad file and the exact lines a user sees from {@code sluice config check} and
 * {@code serve --config} (README.md shows some of them). A file with several problems reports them all.
 */
class ConfigErrorTableTest {
    private static final String GOOD_TAIL = """

            [routes.main]
            path = "/simple/"
            serve = "local"
            """;

    @TempDir
    static Path folder;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("a misspelt section", """
                        [sorces.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:1: sorces: unknown key (did you mean 'sources'?); expected server, sources, gates, routes, vulnerabilities, moderation, bundles",
                        "sluice.toml:6: routes.main.serve: no source or gate is named 'local'")),
                Arguments.of("a misspelt key", """
                        [sources.local]
                        type = "hosted"
                        [sources.pypi]
                        type = "proxy"
                        url = "https://pypi.org/simple/"
                        page_ttl = "10m"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:6: sources.pypi.page_ttl: unknown key (did you mean 'page-ttl'?); expected type, url,"
                                + " page-ttl, timeout, connect-timeout, stale-while-revalidate, circuit-failures, circuit-open,"
                                + " max-concurrent, outbound-proxy, netrc, offline, max-cache-size")),
                Arguments.of("a cache limit of nothing, and one that is no size", """
                        [sources.local]
                        type = "hosted"
                        [sources.pypi]
                        type = "proxy"
                        url = "https://pypi.org/simple/"
                        max-cache-size = "0"
                        [sources.mirror]
                        type = "proxy"
                        url = "https://mirror.example/simple/"
                        max-cache-size = "lots"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:6: sources.pypi.max-cache-size: '0' must be more than 0 bytes",
                        "sluice.toml:10: sources.mirror.max-cache-size: 'lots' is not a size such as 500000, 100MiB or 2GiB")),
                Arguments.of("rules inside a gate whose name is unusable", """
                        [sources.local]
                        type = "hosted"
                        [gates."no good!"]
                        type = "allow-deny"
                        source = "local"
                        allow = ["not a rule!!"]
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:3: gates.\"no good!\": 'no good!' is not a usable name: letters, digits, '.', '_' and '-',"
                                + " at most 64",
                        "sluice.toml:6: gates.\"no good!\".allow: 'not a rule!!' is not a project name, a glob, or a name with a"
                                + " version range such as numpy>=1.26,<3")),
                Arguments.of("a gate without its source (found by fuzzing: it failed with a NullPointerException)", """
                        [sources.local]
                        type = "hosted"
                        [gates.held]
                        type = "reserve"
                        [routes.main]
                        path = "/simple/"
                        serve = "held"
                        """, List.of(
                        "sluice.toml:3: gates.held: missing key 'source'")),
                Arguments.of("an invalid escape in a quoted key (found by fuzzing: the TOML reader threw it)", """
                        [sources.local]
                        type = "hosted"
                        "bad\\ key" = 1
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:3: not valid TOML: Invalid escape sequence '\\ '")),
                Arguments.of("a timeout that is not a duration, and one of nothing: each said once", """
                        [sources.local]
                        type = "hosted"
                        [sources.pypi]
                        type = "proxy"
                        url = "https://pypi.org/simple/"
                        timeout = "soon"
                        connect-timeout = "0s"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:6: sources.pypi.timeout: 'soon' is not a duration such as 30s, 10m, 2h or 7d",
                        "sluice.toml:7: sources.pypi.connect-timeout: 0 is not a usable time: give one such as 10s")),
                Arguments.of("an allow-deny gate with both lists empty", """
                        [sources.local]
                        type = "hosted"
                        [gates.nothing]
                        type = "allow-deny"
                        source = "local"
                        allow = []
                        deny = []
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:3: gates.nothing: an allow-deny gate needs 'allow' or 'deny' rules (both are empty or missing)")),
                Arguments.of("a reserved name that is not a name", """
                        [sources.local]
                        type = "hosted"
                        [gates.held]
                        type = "reserve"
                        source = "local"
                        names = ["Bad_Name_", "acme-*"]
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:6: gates.held.names: 'Bad_Name_' is not a project name or a prefix such as acme-*")),
                Arguments.of("an unknown source type", """
                        [sources.local]
                        type = "hosted"
                        [sources.mirror]
                        type = "mirror"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:4: sources.mirror.type: 'mirror' is not a source type; expected one of hosted, proxy, directory, bundle")),
                Arguments.of("a gate declared as a source", """
                        [sources.local]
                        type = "hosted"
                        [sources.safe]
                        type = "cooldown"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:4: sources.safe.type: 'cooldown' is not a source type; expected one of hosted, proxy,"
                                + " directory, bundle ('cooldown' is a gate: declare it under [gates])")),
                Arguments.of("a trusted bundle key that is not one, and a misspelt key", """
                        [bundles]
                        trusted-keys = ["ed25519:AAAA", "ssh-ed25519 AAAAC3Nza"]
                        allow-unsinged = true
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: bundles.trusted-keys: 'ed25519:AAAA' is not an Ed25519 public key: expected ed25519: and"
                                + " 32 bytes in base64, as `sluice bundle key` prints it",
                        "sluice.toml:2: bundles.trusted-keys: 'ssh-ed25519 AAAAC3Nza' is not an Ed25519 public key: expected"
                                + " ed25519: and 32 bytes in base64, as `sluice bundle key` prints it",
                        "sluice.toml:3: bundles.allow-unsinged: unknown key (did you mean 'allow-unsigned'?); expected"
                                + " trusted-keys, allow-unsigned, signing-key")),
                Arguments.of("a reference to a node that does not exist", """
                        [sources.local]
                        type = "hosted"
                        [sources.pypi]
                        type = "proxy"
                        url = "https://pypi.org/simple/"
                        [gates.main]
                        type = "first-owner"
                        sources = ["local", "pipy"]
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:8: gates.main.sources: no source or gate is named 'pipy' (did you mean 'pypi'?)")),
                Arguments.of("a cycle", """
                        [sources.local]
                        type = "hosted"
                        [gates.a]
                        type = "cooldown"
                        source = "b"
                        period = "2d"
                        [gates.b]
                        type = "allow-deny"
                        source = "a"
                        deny = ["evil"]
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:5: gates.a.source: a cycle: a -> b -> a",
                        "sluice.toml:9: gates.b.source: a cycle: b -> a -> b")),
                Arguments.of("a duration in words", """
                        [sources.local]
                        type = "hosted"
                        [gates.cooled]
                        type = "cooldown"
                        source = "local"
                        period = "2 days"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:6: gates.cooled.period: '2 days' is not a duration such as 30s, 10m, 2h or 7d")),
                Arguments.of("a bad version range", """
                        [sources.local]
                        type = "hosted"
                        [gates.curated]
                        type = "allow-deny"
                        source = "local"
                        allow = ["requests", "numpy>=1.26,<<3"]
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:6: gates.curated.allow: 'numpy>=1.26,<<3' is not a project name, a glob, or a name with"
                                + " a version range such as numpy>=1.26,<3")),
                Arguments.of("a bad size and a port out of range", """
                        [server]
                        port = 70000
                        max-upload-size = "lots"
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: server.port: 70000 is not between 0 and 65535",
                        "sluice.toml:3: server.max-upload-size: 'lots' is not a size such as 500000, 100MiB or 2GiB")),
                Arguments.of("an accel-redirect that is no location, and one over blobs nginx cannot read", """
                        [server]
                        accel-redirect = "_blobs"
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: server.accel-redirect: '_blobs' is not the path of an nginx location such as"
                                + " /_sluice_blobs/ (starting and ending with /)")),
                Arguments.of("files handed to nginx from S3", """
                        [server]
                        blobs = "s3://packages/sluice"
                        accel-redirect = "/_sluice_blobs/"
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:3: server.accel-redirect: needs the blobs in a folder the front nginx can read; these are"
                                + " in S3")),
                Arguments.of("a database that is not PostgreSQL's URL", """
                        [server]
                        database = "mysql://192.0.2.1/sluice"
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: server.database: must be postgresql://USER:PASSWORD@HOST:PORT/DATABASE (or left out for the"
                                + " embedded SQLite file)")),
                Arguments.of("blobs in a place Sluice cannot keep them, and half a pair of S3 keys", """
                        [server]
                        blobs = "ftp://192.0.2.1/blobs"
                        [server.s3]
                        endpoint = "minio:9000"
                        access-key-id = "AKIA-EXAMPLE"
                        regoin = "eu-west-1"
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: server.blobs: must be s3://BUCKET/PREFIX or file:///PATH (or left out for <data-dir>/blobs)",
                        "sluice.toml:4: server.s3.endpoint: 'minio:9000' is not an HTTP(S) URL",
                        "sluice.toml:5: server.s3.access-key-id: access-key-id and secret-access-key go together (or leave both"
                                + " out for AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile or an instance role)",
                        "sluice.toml:6: server.s3.regoin: unknown key (did you mean 'region'?); expected endpoint, region,"
                                + " path-style, access-key-id, secret-access-key, cache-size")),
                Arguments.of("an S3 bucket name S3 refuses", """
                        [server]
                        blobs = "s3://My_Bucket/prefix"
                        [sources.local]
                        type = "hosted"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: server.blobs: must be s3://BUCKET/PREFIX or file:///PATH (or left out for <data-dir>/blobs)")),
                Arguments.of("a number where a string belongs", """
                        [sources.local]
                        type = "hosted"
                        [sources.pypi]
                        type = "proxy"
                        url = 8080
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:5: sources.pypi.url: must be a string, not the number 8080")),
                Arguments.of("a route path outside the two forms, and two routes on one path", """
                        [sources.local]
                        type = "hosted"
                        [routes.one]
                        path = "/pypi/"
                        serve = "local"
                        [routes.two]
                        path = "/simple/"
                        serve = "local"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:4: routes.one.path: '/pypi/' is not a route path: /simple/ or /indexes/<name>/simple/"
                                + " (lower case letters, digits, '.', '_', '-')",
                        "sluice.toml:11: routes.main.path: '/simple/' is served by the route 'two' already")),
                Arguments.of("a moderation gate with a wrong mode, an unknown rule and a rule without its option", """
                        [moderation]
                        webhook = "ftp://hooks.example/x"
                        [sources.local]
                        type = "hosted"
                        [gates.m]
                        type = "moderation"
                        source = "local"
                        mode = "strict"
                        hosted = "maybe"
                        [[gates.m.rules]]
                        when = "stars"
                        then = "approve"
                        [[gates.m.rules]]
                        when = "vulnerable"
                        severity = "bad"
                        then = "deny"
                        [[gates.m.rules]]
                        when = "age"
                        then = "allow"
                        [routes.main]
                        path = "/simple/"
                        serve = "m"
                        """, List.of(
                        "sluice.toml:2: moderation.webhook: 'ftp://hooks.example/x' is not an HTTP(S) URL",
                        "sluice.toml:8: gates.m.mode: 'strict' is not a mode: review, frozen or open",
                        "sluice.toml:9: gates.m.hosted: 'maybe' is not what to do with hosted projects: review (the default) or pass",
                        "sluice.toml:11: gates.m.rules[1].when: 'stars' is not a rule: age, vulnerable, inspection, license, typosquat, listed",
                        "sluice.toml:15: gates.m.rules[2].severity: 'bad' is not a severity: malicious, critical, high, medium, low, unknown-severity",
                        "sluice.toml:19: gates.m.rules[3].then: 'allow' is not what a rule does: approve or deny")),
                Arguments.of("a yes/no setting written as a word", """
                        [sources.local]
                        type = "hosted"
                        [routes.main]
                        path = "/simple/"
                        serve = "local"
                        anonymous-read = "no"
                        quarantine = "clean"
                        """, List.of(
                        "sluice.toml:6: routes.main.anonymous-read: must be true or false, not the string \"no\"",
                        "sluice.toml:7: routes.main.quarantine: 'clean' is not a verdict to quarantine from: 'malicious' (the"
                                + " default) or 'suspicious'")),
                Arguments.of("not TOML", """
                        [sources.local
                        type = "hosted"
                        """, List.of("sluice.toml:1: not valid TOML: ")),
                Arguments.of("a proxy without its URL and a second hosted source", """
                        [sources.local]
                        type = "hosted"
                        [sources.team]
                        type = "hosted"
                        [sources.pypi]
                        type = "proxy"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:4: sources.team.type: a second hosted source: 'local' is one already, and one is all this"
                                + " version supports",
                        "sluice.toml:5: sources.pypi: missing key 'url' (the upstream's simple index, e.g. https://pypi.org/simple/)")),
                Arguments.of("no routes", """
                        [sources.local]
                        type = "hosted"
                        """, List.of(
                        "sluice.toml:1: routes: no route: add a [routes.<name>] table with serve = \"<node>\"")),
                Arguments.of("a folder that is not there, and held-by naming a gate", """
                        [sources.local]
                        type = "hosted"
                        [sources.wheels]
                        type = "directory"
                        path = "no-such-folder"
                        unscanned = "later"
                        [gates.safe]
                        type = "reserve"
                        source = "local"
                        held-by = ["safe"]
                        names = ["acme-*", "-bad"]
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:5: sources.wheels.path: '" + folder.resolve("no-such-folder") + "' is not a directory",
                        "sluice.toml:6: sources.wheels.unscanned: 'later' is not what to do with a file until it is inspected:"
                                + " 'hold' (the default: 503 with Retry-After) or 'serve'",
                        "sluice.toml:10: gates.safe.held-by: 'safe' is a gate; held-by names sources",
                        "sluice.toml:11: gates.safe.names: '-bad' is not a project name or a prefix such as acme-*")),
                Arguments.of("a vulnerability policy with a wrong action, an exception without expiry, and a bad source URL", """
                        [vulnerabilities]
                        source = "ftp://osv.example/all.zip"
                        refresh = "30s"
                        [sources.local]
                        type = "hosted"
                        [gates.checked]
                        type = "vulnerability-policy"
                        source = "local"
                        critical = "block"
                        [[gates.checked.exceptions]]
                        id = "PYSEC-2024-1"
                        reason = "patched here"
                        [[gates.checked.exceptions]]
                        id = "PYSEC-2024-2"
                        reason = "not used"
                        expires = "soon"
                        projcet = "demo"
                        """ + GOOD_TAIL, List.of(
                        "sluice.toml:2: vulnerabilities.source: 'ftp://osv.example/all.zip' is not an HTTP(S) URL",
                        "sluice.toml:3: vulnerabilities.refresh: must be at least 1m",
                        "sluice.toml:9: gates.checked.critical: 'block' is not an action: refuse, hide, annotate",
                        "sluice.toml:10: gates.checked.exceptions[1]: missing key 'expires' (a date such as 2027-01-31:"
                                + " exceptions end by themselves)",
                        "sluice.toml:16: gates.checked.exceptions[2].expires: 'soon' is not a date (2027-01-31) or an RFC 3339 time",
                        "sluice.toml:17: gates.checked.exceptions[2].projcet: unknown key (did you mean 'project'?); expected id,"
                                + " project, reason, expires")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void everyProblemIsReportedWithItsLineKeyAndReason(String what, String toml, List<String> expected) throws IOException {
        Path file = folder.resolve("sluice.toml");
        Files.writeString(file, toml);
        Path relative = folder.relativize(file);
        assertThatThrownBy(() -> ConfigReader.read(file, null)).isInstanceOfSatisfying(ConfigException.class, e -> {
            List<String> lines = e.errors().stream().map(ConfigError::toString).map(l -> l.replace(file.toString(), relative.toString())).toList();
            if (expected.size() == 1 && expected.get(0).endsWith(": ")) {
                assertThat(lines).singleElement().asString().startsWith(expected.get(0));
            } else {
                assertThat(lines).containsExactlyElementsOf(expected);
            }
        });
    }
}
