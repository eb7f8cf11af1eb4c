package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Which failures are the server's storage failing (retry later), in the words the kernel and SQLite use. */
class StorageFaultTest {
    @Test
    void spaceRunningOutIsA507() {
        StorageFault full = StorageFault.in(new UncheckedIOException(new IOException("No space left on device")));
        assertThat(full.status()).isEqualTo(507);
        assertThat(full.getMessage()).contains("disk is full (No space left on device)");
        assertThat(StorageFault.in(new RuntimeException("[SQLITE_FULL] Insertion failed because database is full"
                + " (database or disk is full)")).status()).isEqualTo(507);
        assertThat(StorageFault.in(new IOException("Disk quota exceeded")).status()).isEqualTo(507);
    }

    @Test
    void aBrokenOrReadOnlyFileSystemIsA503() {
        assertThat(StorageFault.in(new IOException("Read-only file system")).status()).isEqualTo(503);
        assertThat(StorageFault.in(new IOException("Input/output error")).status()).isEqualTo(503);
        assertThat(StorageFault.in(new RuntimeException("[SQLITE_READONLY] Attempt to write a readonly database"))
                .status()).isEqualTo(503);
    }

    @Test
    void aClientsBrokenConnectionIsNotTheServersStorage() {
        assertThat(StorageFault.in(new IOException("Connection reset by peer"))).isNull();
        assertThat(StorageFault.in(new IOException("Early EOF"))).isNull();
    }
}
