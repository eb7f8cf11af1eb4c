package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A blob store that stages bytes in a local {@link StagingArea} and makes them visible its own way on commit. */
abstract class LocallyStagedStore implements BlobStore {
    final StagingArea staging;

    LocallyStagedStore(Path stagingFolder) throws IOException {
        this.staging = new StagingArea(stagingFolder);
    }

    @Override
    public final StagedBlob stage(InputStream content, long maxBytes) throws IOException {
        return staging.stage(content, maxBytes);
    }

    @Override
    public final Path newStagingFile() throws IOException {
        return staging.newFile();
    }

    @Override
    public final void discard(StagedBlob staged) {
        staging.discard(staged);
    }
}
