package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.PackagingOracle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreMetadataTest {
    private static final String METADATA_24 = """
            Metadata-Version: 2.4
            Name: demo-pkg
            Version: 1.2.0
            Summary: A demo
            License-Expression: MIT OR Apache-2.0
            License-File: LICENSE
            License-File: NOTICE
            Dynamic: Classifier
            Classifier: Programming Language :: Python
            Classifier: License :: OSI Approved
            Requires-Python: >=3.9
            Requires-Dist: requests>=2; extra == "http"
            Requires-Dist: tomli; python_version < "3.11"
            Provides-Extra: http
            Description-Content-Type: text/markdown

            # Demo

            Body text.
            """;

    @Test
    void readsRepeatedFieldsAndTheBody() {
        CoreMetadata m = CoreMetadata.parse(METADATA_24.getBytes(StandardCharsets.UTF_8));
        assertThat(m.metadataVersion()).isEqualTo("2.4");
        assertThat(m.name()).isEqualTo("demo-pkg");
        assertThat(m.licenseExpression()).isEqualTo("MIT OR Apache-2.0");
        assertThat(m.licenseFiles()).containsExactly("LICENSE", "NOTICE");
        assertThat(m.dynamic()).containsExactly("classifier");
        assertThat(m.requiresDist()).containsExactly("requests>=2; extra == \"http\"", "tomli; python_version < \"3.11\"");
        assertThat(m.providesExtra()).containsExactly("http");
        assertThat(m.description()).isEqualTo("# Demo\n\nBody text.\n");
    }

    @Test
    void unfoldsALegacyDescriptionField() {
        String legacy = "Metadata-Version: 1.1\nName: old\nVersion: 0.1\nDescription: First line\n        |second\n"
                + "        third\nPlatform: UNKNOWN\n";
        assertThat(CoreMetadata.parse(legacy).description()).isEqualTo("First line\nsecond\nthird");
        assertThat(CoreMetadata.parse(legacy).get("platform")).isEqualTo("UNKNOWN");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "Metadata-Version: 2.1\nName: caf\u00e9\nVersion: 1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CoreMetadata.parse(latin1)).isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    /** Odd header layouts, read exactly as Python's email package (compat32) reads them. */
    @Test
    void readsOddLayoutsAsPythonsEmailPackageDoes() {
        List<String> texts = List.of(METADATA_24,
                "Name: a\r\nVersion: 1\r\n\r\nbody\r\n",
                "Name: a\rSummary: folded\r  over\r\n\tlines\nVersion: 1\n",
                "  leading continuation\nName: a\nnot a header line\nVersion: 2\n",
                "From someone\nName: a\n:no name\n  orphan continuation\nVersion: 1\n\nbody",
                "Name: a\nFrom the end\n\nbody\n",
                "Name:no-space\nName :spaced\nX-Empty:\nVersion:\t 1 \n",
                "",
                "\n\nonly body");
        List<JsonNode> answers = PackagingOracle.ask(texts.stream()
                .map(t -> PackagingOracle.request("metadata_text").put("text", t)).toList());
        for (int i = 0; i < texts.size(); i++) {
            CoreMetadata m = CoreMetadata.parse(texts.get(i));
            List<List<String>> python = new java.util.ArrayList<>();
            answers.get(i).get("headers").forEach(h -> python.add(List.of(h.get(0).asText(), h.get(1).asText())));
            assertThat(m.headers().stream().map(e -> List.of(e.getKey(), e.getValue())).toList())
                    .as("headers of %s", texts.get(i)).isEqualTo(python);
            assertThat(m.body()).as("body of %s", texts.get(i)).isEqualTo(answers.get(i).get("body").asText());
        }
        assertThat(CoreMetadata.parse("Name: x\n").headers()).containsExactly(Map.entry("Name", "x"));
    }
}
