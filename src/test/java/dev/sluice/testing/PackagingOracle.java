package dev.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code packaging} (Debian's python3-packaging under /usr/bin/python3) as a reference: a batch of
 * JSON requests goes to src/test/python/packaging_oracle.py in one process, answers come back in order.
 * A missing Python or library fails the test loudly; it is never a skip.
 */
public final class PackagingOracle {
    public static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/packaging_oracle.py");
    public static final ObjectMapper JSON = new ObjectMapper();

    private PackagingOracle() {}

    public static ObjectNode request(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }

    public static List<JsonNode> ask(List<? extends JsonNode> requests) {
        try {
            Path input = Files.createTempFile("oracle-in", ".jsonl");
            Path output = Files.createTempFile("oracle-out", ".jsonl");
            Path errors = Files.createTempFile("oracle-err", ".txt");
            try {
                StringBuilder lines = new StringBuilder();
                for (JsonNode r : requests) {
                    lines.append(JSON.writeValueAsString(r)).append('\n');
                }
                Files.writeString(input, lines, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(PYTHON, SCRIPT.toString())
                        .redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectError(errors.toFile())
                        .start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("the packaging oracle did not finish within 5 minutes");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError("the packaging oracle failed (is python3-packaging installed? bin/test"
                            + " installs it):\n" + Files.readString(errors));
                }
                List<JsonNode> answers = new ArrayList<>();
                for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                    answers.add(JSON.readTree(line));
                }
                if (answers.size() != requests.size()) {
                    throw new AssertionError("the oracle answered " + answers.size() + " of " + requests.size()
                            + " requests:\n" + Files.readString(errors));
                }
                return answers;
            } finally {
                Files.deleteIfExists(input);
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonNode askOne(JsonNode request) {
        return ask(List.of(request)).get(0);
    }
}
