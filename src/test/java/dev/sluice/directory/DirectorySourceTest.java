package dev.sluice.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import dev.sluice.util.Digests;
import dev.sluice.testing.Wheels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
    @TempDir
    Path work;

    private DirectorySource source(Path folder, Duration rescan) throws IOException {
        return new DirectorySource("wheelhouse", folder, rescan, work.resolve("memory/wheelhouse.sha256"), Clock.systemUTC(),
                dev.sluice.index.ContentCheck.NONE, false);
    }

    @Test
    void asOfAMomentOnlyProjectsWithAFileThenAreListed() throws IOException {
        Path folder = Files.createDirectories(work.resolve("dated"));
        Path old = Wheels.wheel(folder, "old-lib", "1.0");
        Wheels.wheel(folder, "new-lib", "1.0");
        Instant moment = Instant.parse("2026-01-01T00:00:00Z");
        Files.setLastModifiedTime(old, FileTime.from(moment.minusSeconds(60)));

        ProjectList then = source(folder, Duration.ZERO).projects(ANYONE.asOf(moment));

        try (var entries = then.stream()) {
            assertThat(entries.map(ProjectList.Entry::normalizedName)).containsExactly("old-lib");
        }
        try (var entries = source(folder, Duration.ZERO).projects(ANYONE).stream()) {
            assertThat(entries.map(ProjectList.Entry::normalizedName)).containsExactly("new-lib", "old-lib");
        }
    }

    @Test
    void servesAFlatFolderAndNestedFoldersGroupedByTheProjectEachFilenameNames() throws IOException {
        Path folder = Files.createDirectories(work.resolve("packages"));
        Path wheel = Wheels.wheel(folder, "Acme.Utils", "1.0");
        Files.write(folder.resolve("acme_utils-0.9.tar.gz"), new byte[] {1, 2, 3});
        Path nested = Files.createDirectories(folder.resolve("requests"));
        Files.write(nested.resolve("requests-2.32.0.tar.gz"), new byte[] {4, 5});
        Files.setLastModifiedTime(wheel, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        DirectorySource source = source(folder, Duration.ofMinutes(5));

        assertThat(source.projects(ANYONE).projects()).extracting(ProjectList.Entry::normalizedName).containsExactly("acme-utils", "requests");
        ProjectPage page = source.project(ProjectName.of("ACME_utils"), ANYONE);
        assertThat(page.files()).extracting(DistributionFile::version).containsExactly("0.9", "1.0");
        DistributionFile w = page.files().get(1);
        assertThat(w.sha256()).isEqualTo(Digests.of(Files.readAllBytes(wheel)).sha256());
        assertThat(w.uploadTime()).as("the modification time stands for the upload time").isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(w.packagetype()).isEqualTo("bdist_wheel");
        Resource r = source.file(ProjectName.of("requests"), "requests-2.32.0.tar.gz", ANYONE);
        try (InputStream in = r.openStream(1, 1)) {
            assertThat(in.readAllBytes()).containsExactly(5);
        }
        assertThatThrownBy(() -> source.file(ProjectName.of("requests"), "requests-9.tar.gz", ANYONE)).isInstanceOf(FileNotFound.class);
        assertThatThrownBy(() -> source.project(ProjectName.of("nothing"), ANYONE)).isInstanceOf(ProjectNotFound.class);
        assertThatThrownBy(() -> source.metadata(ProjectName.of("acme-utils"), w.filename(), ANYONE))
                .as("no PEP 658 of its own: MetadataInjector adds it").isInstanceOf(FileNotFound.class);
    }

    @Test
    void skipsWhatIsNotADistributionHiddenEntriesAndLinksOutOfTheFolder() throws IOException {
        Path folder = Files.createDirectories(work.resolve("packages"));
        Files.writeString(folder.resolve("README.txt"), "not a package");
        Files.write(folder.resolve("evil-1.0.exe"), new byte[] {1});
        Files.createDirectories(folder.resolve(".git"));
        Files.write(folder.resolve(".git/hidden-1.0.tar.gz"), new byte[] {1});
        Path outside = Files.write(work.resolve("secret-1.0.tar.gz"), new byte[] {1});
        Files.createSymbolicLink(folder.resolve("secret-1.0.tar.gz"), outside);
        Files.write(folder.resolve("fine-1.0.tar.gz"), new byte[] {1});

        assertThat(source(folder, Duration.ZERO).projects(ANYONE).projects()).extracting(ProjectList.Entry::normalizedName)
                .containsExactly("fine");
    }

    @Test
    void servesTheFilesOfAStaticPep503TreeAsDir2piOrAMirrorWritesIt() throws IOException {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.write(tree.resolve("foo-1.0.tar.gz"), new byte[] {1});
        Path project = Files.createDirectories(tree.resolve("simple/foo"));
        Files.writeString(tree.resolve("simple/index.html"), "<a href='foo/'>foo</a>");
        Files.writeString(project.resolve("index.html"), "<a href='foo-1.0.tar.gz'>foo-1.0.tar.gz</a>");
        Files.createSymbolicLink(project.resolve("foo-1.0.tar.gz"), Path.of("../../foo-1.0.tar.gz"));
        Path deep = Files.createDirectories(tree.resolve("packages/ab/cd/0123456789abcdef"));
        Wheels.wheel(deep, "bar", "2.0");

        DirectorySource source = source(tree, Duration.ZERO);
        assertThat(source.projects(ANYONE).projects()).extracting(ProjectList.Entry::normalizedName).containsExactly("bar", "foo");
        assertThat(source.project(ProjectName.of("foo"), ANYONE).files()).as("the link to the same file is not a second copy").hasSize(1);
        assertThat(source.project(ProjectName.of("bar"), ANYONE).files()).extracting(DistributionFile::filename)
                .containsExactly("bar-2.0-py3-none-any.whl");
    }

    @Test
    void picksUpNewFilesAfterTheRescanIntervalAndRemembersHashesAcrossRestarts() throws IOException {
        Path folder = Files.createDirectories(work.resolve("packages"));
        Files.write(folder.resolve("tool-1.0.tar.gz"), new byte[] {1});
        DirectorySource source = source(folder, Duration.ZERO);
        ProjectPage before = source.project(ProjectName.of("tool"), ANYONE);
        Files.write(folder.resolve("tool-1.1.tar.gz"), new byte[] {2});
        ProjectPage after = source.project(ProjectName.of("tool"), ANYONE);
        assertThat(after.files()).hasSize(2);
        assertThat(after.lastSerial()).as("a change shows in the serial, so caches see it").isGreaterThan(before.lastSerial());

        String memory = Files.readString(work.resolve("memory/wheelhouse.sha256"));
        assertThat(memory.lines()).hasSize(2).allMatch(l -> l.matches("[0-9a-f]{64} 1 \\d+ tool-1\\.[01]\\.tar\\.gz"));
        Path file = folder.resolve("tool-1.0.tar.gz");
        String remembered = "f".repeat(64) + " 1 " + Files.getLastModifiedTime(file).toMillis() + " tool-1.0.tar.gz\n";
        Files.writeString(work.resolve("memory/wheelhouse.sha256"), remembered);
        assertThat(source(folder, Duration.ZERO).project(ProjectName.of("tool"), ANYONE).files().get(0).sha256())
                .as("a restarted source takes the remembered hash and does not read the file").isEqualTo("f".repeat(64));

        Files.write(file, new byte[] {9});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(source(folder, Duration.ZERO).project(ProjectName.of("tool"), ANYONE).files().get(0).sha256())
                .as("a file changed in place is hashed again").isEqualTo(Digests.of(new byte[] {9}).sha256());
    }

    @Test
    void anEmptyFolderServesNothingAndAMissingFolderIsRefusedAtStart() throws IOException {
        Path folder = Files.createDirectories(work.resolve("empty"));
        assertThat(source(folder, Duration.ZERO).projects(ANYONE).projects()).isEmpty();
        assertThatThrownBy(() -> source(work.resolve("missing"), Duration.ZERO)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a directory");
    }
}
