package dev.sluice.ui;

import dev.sluice.pep.CoreMetadata;
import dev.sluice.pep.ProjectName;
import dev.sluice.pep.Requirement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which hosted projects depend on a project, by the newest core metadata of each (its Requires-Dist names). Built once
 * for a state of the index (its serial) and kept until the serial moves: an upload may change anyone's dependencies.
 */
final class ReverseDependencies {
    /** Far above a real organisation's hosted projects; beyond it the answer would cost a page view too much. */
    private static final int MAX_HOSTED = 5_000;

    private record Built(long serial, Map<String, List<String>> dependents) {}

    private final Supplier<Collection<String>> hostedNames;
    private final Function<ProjectName, CoreMetadata> newestMetadata;
    private volatile Built built;

    /** @param newestMetadata reads (and makes searchable) a project's newest core metadata; null when it has none */
    ReverseDependencies(Supplier<Collection<String>> hostedNames, Function<ProjectName, CoreMetadata> newestMetadata) {
        this.hostedNames = hostedNames;
        this.newestMetadata = newestMetadata;
    }

    /** The hosted projects whose newest release requires {@code project}, by name. */
    List<String> of(ProjectName project, long serial) {
        return current(serial).dependents().getOrDefault(project.value(), List.of());
    }

    /** Reads every hosted project's newest metadata again when the index's serial moved. */
    void refresh(long serial) {
        current(serial);
    }

    private Built current(long serial) {
        Built known = built;
        if (known == null || known.serial() != serial) {
            known = build(serial);
            built = known;
        }
        return known;
    }

    private Built build(long serial) {
        Map<String, TreeSet<String>> found = new HashMap<>();
        hostedNames.get().stream().limit(MAX_HOSTED).forEach(name -> {
            CoreMetadata metadata = ProjectName.isValid(name) ? newestMetadata.apply(ProjectName.of(name)) : null;
            if (metadata == null) {
                return;
            }
            for (String line : metadata.requiresDist()) {
                try {
                    String required = Requirement.parse(line).projectName().value();
                    if (!required.equals(name)) {
                        found.computeIfAbsent(required, r -> new TreeSet<>()).add(name);
                    }
                } catch (IllegalArgumentException notARequirement) {
                    // shown as written on its own page; it names nobody here
                }
            }
        });
        Map<String, List<String>> dependents = new HashMap<>();
        found.forEach((k, v) -> dependents.put(k, List.copyOf(v)));
        return new Built(serial, dependents);
    }
}
