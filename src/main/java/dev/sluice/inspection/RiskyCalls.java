package dev.sluice.inspection;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The standard-library and popular-library calls the code rules care about, by the dotted name a
 * {@link PythonModule} resolves a call to: those that reach the network, those that start a process, and the builtins
 * that run code given as data.
 */
final class RiskyCalls {
    private static final Set<String> HTTP_VERBS = Set.of("get", "post", "put", "patch", "delete", "head", "request", "stream");
    private static final Map<String, Set<String>> NETWORK = Map.ofEntries(
            Map.entry("urllib.request", Set.of("urlopen", "urlretrieve", "build_opener")),
            Map.entry("six.moves.urllib.request", Set.of("urlopen", "urlretrieve")),
            Map.entry("urllib", Set.of("urlopen", "urlretrieve")),
            Map.entry("urllib2", Set.of("urlopen", "build_opener")),
            Map.entry("http.client", Set.of("HTTPConnection", "HTTPSConnection")),
            Map.entry("httplib", Set.of("HTTPConnection", "HTTPSConnection")),
            Map.entry("socket", Set.of("socket", "create_connection", "gethostbyname", "getaddrinfo")),
            Map.entry("urllib3", Set.of("PoolManager", "request", "HTTPConnectionPool", "HTTPSConnectionPool")),
            Map.entry("aiohttp", Set.of("ClientSession", "request")),
            Map.entry("smtplib", Set.of("SMTP", "SMTP_SSL")),
            Map.entry("ftplib", Set.of("FTP", "FTP_TLS")),
            Map.entry("websocket", Set.of("create_connection", "WebSocketApp")),
            Map.entry("websockets", Set.of("connect")),
            Map.entry("pycurl", Set.of("Curl")));
    /** Libraries whose HTTP verbs ({@code requests.post}) and clients ({@code httpx.Client}) reach the network. */
    private static final Set<String> HTTP_LIBRARIES = Set.of("requests", "httpx");
    private static final Set<String> HTTP_CLIENTS = Set.of("Session", "Client", "AsyncClient");
    private static final Map<String, Set<String>> PROCESS = Map.of(
            "subprocess", Set.of("Popen", "call", "run", "check_call", "check_output", "getoutput", "getstatusoutput"),
            "os", Set.of("system", "popen", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
                    "spawnl", "spawnle", "spawnv", "spawnve", "spawnlp", "spawnvp", "posix_spawn", "posix_spawnp", "startfile"),
            "pty", Set.of("spawn"),
            "commands", Set.of("getoutput", "getstatusoutput"),
            "asyncio", Set.of("create_subprocess_shell", "create_subprocess_exec"));
    private static final Set<String> CODE_RUNNERS = Set.of("exec", "eval", "compile", "execfile", "builtins.exec",
            "builtins.eval", "runpy.run_path", "runpy.run_module");

    private RiskyCalls() { }

    static boolean network(String call) {
        int dot = call.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String module = call.substring(0, dot);
        String function = call.substring(dot + 1);
        if (HTTP_LIBRARIES.contains(module)) {
            return HTTP_VERBS.contains(function) || HTTP_CLIENTS.contains(function);
        }
        return NETWORK.getOrDefault(module, Set.of()).contains(function);
    }

    static boolean process(String call) {
        int dot = call.lastIndexOf('.');
        return dot > 0 && PROCESS.getOrDefault(call.substring(0, dot), Set.of()).contains(call.substring(dot + 1));
    }

    /** {@code exec}, {@code eval}, {@code compile} and their kin, the builtins rather than a method ({@code re.compile}). */
    static boolean runsCode(String call) {
        return CODE_RUNNERS.contains(call);
    }

    /**
     * Words a module must hold to reach the network: the modules above by name, their functions that are imported by
     * name, and the download tools a shell line calls. Text holding none of them cannot reach the network through
     * them, so it is never parsed (most modules: a plain search costs far less than tokens).
     */
    private static final WordSet NETWORK_WORDS = new WordSet(List.of("urlopen", "urlretrieve", "build_opener", "requests",
            "httpx", "socket", "http.client", "httplib", "HTTPConnection", "HTTPSConnection", "urllib3", "PoolManager",
            "aiohttp", "ClientSession", "smtplib", "SMTP", "ftplib", "FTP", "websocket", "pycurl", "curl", "wget",
            "Invoke-WebRequest", "iwr ", "DownloadString", "Invoke-RestMethod"));
    /** Words a module must hold to run code or start a process: the builtins and the modules' functions by name. */
    private static final WordSet RUNNING_WORDS = new WordSet(List.of("exec", "eval", "compile", "run_path", "run_module",
            "subprocess", "system", "popen", "Popen", "spawn", "startfile", "getoutput", "getstatusoutput"));
    /** The first part of every network call's name: only names starting so can be one. */
    static final Set<String> NETWORK_HEADS = Set.of("urllib", "six", "urllib2", "http", "httplib", "socket", "urllib3",
            "aiohttp", "smtplib", "ftplib", "websocket", "websockets", "pycurl", "requests", "httpx");

    /** A cheap first look: text naming none of the network words cannot call the network. */
    static boolean mayUseNetwork(String text) {
        return NETWORK_WORDS.foundIn(text);
    }

    /** A cheap first look: text naming none of the running words can run no code and start no process. */
    static boolean mayRunCode(String text) {
        return RUNNING_WORDS.foundIn(text);
    }
}
