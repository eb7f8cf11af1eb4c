package dev.sluice.archive;

import java.util.Set;
import java.util.regex.Pattern;

/** The rules every archive entry name must pass: relative, inside the archive, no NUL, and named once. */
public final class EntryNames {
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    private EntryNames() {}

    public static void check(String name) {
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

    /**
     * Refuses a second entry of one name: extractors keep the last, readers may take the first, so the bytes checked
     * would not be the bytes installed. A directory listed twice is harmless and allowed.
     */
    static void checkUnique(Set<String> seen, String name, boolean directory) {
        String key = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (!seen.add(key) && !(directory && seen.contains(key + "/"))) {
            throw new InvalidDistributionException("the archive holds two entries named '" + name + "'");
        }
        if (directory) {
            seen.add(key + "/");
        }
    }
}
