package dev.sluice.archive;

import dev.sluice.fuzz.Fuzzing;
import dev.sluice.pep.DistributionFilename;

/** What the wheel and sdist targets share: the input is the file; a hostile or broken one is an {@link InvalidDistributionException}. */
final class ArchiveReaderFuzzing {
    private ArchiveReaderFuzzing() {}

    static void read(String filename, byte[] data) {
        try {
            DistributionMetadataReader.read(Fuzzing.file(filename, data), DistributionFilename.parse(filename), ArchiveLimits.DEFAULT);
        } catch (InvalidDistributionException refused) {
            // the typed refusal
        }
    }
}
