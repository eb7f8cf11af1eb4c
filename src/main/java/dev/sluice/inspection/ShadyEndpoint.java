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
    private static final Pattern RAW_IP = Pattern.compile("(?i)\\b(https?|ftp)://(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\b");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(String file, byte[] bytes, boolean sdist, Consumer<Finding> findings) {
        if (!file.endsWith(".py") && !file.endsWith(".pth") || !TextLines.isText(bytes)) {
            return;
        }
        TextLines.forEach(bytes, (number, line) -> {
            if (line.strip().startsWith("#")) {
                return; // a comment sends nothing anywhere
            }
            var ip = RAW_IP.matcher(line);
            if (PLACES.matcher(line).find() || ip.find() && isPublic(Integer.parseInt(ip.group(2)), Integer.parseInt(ip.group(3)))) {
                findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file, number, line));
            }
        });
    }

    /** Loopback, private and link-local addresses are where tests and local services live. */
    private static boolean isPublic(int first, int second) {
        return !(first == 127 || first == 10 || first == 0 || first == 192 && second == 168 || first == 172 && second >= 16
                && second <= 31 || first == 169 && second == 254);
    }
}
