package dev.sluice.pep;

/**
 * Non-negative integers of any length, kept as their decimal digits. PEP 440 puts no bound on a version
 * number (people do publish {@code 20240101123456}-style and longer components), so Sluice neither
 * overflows nor rounds them: a number is its digits without leading zeros, and compares by length first.
 */
final class Digits {
    private Digits() {}

    /** The canonical digits of an ASCII digit string: leading zeros removed, "0" for zero. */
    static String canonical(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return i == 0 ? digits : digits.substring(i);
    }

    /** Compares two canonical digit strings numerically. */
    static int compare(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    static boolean isZero(String canonical) {
        return canonical.length() == 1 && canonical.charAt(0) == '0';
    }
}
