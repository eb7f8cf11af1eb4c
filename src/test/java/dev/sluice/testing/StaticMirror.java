package dev.sluice.testing;

import dev.sluice.util.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A static PEP 503 tree of wheels under {@code root/simple/}, as a plain mirror serves it (nginx in front). */
public final class StaticMirror {
    private StaticMirror() {}

    /** Writes {@code root/simple/<project>/index.html} linking each wheel (kept in {@code root/packages/}) with its sha256. */
    public static void write(Path root, List<Path> wheels) throws IOException {
        Map<String, StringBuilder> pages = new TreeMap<>();
        for (Path wheel : wheels) {
            String name = wheel.getFileName().toString();
            String project = name.substring(0, name.indexOf('-')).replace('_', '-');
            pages.computeIfAbsent(project, p -> new StringBuilder()).append("<a href=\"../../packages/").append(name)
                    .append("#sha256=").append(Digests.of(Files.readAllBytes(wheel)).sha256()).append("\">").append(name)
                    .append("</a><br/>\n");
        }
        for (var page : pages.entrySet()) {
            Path projectDir = Files.createDirectories(root.resolve("simple").resolve(page.getKey()));
            Files.writeString(projectDir.resolve("index.html"), "<!DOCTYPE html>\n<html><body>\n" + page.getValue() + "</body></html>\n");
        }
    }
}
