package dev.sluice.hosted;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A legacy-API upload as the web layer received it: the form fields (repeatable, as twine sends
 * {@code classifiers} and {@code requires_dist}), the file part, and who sent it.
 *
 * @param contentFilename the filename of the {@code content} part, or null when there is no file part
 */
public record UploadRequest(Map<String, List<String>> fields, String contentFilename, InputStream content,
        String uploadedBy) {

    /** A single field's value; absent fields read as the empty string, as clients may send them either way. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).strip();
    }
}
