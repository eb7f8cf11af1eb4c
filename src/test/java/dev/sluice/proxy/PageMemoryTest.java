package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Pages read at once share one bound (issue 15, hole 7: six 60 MB pages on a 256 MB heap ran out of memory). */
class PageMemoryTest {
    @Test
    void aReadPastWhatOtherReadsLeaveFreeIsA503AndGivesBackWhatItTook() throws Exception {
        PageMemory memory = new PageMemory(1 << 20);
        assertThat(memory.take(900_000)).isTrue(); // another page being read
        assertThatThrownBy(() -> memory.read(new ByteArrayInputStream(new byte[200_000]), 64 << 20, "the page"))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.getMessage()).contains("at once"));
        assertThat(memory.held()).as("the failed read holds nothing").isEqualTo(900_000);
        memory.give(900_000);
        assertThat(memory.read(new ByteArrayInputStream(new byte[200_000]), 64 << 20, "the page")).hasSize(200_000);
        assertThat(memory.held()).isZero();
    }

    @Test
    void aPageLargerThanTheWholeBoundIsA502() {
        PageMemory memory = new PageMemory(1 << 20);
        assertThatThrownBy(() -> memory.read(new ByteArrayInputStream(new byte[2 << 20]), 64 << 20, "the page"))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.getMessage()).contains("larger than 1048576 bytes"));
        assertThat(memory.held()).isZero();
    }

    @Test
    void aBrokenReadGivesBackWhatItTook() {
        PageMemory memory = new PageMemory(1 << 20);
        InputStream breaking = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("reset");
                }
                return 1;
            }
        };
        assertThatThrownBy(() -> memory.read(breaking, 64 << 20, "the page")).isInstanceOf(IOException.class);
        assertThat(memory.held()).isZero();
    }
}
