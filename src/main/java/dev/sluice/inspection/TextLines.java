package dev.sluice.inspection;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** The lines of an entry read as text (invalid UTF-8 replaced), numbered from 1, for rules that read source. */
final class TextLines {
    private TextLines() {}

    /** Whether the entry looks like text: no NUL in its first kilobytes. */
    static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    static void forEach(byte[] bytes, BiConsumer<Integer, String> line) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int number = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                line.accept(number++, text.substring(start, i));
                start = i + 1;
            }
        }
    }
}
