package dev.sluice.inspection;

import java.util.function.Consumer;

/**
 * One thing to look for in the files of a distribution: a small class with an id and its own severity, reading one
 * archive entry at a time (its bytes capped by the caller) and reporting what it finds with the evidence.
 */
public interface ContentRule {
    /** The rule's id, as findings and the admin name it ({@code pth-import}, {@code encoded-exec}, ...). */
    String id();

    /**
     * @param file the entry's name in the archive
     * @param sdist whether the distribution is a source distribution (where only source belongs)
     */
    void inspect(String file, byte[] bytes, boolean sdist, Consumer<Finding> findings);
}
