package dev.sluice.pep;

/**
 * {@code {name}-{version}.tar.gz} or {@code .zip}. PEP 625 names are normalised with underscores
 * ({@code foo_bar-1.0.tar.gz}); older tools wrote the project's own spelling, dashes included
 * ({@code Foo-Bar-1.0.tar.gz}), which is ambiguous against versions such as {@code 1.0-1}: given the
 * project, the split is made where the name part names that project.
 */
public record SdistFilename(String filename, String normalizedName, Version version, String extension)
        implements DistributionFilename {

    @Override
    public String slot() {
        return version.canonical(true) + " sdist";
    }

    static SdistFilename parse(String filename, ProjectName knownProject) {
        String extension = filename.endsWith(".tar.gz") ? ".tar.gz" : ".zip";
        String stem = filename.substring(0, filename.length() - extension.length());
        if (knownProject != null) {
            for (int dash = stem.indexOf('-'); dash >= 0; dash = stem.indexOf('-', dash + 1)) {
                String name = stem.substring(0, dash);
                String version = stem.substring(dash + 1);
                if (ProjectName.normalize(name).equals(knownProject.value()) && Version.isValid(version)) {
                    return new SdistFilename(filename, knownProject.value(), Version.parse(version), extension);
                }
            }
        }
        int dash = stem.lastIndexOf('-');
        if (dash < 0) {
            throw new InvalidFilenameException(filename, "a source distribution is named {name}-{version}" + extension);
        }
        String name = stem.substring(0, dash);
        if (!ProjectName.isValid(name)) {
            throw new InvalidFilenameException(filename, "'" + name + "' is not a valid project name");
        }
        String version = stem.substring(dash + 1);
        if (!Version.isValid(version)) {
            throw new InvalidFilenameException(filename, "'" + version + "' is not a PEP 440 version");
        }
        return new SdistFilename(filename, ProjectName.normalize(name), Version.parse(version), extension);
    }
}
