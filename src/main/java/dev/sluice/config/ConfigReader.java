package dev.sluice.config;

import dev.sluice.inspection.Verdict;
import dev.sluice.bundle.BundleSettings;
import dev.sluice.bundle.PublicKeys;
import dev.sluice.moderation.ModerationSettings;
import dev.sluice.proxy.Netrc;
import dev.sluice.proxy.UpstreamSettings;
import dev.sluice.store.BlobLocation;
import dev.sluice.usage.UsageSettings;
import dev.sluice.vulnerabilities.VulnerabilitySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads a {@code sluice.toml} into a checked {@link SluiceConfig}, or reports every problem in it with the
 * file, line and key: TOML syntax, unknown keys, wrong types, bad durations, sizes, URLs, rules and names,
 * references to nodes that do not exist, cycles, and routes that collide. Paths in the file are taken
 * relative to the file's folder. The format is documented in README.md ("Configuration file").
 */
public final class ConfigReader {
    static final Set<String> SOURCE_TYPES = Set.of("hosted", "proxy", "directory", "bundle");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ROUTE_PATH = Pattern.compile("/simple/|/indexes/[a-z0-9][a-z0-9._-]*/simple/");
    private static final Duration DEFAULT_RESCAN = Duration.ofSeconds(10);

    private final String file;
    private final Path folder;
    private final Path netrc;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
    /** Where each node was declared, for messages about it. */
    private final Map<String, TomlSection> declared = new LinkedHashMap<>();
    private final Map<String, TomlSection> routeSections = new LinkedHashMap<>();

    private ConfigReader(Path path, Path netrc) {
        this.file = path.toString();
        this.folder = path.toAbsolutePath().getParent();
        this.netrc = netrc;
    }

    /** Reads and checks a config file. @throws ConfigException listing every problem found */
    public static SluiceConfig read(Path path) throws ConfigException {
        return read(path, Netrc.defaultFile());
    }

    /** @param netrc the netrc file for proxy sources whose URL and settings give no credentials */
    public static SluiceConfig read(Path path, Path netrc) throws ConfigException {
        return new ConfigReader(path, netrc).readFile(path);
    }

    private SluiceConfig readFile(Path path) throws ConfigException {
        TomlParseResult toml;
        try {
            toml = Toml.parse(path);
        } catch (IOException e) {
            String why = switch (e) {
                case java.nio.file.NoSuchFileException missing -> "no such file";
                case java.nio.file.AccessDeniedException denied -> "permission denied";
                default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            };
            throw new ConfigException(List.of(new ConfigError(file, 0, "", "cannot be read: " + why)));
        } catch (TomlParseError e) {
            // tomlj reports most problems in errors(), but throws some (an invalid escape in a quoted key)
            throw new ConfigException(List.of(new ConfigError(file, e.position().line(), "", "not valid TOML: "
                    + e.getMessage())));
        } catch (RuntimeException | AssertionError e) {
            // and, on some malformed escapes, fails its own internal checks (an assert, when assertions are on)
            throw new ConfigException(List.of(new ConfigError(file, 0, "", "not valid TOML: the TOML reader failed on it ("
                    + e + "); look for a malformed escape sequence in a quoted string")));
        }
        for (TomlParseError e : toml.errors()) {
            errors.add(new ConfigError(file, e.position().line(), "", "not valid TOML: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        TomlSection top = new TomlSection(file, toml, "", 1, errors);
        TomlSection server = top.table("server");
        TomlSection sources = top.table("sources");
        TomlSection gates = top.table("gates");
        TomlSection routes = top.table("routes");
        TomlSection vulnerabilities = top.table("vulnerabilities");
        TomlSection moderation = top.table("moderation");
        TomlSection bundles = top.table("bundles");
        top.rejectUnknownKeys();

        SluiceConfig config = new SluiceConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
        VulnerabilitySettings vulnerabilitySettings = vulnerabilities == null ? null : vulnerabilities(vulnerabilities);
        ModerationSettings moderationSettings = moderation == null ? null : moderation(moderation);
        BundleSettings bundleSettings = bundles == null ? null : bundles(bundles);
        if (server != null) {
            config = server(server);
        }
        // A table whose name is unusable is still checked, so that every problem is found in one run; it is not declared.
        if (sources != null) {
            for (String name : sources.keys()) {
                TomlSection s = sources.table(name);
                if (s != null) {
                    source(s, name, declare(s, name));
                }
            }
        }
        if (gates != null) {
            for (String name : gates.keys()) {
                TomlSection g = gates.table(name);
                if (g != null) {
                    gate(g, name, declare(g, name));
                }
            }
        }
        List<GraphConfig.Route> routeList = routes == null ? List.of() : routes(routes);
        if (routes == null || routeList.isEmpty() && errors.isEmpty()) {
            errors.add(new ConfigError(file, 1, "routes", "no route: add a [routes.<name>] table with serve = \"<node>\""));
        }
        checkReferences(routeList);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(ConfigError::line));
            throw new ConfigException(errors);
        }
        return new SluiceConfig(config.host(), config.port(), config.dataDirectory(), config.maxUploadBytes(),
                config.trustedProxies(), config.usage(), vulnerabilitySettings, moderationSettings,
                new GraphConfig(nodes, routeList), config.database(), config.blobs(), bundleSettings, config.accelRedirect());
    }

    private SluiceConfig server(TomlSection s) {
        String host = s.string("host");
        Long port = s.integer("port");
        if (port != null && (port < 0 || port > 65535)) {
            s.error("port", port + " is not between 0 and 65535");
        }
        Path data = path(s, "data-dir");
        Long maxUpload = s.parsed("max-upload-size", ByteSizes::parse);
        List<String> trusted = s.has("trusted-proxies") ? s.strings("trusted-proxies") : null;
        if (trusted != null) {
            for (String address : trusted) {
                if (!address.matches("[0-9A-Fa-f.:]{2,45}")) {
                    s.error("trusted-proxies", "'" + address + "' is not an IP address");
                }
            }
        }
        Boolean usageLog = s.bool("usage-log");
        String usageFile = s.string("usage-log-file");
        Path usagePath = usageFile == null ? null : usageFile.equals("-") ? UsageSettings.STANDARD_OUTPUT : path(s, "usage-log-file");
        Duration retention = s.duration("usage-retention");
        UsageSettings usage = usageLog == null && usagePath == null && retention == null ? null
                : new UsageSettings(usageLog == null || usageLog, usagePath, retention);
        String database = s.string("database");
        if (database != null && !database.matches("postgresql://[^/\\s]+/[^\\s]+")) {
            s.error("database", "must be postgresql://USER:PASSWORD@HOST:PORT/DATABASE (or left out for the embedded SQLite file)");
        }
        String blobsText = s.string("blobs");
        TomlSection s3Table = s.table("s3");
        BlobLocation.S3Options s3 = s3Table == null ? BlobLocation.S3Options.NONE : s3Options(s3Table);
        BlobLocation blobs = null;
        if (blobsText != null) {
            try {
                blobs = BlobLocation.parse(blobsText, s3);
            } catch (IllegalArgumentException e) {
                s.error("blobs", e.getMessage());
            }
        }
        String accel = s.string("accel-redirect");
        if (accel != null && !accel.matches("/([A-Za-z0-9._~-]+/)+")) {
            s.error("accel-redirect", "'" + accel + "' is not the path of an nginx location such as /_sluice_blobs/"
                    + " (starting and ending with /)");
            accel = null;
        } else if (accel != null && blobs instanceof BlobLocation.S3) {
            s.error("accel-redirect", "needs the blobs in a folder the front nginx can read; these are in S3");
            accel = null;
        }
        s.rejectUnknownKeys();
        return new SluiceConfig(host, port == null ? null : port.intValue(), data, maxUpload, trusted, usage, null, null, null,
                database, blobs, null, accel);
    }

    /** {@code [server.s3]}: how an {@code s3://} blob store is reached. */
    private static BlobLocation.S3Options s3Options(TomlSection s) {
        java.net.URI endpoint = httpUrl(s, "endpoint");
        String region = s.string("region");
        Boolean pathStyle = s.bool("path-style");
        String accessKey = s.string("access-key-id");
        String secretKey = s.string("secret-access-key");
        Long cacheSize = s.parsed("cache-size", ByteSizes::parse);
        if ((accessKey == null) != (secretKey == null)) {
            s.error(accessKey == null ? "secret-access-key" : "access-key-id",
                    "access-key-id and secret-access-key go together (or leave both out for AWS_ACCESS_KEY_ID and"
                            + " AWS_SECRET_ACCESS_KEY, a profile or an instance role)");
        }
        s.rejectUnknownKeys();
        return new BlobLocation.S3Options(endpoint, region, pathStyle != null && pathStyle, accessKey, secretKey, cacheSize);
    }

    /** {@code [vulnerabilities]}: an OSV zip's URL to keep advisories current from, and how often. */
    private static VulnerabilitySettings vulnerabilities(TomlSection s) {
        java.net.URI uri = httpUrl(s, "source");
        Duration refresh = s.duration("refresh");
        if (refresh != null && refresh.toMinutes() < 1) {
            s.error("refresh", "must be at least 1m");
            refresh = null;
        }
        s.rejectUnknownKeys();
        return new VulnerabilitySettings(uri, refresh == null ? VulnerabilitySettings.DEFAULT_REFRESH : refresh);
    }

    /** {@code [bundles]}: whose bundles are imported, whether unsigned ones may be, and the key that signs exports. */
    private BundleSettings bundles(TomlSection s) {
        List<String> keys = s.strings("trusted-keys");
        if (keys != null) {
            for (String key : keys) {
                try {
                    PublicKeys.parse(List.of(key));
                } catch (IllegalArgumentException e) {
                    s.error("trusted-keys", e.getMessage());
                }
            }
        }
        Boolean unsigned = s.bool("allow-unsigned");
        Path signingKey = s.has("signing-key") ? path(s, "signing-key") : null;
        s.rejectUnknownKeys();
        return new BundleSettings(keys == null ? List.of() : keys, Boolean.TRUE.equals(unsigned), signingKey);
    }

    /** {@code [moderation]}: the webhook told of every new request and decision. */
    private static ModerationSettings moderation(TomlSection s) {
        java.net.URI webhook = httpUrl(s, "webhook");
        s.rejectUnknownKeys();
        return new ModerationSettings(webhook);
    }

    /** An HTTP(S) URL under the key, or null (absent, or wrong: the error is recorded). */
    private static java.net.URI httpUrl(TomlSection s, String key) {
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                s.error(key, "'" + text + "' is not an HTTP(S) URL");
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            s.error(key, "'" + text + "' is not a URL");
            return null;
        }
    }

    /** Declares a node's name. @return false, with the error recorded, when the name is unusable or taken */
    private boolean declare(TomlSection s, String name) {
        if (!NODE_NAME.matcher(name).matches()) {
            s.tableError("'" + name + "' is not a usable name: letters, digits, '.', '_' and '-', at most 64");
            return false;
        }
        if (declared.containsKey(name)) {
            s.tableError("the name '" + name + "' is taken by " + declared.get(name).path() + ": sources and gates share one set of names");
            return false;
        }
        declared.put(name, s);
        return true;
    }

    /** @param usable whether the name was declared (else the table is only checked) */
    private void source(TomlSection s, String name, boolean usable) {
        String type = s.requiredString("type");
        if (type == null) {
            return;
        }
        NodeConfig node = switch (type) {
            case "hosted" -> {
                NodeConfig.Hosted other = hostedDeclared();
                if (other != null) {
                    s.error("type", "a second hosted source: '" + other.name() + "' is one already, and one is all this version supports");
                }
                yield new NodeConfig.Hosted(name);
            }
            case "proxy" -> proxy(s, name);
            case "directory" -> directory(s, name);
            case "bundle" -> new NodeConfig.Bundle(name);
            default -> {
                s.error("type", "'" + type + "' is not a source type; expected one of hosted, proxy, directory, bundle"
                        + (gateTypes().contains(type) ? " ('" + type + "' is a gate: declare it under [gates])" : ""));
                yield null;
            }
        };
        s.rejectUnknownKeys();
        if (node != null && usable) {
            nodes.put(name, node);
        }
    }

    private NodeConfig.Hosted hostedDeclared() {
        return nodes.values().stream().filter(NodeConfig.Hosted.class::isInstance).map(NodeConfig.Hosted.class::cast)
                .findFirst().orElse(null);
    }

    private NodeConfig proxy(TomlSection s, String name) {
        URI url = s.parsed("url", ConfigReader::indexUrl);
        if (url == null && !s.has("url")) {
            s.tableError("missing key 'url' (the upstream's simple index, e.g. https://pypi.org/simple/)");
        }
        Duration pageTtl = s.duration("page-ttl");
        Duration timeout = positiveDuration(s, "timeout");
        Duration connectTimeout = positiveDuration(s, "connect-timeout");
        Duration staleWhileRevalidate = s.duration("stale-while-revalidate");
        Long circuitFailures = s.integer("circuit-failures");
        if (circuitFailures != null && circuitFailures < 1) {
            s.error("circuit-failures", circuitFailures + " is not at least 1");
        }
        Duration circuitOpen = positiveDuration(s, "circuit-open");
        Long maxConcurrent = s.integer("max-concurrent");
        if (maxConcurrent != null && maxConcurrent < 1) {
            s.error("max-concurrent", maxConcurrent + " is not at least 1");
        }
        InetSocketAddress outbound = s.parsed("outbound-proxy", ConfigReader::hostAndPort);
        Path netrcFile = s.has("netrc") ? path(s, "netrc") : netrc;
        Boolean offline = s.bool("offline");
        Long maxCacheSize = s.parsed("max-cache-size", ByteSizes::parse); // more than 0: ByteSizes says so
        if (url == null) {
            return null;
        }
        try {
            UpstreamSettings u = UpstreamSettings.fromUrl(name, url, netrcFile);
            u = pageTtl == null ? u : u.withPageTtl(pageTtl);
            u = timeout == null ? u : u.withTimeout(timeout);
            u = connectTimeout == null ? u : u.withConnectTimeout(connectTimeout);
            u = staleWhileRevalidate == null ? u : u.withStaleWhileRevalidate(staleWhileRevalidate);
            u = u.withCircuit(circuitFailures == null || circuitFailures < 1 ? u.circuitFailures() : circuitFailures.intValue(),
                    circuitOpen == null ? u.circuitOpenFor() : circuitOpen);
            u = maxConcurrent == null || maxConcurrent < 1 ? u : u.withMaxConcurrent(maxConcurrent.intValue());
            u = outbound == null ? u : u.withOutboundProxy(outbound);
            u = offline == null ? u : u.withOffline(offline);
            u = maxCacheSize == null ? u : u.withMaxCacheBytes(maxCacheSize);
            return new NodeConfig.Proxy(name, u);
        } catch (IOException e) {
            s.error("netrc", "cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** A duration that must be above zero (a wait of nothing is no timeout); read once, so a bad one is one error. */
    private static Duration positiveDuration(TomlSection s, String key) {
        Duration d = s.duration(key);
        if (d != null && d.isZero()) {
            s.error(key, "0 is not a usable time: give one such as 10s");
            return null;
        }
        return d;
    }

    private NodeConfig directory(TomlSection s, String name) {
        Path path = path(s, "path");
        if (path == null && !s.has("path")) {
            s.tableError("missing key 'path' (the folder of wheels and sdists)");
        } else if (path != null && !Files.isDirectory(path)) {
            s.error("path", "'" + path + "' is not a directory");
        }
        Duration rescan = s.duration("rescan");
        String unscanned = s.string("unscanned");
        if (unscanned != null && !unscanned.equals("hold") && !unscanned.equals("serve")) {
            s.error("unscanned", "'" + unscanned + "' is not what to do with a file until it is inspected: 'hold' (the"
                    + " default: 503 with Retry-After) or 'serve'");
        }
        return path == null ? null : new NodeConfig.Directory(name, path, rescan == null ? DEFAULT_RESCAN : rescan,
                !"serve".equals(unscanned));
    }

    /** @param usable whether the name was declared (else the table is only checked) */
    private void gate(TomlSection g, String name, boolean usable) {
        String type = g.requiredString("type");
        if (type == null) {
            return;
        }
        GateConfig.Type known = GateConfig.TYPES.stream().filter(t -> t.name().equals(type)).findFirst().orElse(null);
        if (known == null) {
            g.error("type", "'" + type + "' is not a gate type; expected one of " + String.join(", ", gateTypes())
                    + (SOURCE_TYPES.contains(type) ? " ('" + type + "' is a source: declare it under [sources])" : ""));
        }
        GateConfig node = known == null ? null : known.reader().read(g, name);
        g.rejectUnknownKeys();
        if (node != null && usable) {
            nodes.put(name, node);
        }
    }

    private static List<String> gateTypes() {
        return GateConfig.TYPES.stream().map(GateConfig.Type::name).toList();
    }

    private List<GraphConfig.Route> routes(TomlSection routes) {
        List<GraphConfig.Route> out = new ArrayList<>();
        Map<String, String> byPath = new LinkedHashMap<>();
        for (String name : routes.keys()) {
            TomlSection r = routes.table(name);
            if (r == null) {
                continue;
            }
            routeSections.put(name, r);
            String serve = r.requiredString("serve");
            String path = r.has("path") ? r.string("path") : "/indexes/" + name + "/simple/";
            Boolean anonymousRead = r.bool("anonymous-read");
            String quarantineText = r.string("quarantine");
            Verdict quarantine = quarantineText == null ? Verdict.MALICIOUS : Verdict.parse(quarantineText);
            if (quarantine == null || quarantine == Verdict.CLEAN) {
                r.error("quarantine", "'" + quarantineText + "' is not a verdict to quarantine from: 'malicious' (the default)"
                        + " or 'suspicious'");
                quarantine = Verdict.MALICIOUS;
            }
            r.rejectUnknownKeys();
            if (path == null) {
                continue;
            }
            if (!ROUTE_PATH.matcher(path).matches()) {
                r.error(r.has("path") ? "path" : "", "'" + path + "' is not a route path: /simple/ or /indexes/<name>/simple/"
                        + " (lower case letters, digits, '.', '_', '-')");
            } else if (byPath.containsKey(path)) {
                r.error("path", "'" + path + "' is served by the route '" + byPath.get(path) + "' already");
            } else if (serve != null) {
                byPath.put(path, name);
                out.add(new GraphConfig.Route(name, path, serve, anonymousRead == null || anonymousRead, quarantine));
            }
        }
        return out;
    }

    /** Every reference names a declared node, held-by names sources, and no node reads from itself. */
    private void checkReferences(List<GraphConfig.Route> routes) {
        for (NodeConfig node : nodes.values()) {
            TomlSection s = declared.get(node.name());
            String key = node.inputKey();
            for (String input : node.inputs()) {
                if (input != null && !declared.containsKey(input)) {
                    s.error(key, unknownNode(input));
                }
            }
            if (node instanceof ReserveConfig r && r.heldBy() != null) {
                for (String holder : r.heldBy()) {
                    if (!(nodes.get(holder) instanceof NodeConfig n && n.isSource())) {
                        s.error("held-by", nodes.containsKey(holder) ? "'" + holder + "' is a gate; held-by names sources"
                                : unknownNode(holder));
                    }
                }
            }
        }
        for (NodeConfig node : nodes.values()) {
            List<String> cycle = cycleFrom(node.name(), new ArrayList<>());
            if (cycle != null && cycle.get(0).equals(node.name())) {
                TomlSection s = declared.get(node.name());
                s.error(node.inputKey(), "a cycle: " + String.join(" -> ", cycle));
            }
        }
        for (GraphConfig.Route route : routes) {
            if (!declared.containsKey(route.serve())) {
                routeSections.get(route.name()).error("serve", unknownNode(route.serve()));
            }
        }
    }

    /** The nodes from {@code name} back to itself, or null when no cycle runs through it. */
    private List<String> cycleFrom(String name, List<String> trail) {
        if (trail.contains(name)) {
            List<String> cycle = new ArrayList<>(trail.subList(trail.indexOf(name), trail.size()));
            cycle.add(name);
            return cycle;
        }
        NodeConfig node = nodes.get(name);
        if (node == null) {
            return null;
        }
        trail.add(name);
        for (String input : node.inputs()) {
            List<String> cycle = cycleFrom(input, trail);
            if (cycle != null) {
                return cycle;
            }
        }
        trail.remove(trail.size() - 1);
        return null;
    }

    private String unknownNode(String name) {
        String near = TomlSection.closest(name, nodes.keySet());
        return "no source or gate is named '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)");
    }

    private Path path(TomlSection s, String key) {
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        String expanded = text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text;
        return folder.resolve(expanded).normalize();
    }

    /** Reads the URL of a simple index (http or https). @throws IllegalArgumentException saying so */
    public static URI indexUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not an http(s) URL of a simple index");
        }
        return uri;
    }

    /** Reads {@code HOST:PORT}. @throws IllegalArgumentException saying so */
    public static InetSocketAddress hostAndPort(String text) {
        int colon = text.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        return InetSocketAddress.createUnresolved(text.substring(0, colon), port);
    }
}
