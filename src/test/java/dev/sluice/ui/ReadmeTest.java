package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile READMEs: whatever a description holds, the page gets no script, no event handler, no javascript: link, no
 * style, and a bounded size; what is safe is kept (headings, links, code).
 */
class ReadmeTest {
    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("a script tag", "# Demo\n\n<script>alert(1)</script>\n"),
                Arguments.of("a javascript: link", "[click](javascript:alert(1))\n\n<a href=\"javascript:alert(1)\">raw</a>\n"),
                Arguments.of("an onerror attribute", "<img src=x onerror=alert(1)>\n\n<p onclick=\"x()\">hi</p>\n"),
                Arguments.of("an event attribute in a link", "<a href=\"https://example.com\" onmouseover=\"x()\">a</a>\n"),
                Arguments.of("CSS injection", "<div style=\"background:url(http://192.0.2.1/x)\">styled</div>\n"
                        + "<style>body{display:none}</style>\n"),
                Arguments.of("an iframe", "<iframe src=\"https://example.com\"></iframe>\n"),
                Arguments.of("a data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n"),
                Arguments.of("a table cell", "| a | b |\n|---|---|\n| <script>x()</script> | [l](javascript:y()) <b onclick=\"z()\">c</b> |\n"));
    }

    /** What the page would hold as elements: none that runs, styles, frames or loads, no handler, no unsafe link. */
    private static void assertInert(String html, String what) {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parseBodyFragment(html);
        assertThat(page.select("script, style, iframe, object, embed, img, link, meta, form")).as(what).isEmpty();
        for (org.jsoup.nodes.Element e : page.getAllElements()) {
            for (org.jsoup.nodes.Attribute a : e.attributes()) {
                assertThat(a.getKey()).as(what + ": <" + e.tagName() + "> attribute").doesNotStartWith("on").isNotEqualTo("style");
                if (a.getKey().equals("href")) {
                    assertThat(a.getValue()).as(what + ": link").matches("(https?|mailto):.*");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void markdownIsRenderedAndSanitised(String what, String markdown) {
        assertInert(Readme.html(markdown, "text/markdown; charset=UTF-8"), what);
        String asText = Readme.html(markdown, "text/x-rst");
        assertThat(asText).startsWith("<pre class=\"readme-text\">");
        assertInert(asText, what + ", as text");
    }

    @org.junit.jupiter.api.Test
    void whatIsSafeIsKeptAndAHugeDescriptionIsCut() {
        String html = Readme.html("# Title\n\nSee [the docs](https://docs.example.org/) and `code`.\n", "text/markdown");
        assertThat(html).contains("<h1>Title</h1>").contains("<a rel=\"nofollow noopener\" href=\"https://docs.example.org/\">the docs</a>")
                .contains("<code>code</code>");
        String huge = "word ".repeat(2_000_000); // 10 MB
        String cut = Readme.html(huge, "text/markdown");
        assertThat(cut.length()).isLessThan(Readme.MAX_CHARS + 1_000);
        assertThat(cut).endsWith("the rest is not shown.</p>");
        assertThat(Readme.html("", "text/markdown")).isEmpty();
    }
}
