package dev.sluice.bundle;

import dev.sluice.store.BlobStore;
import dev.sluice.store.StagedBlob;
import dev.sluice.util.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a bundle once, front to back, and takes it only whole: the manifest first, its signature checked against the
 * trusted keys before anything else is read, then every member staged (not stored) and checked against the sha256
 * the manifest gives it. A member the manifest does not name, a member twice, one that differs, one missing, a
 * tar that ends early: the bundle is refused and every staged member dropped.
 */
final class BundleReader {
    /** The most a manifest, its signature or an index member may be: they are read into memory. */
    static final long SMALL_MEMBER_BYTES = 32L << 20;

    /**
     * Who may have signed a bundle, and whether an unsigned one is taken.
     *
     * @param keys the trusted keys; null to take the key the manifest names as its exporter's (a check that the bundle
     *     arrived as it was made, not of who made it)
     */
    record Trust(PublicKeys keys, boolean allowUnsigned) {
        static final Trust ITS_EXPORTER = new Trust(null, false);
    }

    /** Where members go while the bundle is read: the blob store's staging, or nowhere (a check only). */
    interface Staging {
        /** @param expectedSha256 what the manifest says the member's sha256 is */
        StagedBlob stage(String path, String expectedSha256, InputStream member, long maxBytes) throws IOException;

        void discard(StagedBlob staged);
    }

    /** What happened so far, for a progress line. */
    interface Progress {
        void member(int done, int total, long bytes);
    }

    /**
     * A bundle that passed every check, its members staged by path. The caller commits what it keeps and
     * {@link #discard}s the rest.
     *
     * @param manifestSha256 names the bundle in the import records
     * @param signer the trusted key that signed it, or null when unsigned (and allowed)
     */
    record Verified(Manifest manifest, String manifestSha256, String signer, Map<String, StagedBlob> members) {}

    private BundleReader() {}

    /**
     * Reads a bundle, staging its members in the blob store's staging area, sha256 only: those whose bytes the store
     * keeps already ({@code kept}, by the manifest's sha256) are hashed and not written again, so that importing a
     * bundle twice writes nothing the second time. Index members are always staged: they are read afterwards.
     *
     * @param maxFileBytes the largest distribution taken (as an upload)
     * @throws BundleRefused saying what is wrong; nothing stays staged
     */
    static Verified read(InputStream in, BlobStore blobs, java.util.function.Predicate<String> kept, Trust trust, long maxFileBytes,
            Progress progress) throws IOException {
        return read(in, new Staging() {
            @Override
            public StagedBlob stage(String path, String expectedSha256, InputStream member, long maxBytes) throws IOException {
                if (!path.startsWith("index/") && kept.test(expectedSha256)) {
                    return hashed(null, member, maxBytes);
                }
                Path file = blobs.newStagingFile();
                try (OutputStream out = Files.newOutputStream(file)) {
                    return hashed(file, member, maxBytes, out);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(file);
                    throw e;
                }
            }

            @Override
            public void discard(StagedBlob staged) {
                if (staged.file() != null) {
                    blobs.discard(staged);
                }
            }
        }, trust, maxFileBytes, progress);
    }

    /** Reads and checks a bundle, keeping nothing: each member is hashed and dropped. */
    static Verified check(InputStream in, Trust trust) throws IOException {
        return read(in, new Staging() {
            @Override
            public StagedBlob stage(String path, String expectedSha256, InputStream member, long maxBytes) throws IOException {
                return hashed(null, member, maxBytes);
            }

            @Override
            public void discard(StagedBlob staged) {}
        }, trust, Long.MAX_VALUE, (done, total, bytes) -> {});
    }

    private static StagedBlob hashed(Path file, InputStream member, long maxBytes) throws IOException {
        return hashed(file, member, maxBytes, OutputStream.nullOutputStream());
    }

    /** Copies a member to {@code out}, hashing it; a member over {@code maxBytes} is refused. */
    private static StagedBlob hashed(Path file, InputStream member, long maxBytes, OutputStream out) throws IOException {
        java.security.MessageDigest sha256 = Digests.newSha256();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int n; (n = member.read(buffer)) > 0; ) {
            size += n;
            if (size > maxBytes) {
                throw new BundleRefused("a member is larger than " + maxBytes + " bytes");
            }
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return new StagedBlob(file, size, new Digests(java.util.HexFormat.of().formatHex(sha256.digest()), null, null));
    }

    private static Verified read(InputStream in, Staging blobs, Trust trust, long maxFileBytes, Progress progress) throws IOException {
        Map<String, StagedBlob> staged = new LinkedHashMap<>();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException e) {
                throw new BundleRefused("this is not a Sluice bundle: it is not a tar (" + e.getMessage() + ")");
            }
            if (entry == null || !entry.getName().equals(Manifest.PATH) || !entry.isFile()) {
                throw new BundleRefused("this is not a Sluice bundle: its first member is "
                        + (entry == null ? "missing" : "'" + entry.getName() + "'") + ", not " + Manifest.PATH);
            }
            byte[] manifestBytes = small(tar, entry);
            entry = tar.getNextEntry();
            String signer = null;
            Manifest claimed = Manifest.parse(manifestBytes);
            if (entry != null && entry.getName().equals(Manifest.SIGNATURE_PATH)) {
                signer = signer(manifestBytes, small(tar, entry), claimed, trust);
                entry = tar.getNextEntry();
            } else if (!trust.allowUnsigned()) {
                throw new BundleRefused("the bundle is not signed (no " + Manifest.SIGNATURE_PATH + " after the manifest);"
                        + " an unsigned bundle is taken only with --allow-unsigned where [bundles] allow-unsigned = true");
            }
            Map<String, String> expected = new LinkedHashMap<>();
            claimed.members().forEach(m -> expected.put(m.path(), m.sha256()));
            long bytes = 0;
            for (; entry != null; entry = tar.getNextEntry()) {
                String path = entry.getName();
                if (!expected.containsKey(path)) {
                    throw new BundleRefused("the bundle holds '" + path + "', which its manifest does not list");
                }
                if (staged.containsKey(path)) {
                    throw new BundleRefused("the bundle holds '" + path + "' twice");
                }
                if (!entry.isFile()) {
                    throw new BundleRefused("'" + path + "' is not a plain file in the bundle");
                }
                long limit = path.startsWith("files/") ? maxFileBytes : SMALL_MEMBER_BYTES;
                StagedBlob blob;
                try {
                    blob = blobs.stage(path, expected.get(path), tar, limit);
                } catch (BundleRefused e) {
                    throw new BundleRefused("'" + path + "' is larger than " + limit + " bytes");
                }
                staged.put(path, blob);
                if (!blob.digests().sha256().equals(expected.get(path))) {
                    throw new BundleRefused("'" + path + "' does not match the manifest (its sha256 is "
                            + blob.digests().sha256() + ", the manifest says " + expected.get(path) + "): the bundle was changed");
                }
                bytes += blob.size();
                progress.member(staged.size(), expected.size(), bytes);
            }
            List<String> missing = new ArrayList<>(expected.keySet());
            missing.removeAll(staged.keySet());
            if (!missing.isEmpty()) {
                throw new BundleRefused(missing.size() + " member(s) the manifest lists are missing, such as '" + missing.getFirst()
                        + "': the bundle is truncated or a member was removed");
            }
            String manifestSha256 = Digests.sha256Hex(manifestBytes);
            return new Verified(claimed, manifestSha256, signer, staged);
        } catch (IOException | RuntimeException e) {
            staged.values().forEach(blobs::discard);
            if (e instanceof IOException io && isTarProblem(io)) {
                throw new BundleRefused("the bundle is not a complete tar (" + io.getMessage() + "): it is truncated or damaged");
            }
            throw e;
        }
    }

    /** Drops every staged member: after a commit of those kept, or when the import stops. */
    static void discard(Verified verified, BlobStore blobs) {
        verified.members().values().stream().filter(m -> m.file() != null).forEach(blobs::discard);
    }

    private static String signer(byte[] manifest, byte[] signatureText, Manifest claimed, Trust trust) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(new String(signatureText, java.nio.charset.StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new BundleRefused("the signature is not base64: the bundle was changed");
        }
        PublicKeys keys;
        try {
            keys = trust.keys() != null ? trust.keys() : PublicKeys.parse(List.of(claimed.exporter()));
        } catch (IllegalArgumentException e) {
            throw new BundleRefused("the manifest names no exporter key to check its signature with");
        }
        String signer = keys.signer(manifest, signature);
        if (signer != null) {
            return signer;
        }
        boolean signedByItsExporter;
        try {
            signedByItsExporter = PublicKeys.verifies(PublicKeys.parse(claimed.exporter()), manifest, signature);
        } catch (IllegalArgumentException e) {
            signedByItsExporter = false;
        }
        if (signedByItsExporter) {
            throw new BundleRefused("the bundle is signed by " + claimed.exporter() + ", a key this Sluice does not trust"
                    + " (add it to [bundles] trusted-keys if it is the exporting Sluice's: `sluice bundle key` there prints it)");
        }
        throw new BundleRefused("the signature does not match the manifest: the manifest was changed after signing, or"
                + " the signature is another bundle's");
    }

    private static byte[] small(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > SMALL_MEMBER_BYTES) {
            throw new BundleRefused("'" + entry.getName() + "' is larger than " + SMALL_MEMBER_BYTES + " bytes");
        }
        return tar.readNBytes((int) entry.getSize());
    }

    private static boolean isTarProblem(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("truncated") || message.contains("tar") || message.contains("header")
                || message.contains("unexpected eof") || e instanceof java.io.EOFException;
    }
}
