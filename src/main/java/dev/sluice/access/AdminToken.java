package dev.sluice.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one credential Sluice knows until accounts exist: an admin token the operator sets, or that is
 * generated on first start into a file only its owner can read. Compared in constant time; never logged.
 */
public final class AdminToken implements Authenticator {
    public static final String PREFIX = "sluice_";

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static AdminToken of(String token) {
        if (token.length() < 16) {
            throw new IllegalArgumentException("the admin token must be at least 16 characters long");
        }
        return new AdminToken(token);
    }

    /** Reads the token from {@code file}, creating it (mode 0600, 256 random bits) when it does not exist. */
    public static AdminToken loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return of(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = PREFIX + HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return of(token);
    }

    @Override
    public Optional<Identity> authenticate(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String presented = null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).strip();
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                presented = colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new Identity("admin", true));
    }
}
