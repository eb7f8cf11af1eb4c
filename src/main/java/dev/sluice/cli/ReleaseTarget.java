package dev.sluice.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a release command acts on: a project's release (PROJECT VERSION) or one file of it (--file). */
final class ReleaseTarget {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project, in any spelling of its name.")
    String project;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "The release (every file of it).")
    String version;

    @Option(names = "--file", paramLabel = "FILENAME", description = "Act on this one file instead of a whole release.")
    String filename;

    String path(picocli.CommandLine commandLine) {
        if ((version == null) == (filename == null)) {
            throw new picocli.CommandLine.ParameterException(commandLine, "name a VERSION or a --file, not both or neither");
        }
        return AdminClient.target(project, version, filename);
    }

    String describe() {
        return filename != null ? filename : project + " " + version;
    }
}
