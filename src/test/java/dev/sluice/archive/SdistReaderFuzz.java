package dev.sluice.archive;

/** Fuzz target for the sdist reader: the input is the .tar.gz file. */
public final class SdistReaderFuzz {
    private SdistReaderFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ArchiveReaderFuzzing.read("demo-1.0.tar.gz", data);
    }
}
