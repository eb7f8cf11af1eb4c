package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Copies every blob of one store into another (a folder to S3 and back): each is read, staged at the target with its
 * digests computed, compared with its name (its sha256) and only then committed, so a damaged blob is reported, never
 * carried. A blob the target holds already is left alone: a second run copies nothing, an interrupted one resumes.
 */
final class BlobCopy {
    /** What the copy did. */
    record Report(long total, long copied, long alreadyThere, long bytesCopied) {}

    private static final long PROGRESS_EVERY = 500;

    private BlobCopy() {}

    static Report copy(BlobStore from, BlobStore to, Consumer<String> progress) throws IOException {
        long total = 0;
        long copied = 0;
        long there = 0;
        long bytes = 0;
        try (Stream<String> names = from.names()) {
            for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
                String name = it.next();
                total++;
                if (to.open(name).isPresent()) {
                    there++;
                } else {
                    BlobStore.Blob blob = from.open(name).orElseThrow(() -> new IOException("the blob " + name + " went missing"));
                    StagedBlob staged;
                    try (InputStream in = blob.openStream(0, -1)) {
                        staged = to.stage(in, Long.MAX_VALUE);
                    }
                    if (!staged.digests().sha256().equals(name)) {
                        to.discard(staged);
                        throw new IOException("the blob " + name + " of the old store is damaged: its bytes have sha256 "
                                + staged.digests().sha256() + "; nothing of it was copied (restore it from a backup and run again)");
                    }
                    to.commit(staged);
                    copied++;
                    bytes += staged.size();
                }
                if (total % PROGRESS_EVERY == 0) {
                    progress.accept("blobs: " + total + " looked at, " + copied + " copied (" + bytes + " bytes)");
                }
            }
        }
        progress.accept("blobs: " + copied + " of " + total + " copied (" + bytes + " bytes), " + there + " already there");
        return new Report(total, copied, there, bytes);
    }
}
