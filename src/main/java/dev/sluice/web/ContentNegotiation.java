package dev.sluice.web;

import java.util.Locale;

/**
 * Chooses the simple API's form from the Accept header, as PEP 691 asks: by q-value, ties going to the type
 * the client listed first; the most specific matching range sets a type's q (an exact type over
 * {@code type/*} over {@code *}{@code /*}); parameters other than {@code q} (such as {@code charset}) are
 * ignored. {@code ?format=} overrides Accept. When nothing offered is acceptable, the answer is text/html,
 * as PyPI's is.
 */
final class ContentNegotiation {
    private ContentNegotiation() {}

    static SimpleFormat choose(String accept, String formatParameter) {
        if (formatParameter != null) {
            SimpleFormat forced = byMediaType(mediaType(formatParameter));
            if (forced != null) {
                return forced;
            }
        }
        if (accept == null || accept.isBlank()) {
            return SimpleFormat.TEXT_HTML;
        }
        String[] ranges = accept.split(",");
        SimpleFormat best = null;
        double bestQ = 0;
        int bestPosition = Integer.MAX_VALUE;
        for (SimpleFormat format : SimpleFormat.values()) {
            double q = -1;
            int specificity = -1;
            int position = Integer.MAX_VALUE;
            for (int i = 0; i < ranges.length; i++) {
                String range = mediaType(ranges[i]);
                int s = specificity(range, format);
                if (s > specificity) {
                    specificity = s;
                    q = quality(ranges[i]);
                    position = i;
                }
            }
            if (specificity >= 0 && q > 0 && (q > bestQ || (q == bestQ && position < bestPosition))) {
                best = format;
                bestQ = q;
                bestPosition = position;
            }
        }
        return best == null ? SimpleFormat.TEXT_HTML : best;
    }

    /** How specifically a media range names a format: 3 exact, 2 an alias, 1 type/*, 0 the full wildcard, -1 not. */
    private static int specificity(String range, SimpleFormat format) {
        if (range.equals(format.mediaType)) {
            return 3;
        }
        if (format == SimpleFormat.JSON && range.equals("application/vnd.pypi.simple.latest+json")
                || format == SimpleFormat.HTML && range.equals("application/vnd.pypi.simple.latest+html")) {
            return 2;
        }
        if (range.equals("*/*")) {
            // A bare wildcard means "whatever you prefer": the HTML pages every client reads.
            return format == SimpleFormat.TEXT_HTML ? 0 : -1;
        }
        if (range.endsWith("/*")) {
            String type = range.substring(0, range.length() - 1);
            if (format == SimpleFormat.HTML) {
                return -1; // text/* and application/* are covered by text/html and JSON
            }
            return format.mediaType.startsWith(type) ? 1 : -1;
        }
        return -1;
    }

    private static SimpleFormat byMediaType(String type) {
        for (SimpleFormat format : SimpleFormat.values()) {
            if (specificity(type, format) >= 2) {
                return format;
            }
        }
        return null;
    }

    private static String mediaType(String range) {
        int semicolon = range.indexOf(';');
        return (semicolon < 0 ? range : range.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The q parameter (0 to 1), 1 when absent; a malformed q makes the range unacceptable. */
    private static double quality(String range) {
        String[] parts = range.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
