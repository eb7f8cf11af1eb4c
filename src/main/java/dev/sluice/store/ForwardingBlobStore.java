package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** A blob store in front of another (a cache): everything goes to the one behind unless the subclass says otherwise. */
abstract class ForwardingBlobStore implements BlobStore {
    final BlobStore behind;

    ForwardingBlobStore(BlobStore behind) {
        this.behind = behind;
    }

    @Override
    public Optional<Blob> open(String sha256) throws IOException {
        return behind.open(sha256);
    }

    @Override
    public StagedBlob stage(InputStream content, long maxBytes) throws IOException {
        return behind.stage(content, maxBytes);
    }

    @Override
    public Path newStagingFile() throws IOException {
        return behind.newStagingFile();
    }

    @Override
    public void commit(StagedBlob staged) throws IOException {
        behind.commit(staged);
    }

    @Override
    public void discard(StagedBlob staged) {
        behind.discard(staged);
    }

    @Override
    public void remove(String sha256) throws IOException {
        behind.remove(sha256);
    }

    @Override
    public Stream<Listed> listed() throws IOException {
        return behind.listed();
    }

    @Override
    public java.util.Optional<java.time.Instant> stored(String sha256) throws IOException {
        return behind.stored(sha256);
    }

    @Override
    public String problem() {
        return behind.problem();
    }

    @Override
    public void close() {
        behind.close();
    }
}
