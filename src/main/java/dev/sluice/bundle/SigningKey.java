package dev.sluice.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * This Sluice's Ed25519 key, which signs the bundles it exports. Made on first use and kept in one file readable by its
 * owner only: the private key (PKCS#8, base64) on the first line, the public one ({@code ed25519:BASE64}) on the
 * second; the public one goes into the closed side's {@code [bundles] trusted-keys}.
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key in this file, made there first when there is none. */
    public static SigningKey at(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                java.util.List<String> lines = Files.readAllLines(file);
                if (lines.size() < 2) {
                    throw new IllegalArgumentException("expected two lines: the private key and the public key");
                }
                PrivateKey key = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0).strip())));
                return new SigningKey(key, PublicKeys.parse(lines.get(1)));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(fresh, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + PublicKeys.text(pair.getPublic()) + "\n",
                    StandardOpenOption.WRITE);
            Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the bundle signing key " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code ed25519:BASE64}: what to list in a closed Sluice's trusted keys. */
    public String publicText() {
        return PublicKeys.text(publicKey);
    }

    public byte[] sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }
}
