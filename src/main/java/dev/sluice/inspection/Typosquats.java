package dev.sluice.inspection;

import dev.sluice.pep.ProjectName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names that imitate a protected name (a popular project, or one hosted here): one letter added, dropped or replaced,
 * two neighbouring letters swapped (for names of five characters or more), the same words in another order, look-alike
 * characters ({@code l}/{@code 1}/{@code i}, {@code o}/{@code 0}, {@code rn}/{@code m}, {@code s}/{@code 5}, separators
 * dropped), or {@code py}/{@code python} put before or after. A name that is popular itself, or hosted here, imitates
 * nothing: {@code requests-oauthlib} and {@code types-requests} are projects of their own.
 */
public final class Typosquats {
    /** Edit-distance rules apply to names this long or longer: shorter ones are one letter apart by the hundred. */
    static final int MIN_EDIT_LENGTH = 5;
    private static final List<String> PREFIXES = List.of("python-", "py-", "python", "py");
    private static final List<String> SUFFIXES = List.of("-python", "-py", "python", "py");

    private final Set<String> popular;
    private final Map<Integer, List<String>> byLength = new HashMap<>();
    private final Map<String, String> byLook = new HashMap<>();
    private final Map<String, String> byWords = new HashMap<>();

    /** @param popular protected names, most important first (the first of two with one look-alike form is named) */
    Typosquats(List<String> popular) {
        this.popular = new HashSet<>(popular);
        for (String name : popular) {
            byLength.computeIfAbsent(name.length(), n -> new ArrayList<>()).add(name);
            byLook.putIfAbsent(lookAlike(name), name);
            if (name.indexOf('-') > 0) {
                byWords.putIfAbsent(words(name), name);
            }
        }
    }

    /** Against the 15,000 most-downloaded PyPI projects. */
    public static Typosquats ofPopularProjects() {
        return new Typosquats(PopularNames.load());
    }

    /** How a project name imitates a popular name or one of {@code hosted} (normal forms); empty when it does not. */
    public List<Resemblance> of(ProjectName candidate, Collection<String> hosted) {
        String name = candidate.value();
        if (popular.contains(name) || hosted.contains(name)) {
            return List.of();
        }
        Map<String, Resemblance> found = new LinkedHashMap<>();
        // The candidate's own forms made once: it is compared with every hosted name (a catalog may host hundreds of
        // thousands), then looked up among the popular ones.
        Candidate forms = new Candidate(name);
        for (String h : hosted) {
            Resemblance r = forms.compare(h);
            if (r != null) {
                found.putIfAbsent(h, r);
            }
        }
        String look = byLook.get(forms.look);
        if (look != null) {
            found.putIfAbsent(look, new Resemblance(Resemblance.Kind.LOOK_ALIKE, look));
        }
        String reordered = forms.words != null ? byWords.get(forms.words) : null;
        if (reordered != null) {
            found.putIfAbsent(reordered, new Resemblance(Resemblance.Kind.SWAPPED_WORDS, reordered));
        }
        for (String stripped : forms.withoutAffix) {
            if (popular.contains(stripped)) {
                found.putIfAbsent(stripped, new Resemblance(Resemblance.Kind.PYTHON_AFFIX, stripped));
            }
        }
        for (int length = name.length() - 1; length <= name.length() + 1; length++) {
            for (String p : byLength.getOrDefault(length, List.of())) {
                Resemblance.Kind kind = editKind(name, p);
                if (kind != null) {
                    found.putIfAbsent(p, new Resemblance(kind, p));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** A name to compare with many others: its look-alike form, its words and its forms without an affix, made once. */
    private static final class Candidate {
        private final String name;
        private final String look;
        private final String words;
        private final List<String> withoutAffix;

        Candidate(String name) {
            this.name = name;
            this.look = lookAlike(name);
            this.words = name.indexOf('-') > 0 ? words(name) : null;
            this.withoutAffix = withoutPythonAffix(name);
        }

        /** How the name imitates {@code target}, or null. */
        Resemblance compare(String target) {
            if (name.equals(target)) {
                return null;
            }
            if (lookAlike(target).equals(look)) {
                return new Resemblance(Resemblance.Kind.LOOK_ALIKE, target);
            }
            // Reordered words keep the length: most names are told apart before they are split.
            if (words != null && target.length() == name.length() && target.indexOf('-') > 0 && words(target).equals(words)) {
                return new Resemblance(Resemblance.Kind.SWAPPED_WORDS, target);
            }
            if (withoutAffix.contains(target)) {
                return new Resemblance(Resemblance.Kind.PYTHON_AFFIX, target);
            }
            Resemblance.Kind kind = editKind(name, target);
            return kind == null ? null : new Resemblance(kind, target);
        }
    }

    /**
     * {@code ONE_EDIT} or {@code SWAPPED_LETTERS} when the names are one step apart (restricted Damerau-Levenshtein) and
     * the protected one is long enough; else null.
     */
    static Resemblance.Kind editKind(String name, String target) {
        if (target.length() < MIN_EDIT_LENGTH || Math.abs(name.length() - target.length()) > 1 || name.equals(target)) {
            return null;
        }
        int start = 0;
        while (start < name.length() && start < target.length() && name.charAt(start) == target.charAt(start)) {
            start++;
        }
        String a = name.substring(start);
        String b = target.substring(start);
        if (a.length() == b.length()) {
            if (a.substring(1).equals(b.substring(1))) {
                return Resemblance.Kind.ONE_EDIT;
            }
            boolean swapped = a.length() >= 2 && a.charAt(0) == b.charAt(1) && a.charAt(1) == b.charAt(0)
                    && a.substring(2).equals(b.substring(2));
            return swapped ? Resemblance.Kind.SWAPPED_LETTERS : null;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        return longer.substring(1).equals(shorter) ? Resemblance.Kind.ONE_EDIT : null;
    }

    /** The name as it looks: separators dropped, look-alike characters made one. */
    static String lookAlike(String name) {
        return name.replace("-", "").replace("rn", "m").replace('0', 'o').replace('1', 'l').replace('i', 'l')
                .replace('5', 's');
    }

    /** The name's words in a fixed order. */
    private static String words(String name) {
        String[] parts = name.split("-");
        Arrays.sort(parts);
        return String.join("-", parts);
    }

    /** The name without one {@code py}/{@code python} before or after it (each way it can be stripped). */
    static List<String> withoutPythonAffix(String name) {
        List<String> out = new ArrayList<>();
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix) && name.length() > prefix.length() + 1) {
                out.add(trimSeparators(name.substring(prefix.length())));
            }
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length() + 1) {
                out.add(trimSeparators(name.substring(0, name.length() - suffix.length())));
            }
        }
        return out;
    }

    private static String trimSeparators(String s) {
        return s.replaceAll("^-+|-+$", "");
    }
}
