package dev.sluice.archive;

import dev.sluice.fuzz.Fuzzing;
import dev.sluice.pep.DistributionFilename;

/** Fuzz target for the sdist reader: the input is the .tar.gz file; a hostile or broken one is an {@link InvalidDistributionException}. */
public final class SdistReaderFuzz {
    private static final String NAME = "demo-1.0.tar.gz";

    private SdistReaderFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            DistributionMetadataReader.read(Fuzzing.file(NAME, data), DistributionFilename.parse(NAME), ArchiveLimits.DEFAULT);
        } catch (InvalidDistributionException refused) {
            // the typed refusal
        }
    }
}
