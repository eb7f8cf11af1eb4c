package dev.sluice.vulnerabilities;

import java.util.Locale;

/**
 * What a vulnerability policy does with an affected file, strongest first: {@code refuse} (the file stays on the page
 * and answers 403: an install of it fails loudly), {@code hide} (the file leaves the page, so installers take the
 * newest unaffected version; fetched by URL it answers 403), {@code annotate} (nothing held back; the JSON page says
 * why). A file several advisories affect gets the strongest action any of them asks for.
 */
public enum PolicyAction {
    REFUSE, HIDE, ANNOTATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named so, or null. */
    public static PolicyAction named(String label) {
        for (PolicyAction a : values()) {
            if (a.label().equals(label)) {
                return a;
            }
        }
        return null;
    }

    PolicyAction strongest(PolicyAction other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }
}
