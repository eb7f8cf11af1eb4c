package dev.sluice.index.gates;

import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import dev.sluice.pep.SpecifierSet;
import dev.sluice.pep.Version;
import java.util.regex.Pattern;

/**
 * A rule that names projects, as AllowDeny and YankOverride take them: a name ({@code requests}), a glob of
 * names ({@code django-*}), or either with a PEP 440 range ({@code numpy>=1.26,<3}, {@code django-*<4}). Names are compared in
 * normal form, so every spelling of a name matches.
 */
public final class ProjectRule {
    private final String text;
    private final Pattern names;
    private final SpecifierSet versions;

    private ProjectRule(String text, Pattern names, SpecifierSet versions) {
        this.text = text;
        this.names = names;
        this.versions = versions;
    }

    /** @throws IllegalArgumentException saying what the text is not */
    public static ProjectRule parse(String text) {
        String t = text.strip();
        int range = indexOfOperator(t);
        String namePart = range < 0 ? t : t.substring(0, range).strip();
        if (namePart.contains("*") || namePart.contains("?")) {
            String normal = ProjectName.normalize(namePart);
            if (!normal.matches("[a-z0-9*?-]+")) {
                throw new IllegalArgumentException("'" + text + "' is not a glob of project names such as django-*");
            }
            SpecifierSet versions;
            try {
                versions = range < 0 ? SpecifierSet.empty() : SpecifierSet.parse(t.substring(range));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid version range after the glob: " + e.getMessage(), e);
            }
            String regex = normal.replace("-", "\\-").replace("*", ".*").replace("?", ".");
            return new ProjectRule(text, Pattern.compile(regex), versions);
        }
        Requirement r;
        try {
            r = Requirement.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a project name, a glob, or a name with a version"
                    + " range such as numpy>=1.26,<3", e);
        }
        if (!r.extras().isEmpty() || r.url() != null || r.marker() != null || !ProjectName.isValid(r.name())) {
            throw new IllegalArgumentException("'" + text + "' may only name a project and a version range");
        }
        return new ProjectRule(text, Pattern.compile(Pattern.quote(ProjectName.normalize(r.name()))), r.specifier());
    }

    private static int indexOfOperator(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("<>=!~".indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The rule as it was written, for messages. */
    public String text() {
        return text;
    }

    public boolean namesProject(ProjectName project) {
        return names.matcher(project.value()).matches();
    }

    /** Whether the rule has no range: it then covers every version of the projects it names. */
    public boolean coversAllVersions() {
        return versions.isEmpty();
    }

    /** Whether the version is in the rule's range (pre-releases included: a rule names them as it names others). */
    public boolean coversVersion(Version version) {
        return versions.contains(version, true);
    }

    /** Whether the rule names this project and, if it has a range, this version. */
    public boolean covers(ProjectName project, Version version) {
        return namesProject(project) && (coversAllVersions() || coversVersion(version));
    }

    @Override
    public String toString() {
        return text;
    }
}
