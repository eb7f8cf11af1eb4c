package dev.sluice.hosted;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.sluice.testing.Asking.ANYONE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.archive.ArchiveLimits;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Resource;
import dev.sluice.pep.ProjectName;
import dev.sluice.store.Database;
import dev.sluice.store.FileSystemBlobStore;
import dev.sluice.testing.MovableClock;
import dev.sluice.testing.Wheels;
import dev.sluice.util.Digests;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher and the hosted source together, without HTTP: what an upload stores is what the source serves. */
class PublisherTest {
    @TempDir
    Path dir;

    Database database;
    HostedSource source;
    Publisher publisher;
    ReleaseManager releases;
    final MovableClock clock = new MovableClock();

    @BeforeEach
    void open() throws Exception {
        database = Database.openSqlite(dir.resolve("sluice.db"));
        SqlHostedCatalog catalog = new SqlHostedCatalog(database.jdbi());
        FileSystemBlobStore blobs = new FileSystemBlobStore(dir.resolve("blobs"));
        source = new HostedSource("local", catalog, blobs, new dev.sluice.store.ChangeFeed(database));
        publisher = new Publisher(source, catalog, blobs, 10 << 20, ArchiveLimits.DEFAULT, clock, UploadInspection.NONE);
        releases = new ReleaseManager(source, catalog);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static UploadRequest upload(Path wheel, String name, String version) throws Exception {
        byte[] bytes = Files.readAllBytes(wheel);
        Map<String, List<String>> fields = Map.of(":action", List.of("file_upload"), "protocol_version", List.of("1"),
                "name", List.of(name), "version", List.of(version), "filetype", List.of("bdist_wheel"),
                "sha256_digest", List.of(Digests.of(bytes).sha256()));
        return new UploadRequest(fields, wheel.getFileName().toString(), new ByteArrayInputStream(bytes), "alice");
    }

    @Test
    void anUploadIsServedWithItsMetadataAndUploadTimeAndTheSameFileAgainChangesNothing() throws Exception {
        Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("w")), "demo-lib", "1.0", "requests>=2");
        assertThat(publisher.publish(upload(wheel, "Demo_Lib", "1.0"))).isEqualTo(Publisher.Outcome.CREATED);
        assertThat(publisher.publish(upload(wheel, "demo-lib", "1.0"))).isEqualTo(Publisher.Outcome.ALREADY_PRESENT);

        ProjectPage page = source.project(ProjectName.of("demo.lib"), ANYONE);
        assertThat(page.displayName()).isEqualTo("demo-lib");
        assertThat(page.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("demo_lib-1.0-py3-none-any.whl");
            assertThat(f.sha256()).isEqualTo(Digests.of(Files.readAllBytes(wheel)).sha256());
            assertThat(f.uploadTime()).isBetween(clock.instant().minusSeconds(5), clock.instant());
        });
        Resource metadata = source.metadata(ProjectName.of("demo-lib"), "demo_lib-1.0-py3-none-any.whl", ANYONE);
        try (InputStream in = metadata.openStream(0, -1)) {
            assertThat(new String(in.readAllBytes())).contains("Requires-Dist: requests>=2");
        }
    }

    @Test
    void aDeletedFilenameAndItsOtherSpellingsStayBurned() throws Exception {
        Path wheel = Wheels.wheel(Files.createDirectories(dir.resolve("w")), "demo", "1.0");
        publisher.publish(upload(wheel, "demo", "1.0"));
        clock.advance(Duration.ofDays(1));
        assertThat(releases.delete(ProjectName.of("demo"), "1.0.0", null)).as("1.0.0 is release 1.0").isEqualTo(1);
        assertThatThrownBy(() -> publisher.publish(upload(wheel, "demo", "1.0")))
                .isInstanceOfSatisfying(UploadRejected.class, e -> assertThat(e.getMessage()).startsWith("This filename has already been used"));
        Path zeros = Wheels.wheel(Files.createDirectories(dir.resolve("z")), "demo", "1.0.0");
        assertThatThrownBy(() -> publisher.publish(upload(zeros, "demo", "1.0.0")))
                .isInstanceOfSatisfying(UploadRejected.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(source.holds(ProjectName.of("demo"))).as("the name stays internal").isTrue();
    }
}
