package dev.sluice.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The bootstrap credential: an admin token the operator sets, or that is generated on first start into a file
 * only its owner can read. It acts as an admin account named {@code admin}, so that the first accounts can be
 * made; keep it for emergencies afterwards. Compared in constant time; never logged.
 */
public final class AdminToken implements Authenticator {
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
        String token = ApiTokens.newSecret();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return of(token);
    }

    @Override
    public Authentication authenticate(String header) {
        BasicCredentials credentials = BasicCredentials.parse(header);
        if (credentials == null) {
            return Authentication.NONE;
        }
        if (credentials.secret() != null && MessageDigest.isEqual(token, credentials.secret().getBytes(StandardCharsets.UTF_8))) {
            return new Authentication.Success(Identity.administrator("admin"));
        }
        return new Authentication.Failure(credentials.loggableUser(), credentials.secret() == null ? "malformed credentials"
                : "not the admin token");
    }
}
