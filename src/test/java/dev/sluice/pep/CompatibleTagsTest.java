package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.testing.PackagingOracle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibleTagsTest {
    @Test
    void theTagsAndTheirOrderAreThoseOfPackaging() {
        List<int[]> pythons = List.of(new int[] {3, 8}, new int[] {3, 11}, new int[] {3, 12}, new int[] {3, 13});
        List<List<String>> platformLists = List.of(CompatibleTags.platformsFor("manylinux_2_28_x86_64"),
                CompatibleTags.platformsFor("manylinux2014_aarch64"), List.of("win_amd64"), List.of("macosx_11_0_arm64"),
                List.of("musllinux_1_2_x86_64", "linux_x86_64"));
        List<ObjectNode> requests = new ArrayList<>();
        for (int[] python : pythons) {
            for (List<String> platforms : platformLists) {
                ObjectNode r = PackagingOracle.request("compatible_tags");
                r.putArray("python").add(python[0]).add(python[1]);
                ArrayNode p = r.putArray("platforms");
                platforms.forEach(p::add);
                requests.add(r);
            }
        }
        List<JsonNode> answers = PackagingOracle.ask(requests);
        int i = 0;
        for (int[] python : pythons) {
            for (List<String> platforms : platformLists) {
                List<String> expected = new ArrayList<>();
                answers.get(i++).forEach(t -> expected.add(t.asText()));
                assertThat(CompatibleTags.cpython(python[0], python[1], platforms).tags())
                        .as("Python %d.%d on %s", python[0], python[1], platforms).isEqualTo(expected);
            }
        }
    }

    @Test
    void aManylinuxPlatformTakesEveryOlderGlibcWithTheLegacyNamesInPackagingsOrder() {
        List<String> platforms = CompatibleTags.platformsFor("manylinux_2_28_x86_64");
        assertThat(platforms).startsWith("manylinux_2_28_x86_64", "manylinux_2_27_x86_64").endsWith("manylinux_2_5_x86_64", "manylinux1_x86_64")
                .containsSubsequence("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64")
                .containsSubsequence("manylinux_2_12_x86_64", "manylinux2010_x86_64").hasSize(24 + 3);
        assertThat(CompatibleTags.platformsFor("manylinux2014_aarch64")).first().isEqualTo("manylinux_2_17_aarch64");
        assertThat(CompatibleTags.platformsFor("manylinux2014_aarch64")).hasSize(2);
        assertThat(CompatibleTags.platformsFor("win_amd64")).containsExactly("win_amd64");
    }

    @Test
    void aWheelsPriorityIsItsBestTagAndAForeignWheelHasNone() {
        CompatibleTags tags = CompatibleTags.cpython(3, 11, CompatibleTags.platformsFor("manylinux_2_28_x86_64"));
        int specific = tags.priority((WheelFilename) DistributionFilename.parse("a-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"));
        int abi3 = tags.priority((WheelFilename) DistributionFilename.parse("a-1.0-cp39-abi3-manylinux_2_28_x86_64.whl"));
        int pure = tags.priority((WheelFilename) DistributionFilename.parse("a-1.0-py3-none-any.whl"));
        assertThat(specific).isLessThan(abi3);
        assertThat(abi3).isLessThan(pure);
        assertThat(tags.priority((WheelFilename) DistributionFilename.parse("a-1.0-cp311-cp311-manylinux_2_34_x86_64.whl"))).isEqualTo(-1);
        assertThat(tags.priority((WheelFilename) DistributionFilename.parse("a-1.0-cp312-abi3-manylinux_2_28_x86_64.whl"))).isEqualTo(-1);
        assertThat(tags.priority((WheelFilename) DistributionFilename.parse("a-1.0-cp311-cp311-win_amd64.whl"))).isEqualTo(-1);
    }
}
