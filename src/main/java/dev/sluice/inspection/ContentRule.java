package dev.sluice.inspection;

import java.util.function.Consumer;

/**
 * One thing to look for in the files of a distribution: a small class with an id and its own severity, reading one
 * archive entry at a time (its bytes capped by the caller) and reporting what it finds with the evidence.
 */
interface ContentRule {
    /** The rule's id, as findings and the admin name it ({@code pth-import}, {@code encoded-exec}, ...). */
    String id();

    void inspect(InspectedFile file, Consumer<Finding> findings);
}
