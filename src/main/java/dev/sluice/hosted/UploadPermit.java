package dev.sluice.hosted;

import dev.sluice.pep.ProjectName;

/**
 * Whether one upload may go to a project (asked with the project in normal form, before a byte of the file is read):
 * why not, or null when it may. A refusal is a 403 and keeps nothing.
 */
@FunctionalInterface
public interface UploadPermit {
    String refusal(ProjectName project);
}
