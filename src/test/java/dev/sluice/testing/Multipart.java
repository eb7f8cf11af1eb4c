package dev.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A multipart/form-data upload built field by field, as twine builds it (and as twine never would). */
public final class Multipart {
    private static final String BOUNDARY = "----sluice-test-boundary-7f3a";

    private final List<String[]> fields = new ArrayList<>();
    private String filename;
    private byte[] content;

    /** The fields twine 4 sends for a file, digests computed from its bytes. */
    public static Multipart twineLike(Path file, String name, String version) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        dev.sluice.util.Digests d = dev.sluice.util.Digests.of(bytes);
        boolean wheel = file.getFileName().toString().endsWith(".whl");
        Multipart m = new Multipart()
                .field(":action", "file_upload").field("protocol_version", "1").field("name", name).field("version", version)
                .field("filetype", wheel ? "bdist_wheel" : "sdist").field("pyversion", wheel ? "py3" : "source")
                .field("metadata_version", "2.1").field("summary", "test").field("md5_digest", d.md5())
                .field("sha256_digest", d.sha256()).field("blake2_256_digest", d.blake2b256());
        return m.file(file.getFileName().toString(), bytes);
    }

    public Multipart field(String name, String value) {
        fields.add(new String[] {name, value});
        return this;
    }

    /** Replaces (or with null, removes) every value of a field. */
    public Multipart set(String name, String value) {
        fields.removeIf(f -> f[0].equals(name));
        return value == null ? this : field(name, value);
    }

    public Multipart file(String filename, byte[] content) {
        this.filename = filename;
        this.content = content;
        return this;
    }

    public Multipart withoutFile() {
        this.filename = null;
        this.content = null;
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    public Map<String, String> fields() {
        Map<String, String> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f[0], f[1]));
        return map;
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : fields) {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1] + "\r\n");
        }
        if (filename != null) {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(Objects.requireNonNull(content));
            write(out, "\r\n");
        }
        write(out, "--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
