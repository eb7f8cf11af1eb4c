package dev.sluice.bundle;

import dev.sluice.util.Digests;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a bundle as a plain tar, member after member as they stream in: the manifest and its signature first (so that
 * an importer verifies the signature before it reads anything else), then each member, hashed on the way and checked
 * against the sha256 the manifest gave it. Long names take PAX headers; every member has the bundle's time, so
 * that the same content makes the same bytes.
 */
final class BundleWriter implements Closeable {
    private final TarArchiveOutputStream tar;
    private final Date time;

    BundleWriter(OutputStream out, Instant created) {
        this.tar = new TarArchiveOutputStream(out, 64 * 1024, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.time = Date.from(created);
    }

    void member(String path, byte[] bytes) throws IOException {
        start(path, bytes.length);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /**
     * Streams one member of known size.
     *
     * @throws IOException when the bytes are not {@code size} long or their sha256 is not {@code sha256}: the bundle is
     *     then unusable (the caller stops writing it)
     */
    void member(String path, long size, String sha256, InputStream in) throws IOException {
        start(path, size);
        java.security.MessageDigest hasher = Digests.newSha256();
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (written + n > size) {
                throw new IOException(path + " is longer than the " + size + " bytes it was listed with");
            }
            hasher.update(buffer, 0, n);
            tar.write(buffer, 0, n);
            written += n;
        }
        if (written != size) {
            throw new IOException(path + " ended after " + written + " of " + size + " bytes");
        }
        String actual = java.util.HexFormat.of().formatHex(hasher.digest());
        if (!actual.equals(sha256)) {
            throw new IOException(path + " has sha256 " + actual + ", not the " + sha256 + " the index gives");
        }
        tar.closeArchiveEntry();
    }

    private void start(String path, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(time);
        entry.setUserName("sluice");
        entry.setGroupName("sluice");
        tar.putArchiveEntry(entry);
    }

    @Override
    public void close() throws IOException {
        tar.finish();
        tar.close();
    }
}
