package dev.sluice.ui;

import java.util.Locale;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * A project's description (its core metadata's body) as a page shows it. Markdown ({@code text/markdown}) is rendered
 * with commonmark (and GitHub's tables, as PyPI renders them), raw HTML in it escaped, and the result sanitised with jsoup's relaxed safelist (no script, no event
 * attributes, no style, links to http, https and mailto only, and {@code rel="nofollow noopener"}); anything else,
 * reStructuredText included, is shown as preformatted text, escaped. Descriptions are cut at {@link #MAX_CHARS}.
 */
final class Readme {
    static final int MAX_CHARS = 512 * 1024;
    private static final java.util.List<org.commonmark.Extension> EXTENSIONS = java.util.List.of(TablesExtension.create());
    private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();
    private static final Safelist SAFE = Safelist.relaxed().removeTags("img").addAttributes("a", "rel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener").addProtocols("a", "href", "http", "https", "mailto");

    private Readme() {}

    /** The description as safe HTML; empty when there is none. */
    static String html(String description, String contentType) {
        if (description == null || description.isBlank()) {
            return "";
        }
        String text = description.length() > MAX_CHARS ? description.substring(0, MAX_CHARS) : description;
        String cut = description.length() > MAX_CHARS
                ? "<p class=\"note\">The description is longer than " + MAX_CHARS / 1024 + " KiB: the rest is not shown.</p>" : "";
        boolean markdown = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/markdown");
        if (markdown) {
            return Jsoup.clean(HTML.render(MARKDOWN.parse(text)), SAFE) + cut;
        }
        return "<pre class=\"readme-text\">" + org.jsoup.nodes.Entities.escape(text) + "</pre>" + cut;
    }
}
