package dev.sluice.ui;

import dev.sluice.pep.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * A dependency as a project page lists it: the project it names (linked by its normal form) and the rest of the
 * requirement as written (version range, extras, environment marker). A line that is no requirement is shown as is.
 */
public record Dependency(String normalized, String name, String rest) {
    static List<Dependency> of(List<String> requiresDist) {
        List<Dependency> out = new ArrayList<>();
        for (String line : requiresDist) {
            try {
                Requirement r = Requirement.parse(line);
                String written = line.strip();
                String rest = written.startsWith(r.name()) ? written.substring(r.name().length()).strip() : written;
                out.add(new Dependency(r.projectName().value(), r.name(), rest));
            } catch (IllegalArgumentException notARequirement) {
                out.add(new Dependency(null, line.strip(), ""));
            }
        }
        return out;
    }
}
