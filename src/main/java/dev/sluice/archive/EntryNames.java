package dev.sluice.archive;

import java.util.regex.Pattern;

/** The rule every archive entry name must pass: relative, inside the archive, no NUL. */
final class EntryNames {
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    private EntryNames() {}

    static void check(String name) {
        if (name.isEmpty()) {
            throw new InvalidDistributionException("an archive entry has an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidDistributionException("an archive entry name contains a NUL character");
        }
        if (name.startsWith("/") || name.startsWith("\\") || WINDOWS_DRIVE.matcher(name).matches()) {
            throw new InvalidDistributionException("archive entry '" + name + "' has an absolute path");
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new InvalidDistributionException("archive entry '" + name + "' escapes the archive with '..'");
            }
        }
    }
}
