package dev.sluice.inspection;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code shady-endpoint}: code naming a place stolen data is sent to or a second stage is fetched from: URL shorteners,
 * chat webhooks and bots, paste and file-drop sites, tunnels, and URLs to a raw public IP address. Suspicious alone:
 * documentation and tests name such places too.
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
        for (int number : candidates) {
            String line = file.line(number);
            var ip = RAW_IP.matcher(line);
            if (PLACES.matcher(line).find() || ip.find() && isPublic(Integer.parseInt(ip.group(2)), Integer.parseInt(ip.group(3)))) {
                report(file, number, findings);
            }
        }
    }

    private static void report(InspectedFile file, int number, Consumer<Finding> findings) {
        String line = file.line(number);
        if (!line.strip().startsWith("#")) { // a comment sends nothing anywhere
            findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file.name, number, line));
        }
    }

    /** Loopback, private and link-local addresses are where tests and local services live. */
    private static boolean isPublic(int first, int second) {
        return !(first == 127 || first == 10 || first == 0 || first == 192 && second == 168 || first == 172 && second >= 16
                && second <= 31 || first == 169 && second == 254);
    }
}
