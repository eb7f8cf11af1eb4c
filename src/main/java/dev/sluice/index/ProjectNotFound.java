package dev.sluice.index;

/** This source has no project of that name (another source may). */
public final class ProjectNotFound extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public ProjectNotFound(String project) {
        super("no project named '" + project + "'");
    }
}
