package dev.sluice.inspection;

import java.util.Locale;

/**
 * A project name that looks like another one people mean to install: the protected name it resembles, and how.
 *
 * @param kind how the names differ
 * @param resembles the protected name (PEP 503 normal form): a popular project, or one hosted here
 */
public record Resemblance(Kind kind, String resembles) {
    /** The ways typosquats take a name. */
    public enum Kind {
        /** One letter added, dropped or replaced ({@code requets}). */
        ONE_EDIT,
        /** Two neighbouring letters swapped ({@code reqeusts}). */
        SWAPPED_LETTERS,
        /** The same words in another order ({@code oauthlib-requests}). */
        SWAPPED_WORDS,
        /** Characters that look alike ({@code djang0}, {@code reqeusts} with {@code l}/{@code 1}, {@code rn}/{@code m}). */
        LOOK_ALIKE,
        /** {@code py}/{@code python} added before or after ({@code python-requests}). */
        PYTHON_AFFIX;

        /**
         * Whether this resemblance says much on its own. One edit does not: among real projects ranked 5,001 to 15,000,
         * 2.5% are one letter from one of the 5,000 above them (TyposquatsTest); the other kinds together, 0.5%.
         */
        public boolean strong() {
            return this != ONE_EDIT;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** As a finding says it: {@code looks like 'requests' (swapped-letters)}. */
    public String describe() {
        return "looks like '" + resembles + "' (" + kind.label() + ")";
    }
}
