package dev.sluice.ui;

import dev.sluice.usage.Usage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's downloads per day as bars of a server-drawn SVG chart (no script, no image request): one bar a day for
 * the last {@link #DAYS} days, scaled to the busiest day. Drawn with attributes only, since the pages' policy allows
 * no inline style.
 */
public record DownloadChart(List<Bar> bars, long total, long busiest, String from, String to) {
    static final int DAYS = 30;
    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    private static final int BAR = WIDTH / DAYS;

    /** One day's bar: where it stands and what its tooltip says. */
    public record Bar(int x, int y, int width, int height, String label) {}

    static DownloadChart of(List<Usage.Count> perDayAndVersion, LocalDate today) {
        Map<String, Long> perDay = new HashMap<>();
        for (Usage.Count c : perDayAndVersion) {
            perDay.merge(c.key(), c.count(), Long::sum);
        }
        LocalDate first = today.minusDays(DAYS - 1);
        long busiest = 0;
        long total = 0;
        for (int i = 0; i < DAYS; i++) {
            long n = perDay.getOrDefault(first.plusDays(i).toString(), 0L);
            busiest = Math.max(busiest, n);
            total += n;
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            String day = first.plusDays(i).toString();
            long n = perDay.getOrDefault(day, 0L);
            int height = busiest == 0 ? 0 : (int) Math.max(n == 0 ? 0 : 2, Math.round((double) n / busiest * (HEIGHT - 20)));
            bars.add(new Bar(i * BAR + 1, HEIGHT - 16 - height, BAR - 2, height, day + ": " + n + (n == 1 ? " download" : " downloads")));
        }
        return new DownloadChart(bars, total, busiest, first.toString(), today.toString());
    }
}
