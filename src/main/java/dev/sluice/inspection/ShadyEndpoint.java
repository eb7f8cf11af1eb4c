package dev.sluice.inspection;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code shady-endpoint}: code naming a place stolen data is sent to or a second stage is fetched from: URL shorteners,
 * chat webhooks and bots, paste and file-drop sites, tunnels, and URLs to a raw public IP address, in a string the
 * code uses (docstrings, comments and messages of several words only talk about places). Suspicious alone: tests and
 * tools name such places too.
 */
final class ShadyEndpoint implements ContentRule {
    static final String ID = "shady-endpoint";
    private static final Pattern PLACES = Pattern.compile("(?i)\\b("
            + "(bit\\.ly|tinyurl\\.com|is\\.gd|cutt\\.ly|rebrand\\.ly|shorturl\\.at)/"
            + "|(discord(app)?\\.com/api/webhooks|hooks\\.slack\\.com/services|api\\.telegram\\.org/bot|webhook\\.site)"
            + "|(pastebin\\.com/raw|paste\\.ee/r|hastebin\\.com|transfer\\.sh|file\\.io)"
            + "|([\\w-]+\\.)*(ngrok\\.io|ngrok-free\\.app|trycloudflare\\.com|serveo\\.net|loca\\.lt|localtunnel\\.me)"
            + ")");
    /** A word of each place {@link #PLACES} names, found by a plain search before any pattern runs. */
    private static final java.util.List<String> HOST_HINTS = java.util.List.of("bit.ly", "tinyurl", "is.gd", "cutt.ly",
            "rebrand.ly", "shorturl", "webhook", "hooks.slack", "telegram.org", "pastebin", "paste.ee", "hastebin",
            "transfer.sh", "file.io", "ngrok", "trycloudflare", "serveo", "loca.lt", "localtunnel");
    private static final Pattern RAW_IP = Pattern.compile("(?i)\\b(https?|ftp)://(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\b");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        if (!file.isPythonText()) {
            return;
        }
        // Lines worth matching are found by plain searches over the whole text (a place's name, or "://" before a
        // digit); only they meet the patterns. Host names are looked for in lower case, as code nearly always writes them.
        String text = file.text();
        java.util.Set<Integer> candidates = new java.util.TreeSet<>();
        for (String hint : HOST_HINTS) {
            for (int i = text.indexOf(hint); i >= 0; i = text.indexOf(hint, i + hint.length())) {
                candidates.add(file.lineOf(i));
            }
        }
        for (int i = text.indexOf("://"); i >= 0; i = text.indexOf("://", i + 3)) {
            if (i + 3 < text.length() && Character.isDigit(text.charAt(i + 3))) {
                candidates.add(file.lineOf(i));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        // Only string literals the code uses count: not comments, not docstrings (a statement that is only a string),
        // not prose that mentions a place in a message ("see http://bit.ly/... for details").
        for (PythonModule.Statement statement : file.python().statements()) {
            if (statement.tokens().stream().allMatch(t -> t.kind() == PythonTokens.Kind.STRING)) {
                continue;
            }
            for (PythonTokens.Token token : statement.tokens()) {
                if (token.kind() != PythonTokens.Kind.STRING || isProse(token.value())) {
                    continue;
                }
                var place = PLACES.matcher(token.value());
                var ip = RAW_IP.matcher(token.value());
                int at = place.find() ? place.start()
                        : ip.find() && isPublic(Integer.parseInt(ip.group(2)), Integer.parseInt(ip.group(3))) ? ip.start() : -1;
                if (at >= 0) {
                    int number = token.line() + (int) token.value().substring(0, at).chars().filter(c -> c == '\n').count();
                    findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file.name, number, file.line(number)));
                }
            }
        }
    }

    /** Text of several words is a message or documentation naming a place, not an address the code connects to. */
    private static boolean isProse(String literal) {
        return literal.strip().split("\\s+").length >= 3;
    }

    /** Loopback, private and link-local addresses are where tests and local services live. */
    private static boolean isPublic(int first, int second) {
        return !(first == 127 || first == 10 || first == 0 || first == 192 && second == 168 || first == 172 && second >= 16
                && second <= 31 || first == 169 && second == 254);
    }
}
