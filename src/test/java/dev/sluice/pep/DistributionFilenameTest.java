package dev.sluice.pep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionFilenameTest {
    @Test
    void readsWheelsWithBuildTagsAndCompressedTagSets() {
        WheelFilename w = (WheelFilename) DistributionFilename.parse("Foo.Bar-1.0-12abc-py2.py3-none-any.whl");
        assertThat(w.normalizedName()).isEqualTo("foo-bar");
        assertThat(w.version()).hasToString("1.0");
        assertThat(w.buildNumber()).isEqualTo("12");
        assertThat(w.buildSuffix()).isEqualTo("abc");
        assertThat(w.tags()).extracting(WheelFilename.Tag::toString).containsExactly("py2-none-any", "py3-none-any");
    }

    @Test
    void readsSdistsAndResolvesLegacyDashedNamesAgainstAKnownProject() {
        assertThat(DistributionFilename.parse("foo_bar-2.0.tar.gz").normalizedName()).isEqualTo("foo-bar");
        assertThat(DistributionFilename.parse("Foo-Bar-2.0.zip").normalizedName()).isEqualTo("foo-bar");
        DistributionFilename ambiguous = DistributionFilename.parse("foo-1.0-1.tar.gz", ProjectName.of("foo"));
        assertThat(ambiguous.version()).hasToString("1.0.post1");
        assertThat(DistributionFilename.parse("foo-1.0-1.tar.gz").normalizedName()).isEqualTo("foo-1-0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "foo-1.0-py2.7.egg|eggs are no longer accepted",
        "foo-1.0.win32.exe|Windows installers (bdist_wininst)",
        "foo-1.0.msi|bdist_msi",
        "foo-1.0-1.noarch.rpm|RPM packages",
        "foo-1.0.tar.bz2|only .tar.gz and .zip",
        "foo-1.0.txt|not a distribution",
        "../foo-1.0.tar.gz|must not contain '/'",
        "foo-1.0-py3-none.whl|five or six parts",
        "foo-1.0-x-py3-none-any.whl|build tag 'x' must start with a digit",
        "foo-one-py3-none-any.whl|'one' is not a PEP 440 version",
        "foo__bar-1.0-py3-none-any.whl|is not a valid project name",
        "foo.tar.gz|{name}-{version}",
        ".hidden-1.0.tar.gz|must not start with '.'"})
    void refusesOtherKindsWithAReason(String filename, String reason) {
        assertThatThrownBy(() -> DistributionFilename.parse(filename))
                .isInstanceOf(InvalidFilenameException.class).hasMessageContaining(reason);
    }
}
