package dev.sluice.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests PyPI records for every file, as lower-case hex. */
public record Digests(String sha256, String md5, String blake2b256) {

    /** Computes all three digests in one pass over a stream of bytes. */
    public static final class Computer {
        private final MessageDigest sha256;
        private final MessageDigest md5;
        private final Blake2b256 blake2b = new Blake2b256();

        public Computer() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256 or MD5", e);
            }
        }

        public void update(byte[] data, int offset, int length) {
            sha256.update(data, offset, length);
            md5.update(data, offset, length);
            blake2b.update(data, offset, length);
        }

        public Digests finish() {
            HexFormat hex = HexFormat.of();
            return new Digests(hex.formatHex(sha256.digest()), hex.formatHex(md5.digest()), hex.formatHex(blake2b.digest()));
        }
    }

    /** A fresh SHA-256 digest: every JDK has one. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The sha256 of bytes, as lower-case hex. */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(newSha256().digest(data));
    }

    public static Digests of(byte[] data) {
        Computer c = new Computer();
        c.update(data, 0, data.length);
        return c.finish();
    }
}
