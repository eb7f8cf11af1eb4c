package dev.sluice.bundle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Ed25519 public keys as people copy them between machines: {@code ed25519:} and the 32-byte key in base64; and the
 * set of them a closed Sluice trusts.
 */
public final class PublicKeys {
    private static final String PREFIX = "ed25519:";
    /** The X.509 SubjectPublicKeyInfo that precedes the 32 raw bytes of an Ed25519 key. */
    private static final byte[] X509_HEAD = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final List<PublicKey> keys;

    private PublicKeys(List<PublicKey> keys) {
        this.keys = keys;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not {@code ed25519:BASE64} of 32 bytes
     */
    public static PublicKeys parse(List<String> texts) {
        List<PublicKey> keys = new ArrayList<>();
        for (String text : texts) {
            keys.add(parse(text));
        }
        return new PublicKeys(List.copyOf(keys));
    }

    static PublicKey parse(String text) {
        String t = text == null ? "" : text.strip();
        byte[] raw;
        try {
            raw = t.startsWith(PREFIX) ? Base64.getDecoder().decode(t.substring(PREFIX.length())) : new byte[0];
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("'" + text + "' is not an Ed25519 public key: expected ed25519: and 32 bytes in"
                    + " base64, as `sluice bundle key` prints it");
        }
        byte[] encoded = Arrays.copyOf(X509_HEAD, X509_HEAD.length + 32);
        System.arraycopy(raw, 0, encoded, X509_HEAD.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + text + "' is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static String text(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return PREFIX + Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** Which trusted key signed the content, or null when none did. */
    public String signer(byte[] content, byte[] signature) {
        for (PublicKey key : keys) {
            if (verifies(key, content, signature)) {
                return text(key);
            }
        }
        return null;
    }

    static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(key);
            check.update(content);
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
