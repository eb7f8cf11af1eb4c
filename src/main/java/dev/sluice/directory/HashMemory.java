package dev.sluice.directory;

import dev.sluice.util.Digests;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sha256 of each file of a folder, computed once per (path, size, modification time) and remembered in a
 * file, so that a restart does not read every wheel again. A file changed in place gets a new entry. The
 * memory file is append-only (later lines win), one {@code sha256 size mtime path} line per file.
 */
final class HashMemory {
    private record Key(String path, long size, long modifiedMillis) {}

    private final Path memoryFile;
    private final Map<Key, String> known = new ConcurrentHashMap<>();

    HashMemory(Path memoryFile) throws IOException {
        this.memoryFile = memoryFile;
        if (Files.exists(memoryFile)) {
            for (String line : Files.readAllLines(memoryFile, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 4);
                if (parts.length == 4 && parts[0].matches("[0-9a-f]{64}")) {
                    try {
                        known.put(new Key(parts[3], Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[0]);
                    } catch (NumberFormatException torn) {
                        // a line cut short by a crash: that file is hashed again
                    }
                }
            }
        }
    }

    /** The file's sha256, read now unless known for this size and modification time. */
    String sha256(String relativePath, Path file, long size, long modifiedMillis) throws IOException {
        Key key = new Key(relativePath, size, modifiedMillis);
        String sha = known.get(key);
        if (sha != null) {
            return sha;
        }
        sha = hash(file);
        known.put(key, sha);
        synchronized (this) {
            Files.createDirectories(memoryFile.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(memoryFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.write(sha + " " + size + " " + modifiedMillis + " " + relativePath + "\n");
            }
        }
        return sha;
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = Digests.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
