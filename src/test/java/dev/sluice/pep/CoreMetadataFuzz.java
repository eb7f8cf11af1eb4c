package dev.sluice.pep;

/** Fuzz target for core metadata (METADATA / PKG-INFO): a parsed record or an {@link InvalidMetadataException}. */
public final class CoreMetadataFuzz {
    private CoreMetadataFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            CoreMetadata.parse(data);
        } catch (InvalidMetadataException refused) {
            // the typed refusal
        }
    }
}
