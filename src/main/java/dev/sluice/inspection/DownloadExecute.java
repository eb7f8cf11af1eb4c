package dev.sluice.inspection;

import dev.sluice.inspection.PythonModule.Call;
import dev.sluice.inspection.PythonModule.Scope;
import dev.sluice.inspection.PythonModule.Statement;
import dev.sluice.inspection.PythonTokens.Kind;
import dev.sluice.inspection.PythonTokens.Token;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code download-exec}: what comes from the network is run, the second stage of most attacks. Within a function (or
 * the module's top level, whose names functions see too), data follows assignments from a network call
 * ({@code r = urlopen(u)}, {@code code = r.read()}, {@code with urlopen(u) as r}) into {@code exec}/{@code eval}, into a
 * process's arguments, or into a file ({@code f.write(code)}, {@code urlretrieve(u, path)}) that a process or
 * {@code exec} then runs. Malicious: fetching and running are each common, their meeting in one function is not.
 */
final class DownloadExecute implements ContentRule {
    static final String ID = "download-exec";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        if (!file.isPythonText() || !file.mayUseNetwork() || !RiskyCalls.mayRunCode(file.text())) {
            return;
        }
        PythonModule module = file.python();
        Map<Scope, Flow> flows = new HashMap<>();
        Flow top = new Flow(null);
        for (Statement statement : module.statements()) {
            Flow flow = statement.scope().kind() == PythonModule.ScopeKind.MODULE ? top
                    : flows.computeIfAbsent(statement.scope(), s -> new Flow(top));
            List<Call> calls = module.calls(statement);
            for (Call call : calls) {
                boolean runsData = RiskyCalls.runsCode(call.name()) || RiskyCalls.process(call.name());
                if (runsData && (flow.carries(call.arguments(), module) || flow.namesDownloadedFile(call.arguments()))
                        || RiskyCalls.process(call.name()) && pipesDownloadToShell(call.arguments())) {
                    findings.accept(new Finding(ID, Finding.Severity.MALICIOUS, file.name, call.line(),
                            file.line(call.line()).strip()));
                    return; // one is proof enough; the rest of the file would repeat it
                }
            }
            flow.follow(statement, calls, module);
        }
    }

    /** A shell line fetching and running in one go: {@code curl -s URL | sh}, PowerShell's {@code iwr URL | iex}. */
    private static final java.util.regex.Pattern FETCH_AND_RUN = java.util.regex.Pattern.compile(
            "(?i)\\b(curl|wget)\\b[^|;]*\\|\\s*(sudo\\s+)?(ba|z|da)?sh\\b|\\b(curl|wget)\\b[^|;]*\\|\\s*python"
            + "|(iwr|invoke-webrequest|downloadstring|invoke-restmethod)[^|]*\\|\\s*iex");

    private static boolean pipesDownloadToShell(List<Token> arguments) {
        return arguments.stream().anyMatch(a -> a.kind() == Kind.STRING && FETCH_AND_RUN.matcher(a.value()).find());
    }

    /** What came from the network in one scope: the names holding it and the files it was written to. */
    private static final class Flow {
        private final Flow outer;
        private final Set<String> names = new HashSet<>();
        private final Set<String> files = new HashSet<>();
        /** File objects opened here ({@code with open(path, 'wb') as f}): f to how its path was written. */
        private final Map<String, String> opened = new HashMap<>();

        Flow(Flow outer) {
            this.outer = outer;
        }

        void follow(Statement statement, List<Call> calls, PythonModule module) {
            List<Token> t = statement.tokens();
            for (Call call : calls) {
                if (call.name().equals("open") && !call.arguments().isEmpty()) {
                    String target = boundName(t, call);
                    if (target != null) {
                        opened.put(target, call.arguments().get(0).text()); // the path as written: a name or a string
                    }
                } else if (call.name().endsWith(".write") && carries(call.arguments(), module)) {
                    String handle = call.name().substring(0, call.name().length() - ".write".length());
                    if (opened.containsKey(handle)) {
                        files.add(opened.get(handle));
                    }
                } else if (call.name().endsWith("urlretrieve") && call.arguments().stream().anyMatch(a -> a.is(","))) {
                    files.add(secondArgument(call.arguments()));
                }
            }
            int assign = assignment(t);
            if (assign > 0 && carries(t.subList(assign + 1, t.size()), module)) {
                for (int i = 0; i < assign; i++) {
                    if (t.get(i).kind() == Kind.NAME && (i == 0 || !t.get(i - 1).is("."))) {
                        names.add(t.get(i).text());
                    }
                }
            }
            if ((t.get(0).is("with") || t.get(0).is("async") || t.get(0).is("for")) && carries(t, module)) {
                for (int i = 0; i + 1 < t.size(); i++) {
                    if ((t.get(i).is("as") || t.get(0).is("for") && i == 0) && t.get(i + 1).kind() == Kind.NAME) {
                        names.add(t.get(i + 1).text());
                    }
                }
            }
        }

        /** Whether these tokens hold data from the network: a network call, or a name that holds such data. */
        boolean carries(List<Token> tokens, PythonModule module) {
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.kind() != Kind.NAME || i > 0 && tokens.get(i - 1).is(".")) {
                    continue;
                }
                if (holds(token.text())) {
                    return true;
                }
                String head = module.resolve(token.text());
                int dot = head.indexOf('.');
                if (!RiskyCalls.NETWORK_HEADS.contains(dot < 0 ? head : head.substring(0, dot))) {
                    continue; // no network call starts with this name
                }
                String written = PythonModule.dotted(tokens, i);
                int after = i + 1 + 2 * (int) written.chars().filter(c -> c == '.').count();
                if (RiskyCalls.network(module.resolve(written)) && after < tokens.size() && tokens.get(after).is("(")) {
                    return true;
                }
            }
            return false;
        }

        private boolean holds(String name) {
            return names.contains(name) || outer != null && outer.holds(name);
        }

        boolean namesDownloadedFile(List<Token> arguments) {
            for (Token token : arguments) {
                if (token.kind() == Kind.NAME || token.kind() == Kind.STRING) {
                    if (downloaded(token.text())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean downloaded(String written) {
            return files.contains(written) || outer != null && outer.downloaded(written);
        }
    }

    /** The index of a plain assignment's {@code =} outside brackets, or -1. */
    private static int assignment(List<Token> t) {
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            String s = t.get(i).text();
            if (t.get(i).kind() != Kind.OP) {
                continue;
            }
            if ("([{".contains(s)) {
                depth++;
            } else if (")]}".contains(s)) {
                depth--;
            } else if (depth == 0 && ("=".equals(s) || ":=".equals(s))) {
                return i;
            }
        }
        return -1;
    }

    /** The name an {@code open(...)} call's result is bound to: {@code f = open(...)} or {@code with open(...) as f}. */
    private static String boundName(List<Token> t, Call call) {
        int start = call.nameStart();
        if (start >= 2 && t.get(start - 1).is("=") && t.get(start - 2).kind() == Kind.NAME) {
            return t.get(start - 2).text();
        }
        int end = PythonModule.closing(t, start + 1);
        return end + 2 < t.size() && t.get(end + 1).is("as") ? t.get(end + 2).text() : null;
    }

    /** How the second argument was written (its first token: a name or a string), or empty. */
    private static String secondArgument(List<Token> arguments) {
        int depth = 0;
        for (int i = 0; i < arguments.size(); i++) {
            String s = arguments.get(i).text();
            if ("([{".contains(s) && arguments.get(i).kind() == Kind.OP) {
                depth++;
            } else if (")]}".contains(s) && arguments.get(i).kind() == Kind.OP) {
                depth--;
            } else if (depth == 0 && ",".equals(s) && i + 1 < arguments.size()) {
                return arguments.get(i + 1).text();
            }
        }
        return "";
    }
}
