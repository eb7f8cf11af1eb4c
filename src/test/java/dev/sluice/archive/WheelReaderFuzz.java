package dev.sluice.archive;

import dev.sluice.fuzz.Fuzzing;
import dev.sluice.pep.DistributionFilename;

/** Fuzz target for the wheel reader: the input is the .whl file; a hostile or broken one is an {@link InvalidDistributionException}. */
public final class WheelReaderFuzz {
    private static final String NAME = "demo-1.0-py3-none-any.whl";

    private WheelReaderFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            DistributionMetadataReader.read(Fuzzing.file(NAME, data), DistributionFilename.parse(NAME), ArchiveLimits.DEFAULT);
        } catch (InvalidDistributionException refused) {
            // the typed refusal
        }
    }
}
