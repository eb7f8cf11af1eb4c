package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sluice.toml examples in README.md and docs/deployment.md are valid, and the safe-default one is the graph served
 * without a file.
 */
class ReadmeCookbookTest {
    private static final Pattern TOML_BLOCK = Pattern.compile("```toml\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyConfigInTheReadmeIsValid() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = TOML_BLOCK.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("the cookbook's three graphs").hasSizeGreaterThanOrEqualTo(3);
        List<GraphConfig> graphs = new ArrayList<>();
        for (String block : blocks) {
            Path file = Files.writeString(dir.resolve("sluice.toml"), block);
            graphs.add(ConfigReader.read(file, null).graph());
        }
        GraphConfig safeDefault = graphs.get(1);
        GraphConfig builtIn = DefaultGraph.of(((NodeConfig.Proxy) safeDefault.nodes().get("pypi")).upstream())
                .withReserved(List.of("acme-*")).graph();
        assertThat(safeDefault.routes()).extracting(GraphConfig.Route::path)
                .containsExactlyElementsOf(builtIn.routes().stream().map(GraphConfig.Route::path).toList());
        assertThat(safeDefault.nodes().get("main")).isEqualTo(new FirstOwnerConfig("main", List.of("local", "pypi-reserved")));
        assertThat(safeDefault.nodes().get("pypi-reserved"))
                .isEqualTo(new ReserveConfig("pypi-reserved", "pypi", List.of("acme-*"), null));
    }

    @Test
    void theDeploymentPagesConfigIsValidAndKeepsItsSecretsOutside() throws Exception {
        Matcher m = TOML_BLOCK.matcher(Files.readString(Path.of("docs/deployment.md")));
        assertThat(m.find()).isTrue();
        SluiceConfig config = ConfigReader.read(Files.writeString(dir.resolve("sluice.toml"), m.group(1)), null);
        assertThat(config.database()).isEqualTo("postgresql://sluice@db.internal:5432/sluice");
        assertThat(config.blobs()).isInstanceOfSatisfying(dev.sluice.store.BlobLocation.S3.class, s3 -> {
            assertThat(s3.bucket()).isEqualTo("packages");
            assertThat(s3.prefix()).isEqualTo("sluice");
            assertThat(s3.pathStyle()).isTrue();
            assertThat(s3.accessKeyId()).as("keys from the environment").isNull();
        });
    }
}
