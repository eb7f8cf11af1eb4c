package dev.sluice.web;

import dev.sluice.app.ServerSettings;
import dev.sluice.store.BlobLocation;
import dev.sluice.store.BlobStore;
import dev.sluice.store.FileSystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code [server] accel-redirect}: once Sluice has decided to serve a stored file (every gate, the quarantine, the
 * usage event), it answers the front nginx with {@code X-Accel-Redirect} naming the blob under an internal location
 * over the blob folder, and nginx sends the bytes with {@code sendfile}. Only a file whose blob is in the folder is
 * handed over: one still arriving from an upstream, or one a directory source serves, is sent by Sluice.
 */
final class AccelRedirect {
    static final AccelRedirect OFF = new AccelRedirect(null, null);

    private final String prefix;
    private final Path blobFolder;

    private AccelRedirect(String prefix, Path blobFolder) {
        this.prefix = prefix;
        this.blobFolder = blobFolder;
    }

    static AccelRedirect of(ServerSettings settings) {
        if (settings.accelRedirect() == null) {
            return OFF;
        }
        if (!(settings.blobs() instanceof BlobLocation.Folder folder)) {
            throw new IllegalArgumentException("[server] accel-redirect needs the blobs in a folder the front nginx can read");
        }
        return new AccelRedirect(settings.accelRedirect(), folder.root().toAbsolutePath());
    }

    /** The internal path nginx sends this blob from, or null when Sluice sends the bytes itself. */
    String internalPath(String sha256) {
        if (prefix == null || sha256 == null || !BlobStore.isBlobName(sha256)) {
            return null;
        }
        String within = FileSystemBlobStore.pathWithin(sha256);
        return Files.isRegularFile(blobFolder.resolve(within)) ? prefix + within : null;
    }
}
