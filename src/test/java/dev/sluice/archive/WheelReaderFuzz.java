package dev.sluice.archive;

/** Fuzz target for the wheel reader: the input is the .whl file. */
public final class WheelReaderFuzz {
    private WheelReaderFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        ArchiveReaderFuzzing.read("demo-1.0-py3-none-any.whl", data);
    }
}
