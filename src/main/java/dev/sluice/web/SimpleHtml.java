package dev.sluice.web;

import dev.sluice.http.FileUrls;
import dev.sluice.index.DistributionFile;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectPage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The simple API's HTML form (PEP 503, frozen by PEP 833), with the PEP 592, 658, 691 and 792 attributes. */
final class SimpleHtml {
    private static final String API_VERSION = "1.4";
    private static final String TAIL = "  </body>\n</html>\n";

    private SimpleHtml() {}

    /** Writes the project list a few kilobytes at a time: PyPI's has 600,000 names. */
    static void projectList(ProjectList list, OutputStream out) throws IOException {
        // 8 KB, as Jackson writes JSON: a list is sent while it is rendered, and its first bytes should not wait.
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8 * 1024);
        w.append(head("Simple index", ProjectPage.ACTIVE, null));
        list.forEach(p -> w.append("    <a href=\"").append(Html.escape(p.normalizedName())).append("/\">")
                .append(Html.escape(p.displayName())).append("</a><br />\n"));
        w.append(TAIL);
        w.flush();
    }

    static byte[] projectPage(ProjectPage page) {
        StringBuilder sb = head("Links for " + page.name(), page.status(), page.statusReason());
        sb.append("    <h1>Links for ").append(Html.escape(page.name().value())).append("</h1>\n");
        for (DistributionFile f : page.files()) {
            sb.append("    <a href=\"").append(Html.escape(FileUrls.relative(f.filename()))).append("#sha256=").append(f.sha256()).append('"');
            if (f.requiresPython() != null) {
                sb.append(" data-requires-python=\"").append(Html.escape(f.requiresPython())).append('"');
            }
            if (f.coreMetadata()) {
                String value = f.coreMetadataSha256() == null ? "true" : "sha256=" + f.coreMetadataSha256();
                sb.append(" data-core-metadata=\"").append(value).append('"');
                sb.append(" data-dist-info-metadata=\"").append(value).append('"');
            }
            if (f.yanked()) {
                sb.append(" data-yanked=\"").append(Html.escape(f.yankReason() == null ? "" : f.yankReason())).append('"');
            }
            sb.append('>').append(Html.escape(f.filename())).append("</a><br />\n");
        }
        return finish(sb);
    }

    private static StringBuilder head(String title, String status, String statusReason) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html>\n  <head>\n");
        sb.append("    <meta name=\"pypi:repository-version\" content=\"").append(API_VERSION).append("\">\n");
        sb.append("    <meta name=\"pypi:project-status\" content=\"").append(Html.escape(status)).append("\">\n");
        if (statusReason != null) {
            sb.append("    <meta name=\"pypi:project-status-reason\" content=\"").append(Html.escape(statusReason)).append("\">\n");
        }
        sb.append("    <title>").append(Html.escape(title)).append("</title>\n  </head>\n  <body>\n");
        return sb;
    }

    private static byte[] finish(StringBuilder sb) {
        sb.append(TAIL);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
