package dev.sluice.config;

/**
 * One problem in a config file, where it is: {@code sluice.toml:12: gates.cooled.period: '2 days' is not a
 * duration such as 30s, 10m, 2h or 7d}. The key is the dotted path of the setting (empty for the file).
 */
public record ConfigError(String file, int line, String key, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
