package dev.sluice.index;

/** The project exists here, the file does not. */
public final class FileNotFound extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public FileNotFound(String project, String filename) {
        super("project '" + project + "' has no file '" + filename + "'");
    }
}
