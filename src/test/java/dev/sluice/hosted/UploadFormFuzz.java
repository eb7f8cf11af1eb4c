package dev.sluice.hosted;

import dev.sluice.fuzz.Fuzzing;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Promise;

/**
 * Fuzz target for the upload form: the input is the body of a {@code multipart/form-data} POST, read by the
 * parser beneath the servlet layer that serves {@code /legacy/}, with the server's limits (1 MiB kept in memory,
 * the rest in files). A complete body must come to an answer at once: parts, or an exception, which the upload
 * endpoint answers with 400 or 413. The parts found become an {@link UploadRequest}.
 */
public final class UploadFormFuzz {
    static final String BOUNDARY = "sluice-fuzz-boundary";

    private UploadFormFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(BOUNDARY);
        parser.setFilesDirectory(Fuzzing.file("upload-parts", new byte[0]).resolveSibling("parts"));
        java.nio.file.Files.createDirectories(parser.getFilesDirectory());
        parser.setMaxMemoryFileSize(1 << 20);
        parser.setMaxFileSize(64 << 20);
        parser.setMaxLength(128 << 20);
        parser.setMaxParts(1000);
        CompletableFuture<MultiPartFormData.Parts> parsing = new CompletableFuture<>();
        parser.parse(Content.Source.from(ByteBuffer.wrap(data)), Promise.Invocable.toPromise(parsing));
        Fuzzing.check(parsing.isDone(), "a complete body is parsed at once, without waiting for more");
        MultiPartFormData.Parts parts;
        try {
            parts = parsing.get();
        } catch (ExecutionException refused) {
            return; // the endpoint answers 400 (malformed) or 413 (too large)
        }
        try (parts) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            String contentFilename = null;
            for (var part : parts) {
                if (part.getFileName() == null) {
                    // decoded as the servlet layer decodes a form's text: malformed bytes replaced, never refused
                    ByteBuffer content = Content.Source.asByteBuffer(part.getContentSource());
                    byte[] bytes = new byte[content.remaining()];
                    content.get(bytes);
                    fields.computeIfAbsent(String.valueOf(part.getName()), k -> new ArrayList<>())
                            .add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                } else if ("content".equals(part.getName())) {
                    contentFilename = part.getFileName();
                }
            }
            UploadRequest request = new UploadRequest(fields, contentFilename, null, "fuzz");
            request.field("name");
            request.field("version");
        }
    }
}
