package dev.sluice.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {
    @Test
    void answersAsTheFunctionDoesAndStaysWithinItsBound() {
        Memo<String, StringBuilder> memo = new Memo<>(s -> new StringBuilder(s == null ? "unknown" : s.toUpperCase()), 3);
        for (int i = 0; i < 10; i++) {
            String agent = "pip/23." + i;
            assertThat(memo.of(agent).toString()).isEqualTo("PIP/23." + i);
            assertThat(memo.of(agent)).as("the remembered answer itself").isSameAs(memo.of(agent));
            assertThat(memo.size()).isLessThanOrEqualTo(3);
        }
        assertThat(memo.of(null).toString()).isEqualTo("unknown");
    }

    @Test
    void remembersNullAnswersToo() {
        AtomicInteger calls = new AtomicInteger();
        Memo<String, String> memo = new Memo<>(s -> {
            calls.incrementAndGet();
            return s.contains("-") ? s.substring(s.indexOf('-') + 1) : null;
        }, 10);
        assertThat(memo.of("not a distribution")).isNull();
        assertThat(memo.of("not a distribution")).isNull();
        assertThat(memo.of("foo-1.0")).isEqualTo("1.0");
        assertThat(calls).hasValue(2);
    }
}
