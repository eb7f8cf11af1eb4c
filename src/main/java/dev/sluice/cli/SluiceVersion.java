package dev.sluice.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the jar manifest (or "development" when run from classes). */
final class SluiceVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SluiceVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sluice " + (version == null ? "development" : version)};
    }
}
