package dev.sluice.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes such as {@code 500000}, {@code 100MiB}, {@code 2GiB} or {@code 10MB} (1000-based) into bytes. */
final class ByteSizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size such as 500000, 100MiB or 2GiB");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        long base = unit.contains("i") ? 1024 : 1000;
        int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
        long bytes = Long.parseLong(m.group(1));
        for (int i = 0; i < power; i++) {
            bytes = Math.multiplyExact(bytes, base);
        }
        if (bytes <= 0) {
            throw new TypeConversionException("'" + value + "' must be more than 0 bytes");
        }
        return bytes;
    }
}
