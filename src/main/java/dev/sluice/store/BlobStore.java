package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage of file bytes: a blob's name is its sha256, so stored bytes can never change
 * under a name. Writing is two steps, so that nothing half-written is ever visible: {@link #stage} streams the
 * bytes to a private place while computing their digests, {@link #commit} makes them durable and visible.
 */
public interface BlobStore extends AutoCloseable {
    /**
     * Streams content into staging, computing its digests.
     *
     * @throws BlobTooLargeException once more than {@code maxBytes} arrive (what was staged is discarded)
     */
    StagedBlob stage(InputStream content, long maxBytes) throws IOException;

    /**
     * A fresh, empty file in the staging area, for a writer that streams into it itself (a proxy download that
     * others read while it grows); it is committed as a {@link StagedBlob} once complete.
     */
    java.nio.file.Path newStagingFile() throws IOException;

    /**
     * Makes a staged blob durable and visible under its sha256; committing content already stored only marks it as
     * stored now, so that {@code sluice gc} never takes bytes a new row has just come to name.
     */
    void commit(StagedBlob staged) throws IOException;

    /** Drops a staged blob that will not be committed. */
    void discard(StagedBlob staged);

    /**
     * What keeps files from being stored now (readiness), or null: staging cannot be written, the object store
     * cannot be reached.
     */
    default String problem() {
        return null;
    }

    /** A stored blob, or empty. */
    Optional<Blob> open(String sha256) throws IOException;

    /**
     * Removes a blob that no row may name any more: one whose bytes are not its name ({@code sluice verify --repair}
     * takes it aside first), one nothing names ({@code sluice gc}), an evicted cached file's ({@code max-cache-size}).
     * Whoever asks for it next finds none; removing a blob that is not there does nothing.
     */
    void remove(String sha256) throws IOException;

    /** The name (sha256) of every blob stored, for a copy of the whole store ({@code sluice migrate}). */
    default java.util.stream.Stream<String> names() throws IOException {
        return listed().map(Listed::name);
    }

    /** Every blob stored, with when it was last stored ({@code sluice gc} leaves the recent ones alone). */
    java.util.stream.Stream<Listed> listed() throws IOException;

    /** When a blob was last stored (committing bytes already there counts), or empty when it is not there. */
    Optional<java.time.Instant> stored(String sha256) throws IOException;

    /** A stored blob's name and when it was last stored. */
    record Listed(String name, java.time.Instant stored) {}

    /** Lets go of connections to a remote store. */
    @Override
    default void close() {}

    /** Whether a name can be a blob's: a sha256 in lower-case hex (nothing a path could be made of). */
    static boolean isBlobName(String name) {
        return name.length() == 64 && name.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** A stored blob's bytes. */
    interface Blob {
        long size();

        /** Reads {@code length} bytes from {@code offset} (for HTTP Range); {@code -1} for the rest. */
        InputStream openStream(long offset, long length) throws IOException;
    }
}
