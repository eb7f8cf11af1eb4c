package dev.sluice.inspection;

import dev.sluice.inspection.PythonModule.Call;
import dev.sluice.inspection.PythonModule.Scope;
import dev.sluice.inspection.PythonModule.Statement;
import dev.sluice.inspection.PythonTokens.Kind;
import dev.sluice.inspection.PythonTokens.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code exfiltration}: one function (or the module's top level) that names where secrets live (SSH and cloud keys,
 * package-index and git credentials, browser password and cookie stores, wallets) and also reaches the network is
 * stealing them: malicious. Taking the whole environment ({@code dict(os.environ)}, {@code os.environ.copy()}) where the
 * network is reached is suspicious: it is how tokens leave CI machines, and some tools forward it for good reasons.
 */
final class Exfiltration implements ContentRule {
    static final String ID = "exfiltration";
    /** Parts of a path that lead to credentials, as written in string literals (lower case). */
    private static final List<String> SECRET_PLACES = List.of("id_rsa", "id_ed25519", "id_ecdsa", "id_dsa", ".aws/credentials",
            ".git-credentials", ".pypirc", ".netrc", ".gnupg", ".bash_history", ".zsh_history", ".kube/config",
            ".docker/config.json", "login data", "local state", "cookies.sqlite", "logins.json", "key4.db",
            "local storage/leveldb", "wallet.dat", "/etc/shadow", ".config/gcloud", ".azure/");
    /** Directories of keys, written as a path's part on their own ({@code os.path.join(home, '.ssh')}). */
    private static final Set<String> SECRET_DIRECTORIES = Set.of(".ssh", ".aws", ".gnupg", ".kube", ".docker");
    /** A word of every secret place and of the environment, in the spellings code uses: a file with none is done. */
    private static final WordSet SECRET_WORDS = new WordSet(List.of(".ssh", ".SSH", ".aws", ".AWS", "id_rsa", "id_ed25519",
            "id_ecdsa", "id_dsa", "credentials", ".pypirc", ".netrc", ".gnupg", "_history", ".kube", ".docker", "Login Data",
            "login data", "Local State", "local state", "cookies.sqlite", "logins.json", "key4.db", "leveldb", "wallet.dat",
            "shadow", "gcloud", ".azure", "environ"));
    /** What may follow {@code os.environ} when one variable is read or set, rather than the whole environment taken. */
    private static final Set<String> ONE_VARIABLE = Set.of("[", ".get", ".setdefault", ".pop", ".update", ".__getitem__",
            ".__setitem__", ".__contains__", ".clear", ".keys", ".putenv");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        if (!file.isPythonText() || !file.mayUseNetwork() || !SECRET_WORDS.foundIn(file.text())) {
            return;
        }
        PythonModule module = file.python();
        Map<Scope, Evidence> byScope = new LinkedHashMap<>();
        for (Statement statement : module.statements()) {
            Evidence evidence = byScope.computeIfAbsent(statement.scope(), s -> new Evidence());
            List<Token> t = statement.tokens();
            for (int i = 0; i < t.size(); i++) {
                Token token = t.get(i);
                if (token.kind() == Kind.STRING && evidence.secret == null && isSecretPlace(token.value())) {
                    evidence.secret = token.value().strip();
                } else if (token.kind() == Kind.NAME && evidence.environment == null && takesWholeEnvironment(module, t, i)) {
                    evidence.environment = statement.line();
                }
            }
            for (Call call : module.calls(statement)) {
                if (RiskyCalls.network(call.name()) && evidence.network == null) {
                    evidence.network = call;
                }
            }
        }
        for (Evidence evidence : byScope.values()) {
            if (evidence.network == null || evidence.secret == null && evidence.environment == null) {
                continue;
            }
            String sent = file.line(evidence.network.line()).strip();
            findings.accept(evidence.secret != null
                    ? new Finding(ID, Finding.Severity.MALICIOUS, file.name, evidence.network.line(),
                            "reads '" + evidence.secret + "' and calls " + evidence.network.name() + ": " + sent)
                    : new Finding(ID, Finding.Severity.SUSPICIOUS, file.name, evidence.network.line(),
                            "takes the whole environment (line " + evidence.environment + ") and calls "
                                    + evidence.network.name() + ": " + sent));
        }
    }

    /** What one scope does: the first secret place it names, where it takes the environment, and its first network call. */
    private static final class Evidence {
        String secret;
        Integer environment;
        Call network;
    }

    static boolean isSecretPlace(String literal) {
        if (literal.length() > 200 || literal.length() < 4) {
            return false; // documentation, or too short to name a place
        }
        String path = literal.toLowerCase(Locale.ROOT).replace('\\', '/');
        for (String place : SECRET_PLACES) {
            if (path.contains(place)) {
                return true;
            }
        }
        String trimmed = path.startsWith("~/") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
        for (String directory : SECRET_DIRECTORIES) {
            if (trimmed.equals(directory) || trimmed.startsWith(directory + "/") || path.contains("/" + directory + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code os.environ} starts at token {@code i} and is taken whole (passed, copied, listed) rather than read by key. */
    private static boolean takesWholeEnvironment(PythonModule module, List<Token> t, int i) {
        if (i > 0 && t.get(i - 1).is(".")) {
            return false;
        }
        String head = module.resolve(t.get(i).text());
        if (!head.equals("os") && !head.startsWith("os.environ")) {
            return false; // neither os nor its environ by another name
        }
        String written = PythonModule.dotted(t, i);
        if (!module.resolve(written).startsWith("os.environ")) {
            return false;
        }
        String whole = module.resolve(written);
        if (!whole.equals("os.environ")) {
            String rest = whole.substring("os.environ".length());
            return rest.equals(".copy") || rest.equals(".items") || rest.equals(".values");
        }
        int after = i + 1 + 2 * (int) written.chars().filter(c -> c == '.').count();
        if (after < t.size() && ONE_VARIABLE.contains(t.get(after).text())) {
            return false;
        }
        boolean keywordValue = i > 0 && t.get(i - 1).is("="); // env=os.environ hands it to a child process
        boolean membership = i > 0 && t.get(i - 1).is("in");
        return !keywordValue && !membership && after < t.size();
    }
}
