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
    /**
     * A word of each place {@link #PLACES} names, and {@code ://} before a digit (a raw address): a file holding none
     * is done after one pass over its text. Host names are looked for in lower case, as code nearly always writes them.
     */
    private static final WordSet HINTS = new WordSet(java.util.stream.Stream.concat(java.util.stream.Stream.of("bit.ly",
            "tinyurl", "is.gd", "cutt.ly", "rebrand.ly", "shorturl", "webhook", "hooks.slack", "telegram.org", "pastebin",
            "paste.ee", "hastebin", "transfer.sh", "file.io", "ngrok", "trycloudflare", "serveo", "loca.lt", "localtunnel"),
            java.util.stream.IntStream.rangeClosed(0, 9).mapToObj(d -> "://" + d)).toList());
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
        if (!HINTS.foundIn(file.text())) {
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
