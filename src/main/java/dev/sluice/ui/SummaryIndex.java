package dev.sluice.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The summaries people search, in the catalog's full-text index ({@code project_text}: SQLite FTS5, or PostgreSQL's text
 * search): one row per known
 * project with its summary, latest version and source, written when Sluice reads the project's newest metadata (every
 * hosted project, and any project whose page is opened). A query's words are matched as prefixes, all of them, best
 * ranked first; nothing a person types reaches the query syntax (words are quoted).
 */
final class SummaryIndex {
    /** What is known of a project for a results page. */
    record Known(String normalized, String summary, String version, String source) {}

    /** How many matches are ranked at most. */
    static final int CANDIDATES = 500;

    private final Jdbi jdbi;
    private final boolean postgres;
    /** What was last written per project: a page view that changes nothing writes nothing. */
    private final Map<String, Known> written = new ConcurrentHashMap<>();

    SummaryIndex(dev.sluice.store.Database catalog) {
        this.jdbi = catalog.jdbi();
        this.postgres = catalog.engine() == dev.sluice.store.Database.Engine.POSTGRESQL;
    }

    void record(Known known) {
        if (known.equals(written.get(known.normalized()))) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM project_text WHERE name = :n").bind("n", known.normalized()).execute();
            h.createUpdate("INSERT INTO project_text (name, summary, version, source) VALUES (:n, :s, :v, :src)")
                    .bind("n", known.normalized()).bind("s", known.summary()).bind("v", known.version()).bind("src", known.source())
                    .execute();
        });
        if (written.size() > 100_000) {
            written.clear();
        }
        written.put(known.normalized(), known);
    }

    /** Projects whose name or summary holds every word of the query (as a word's start), best first. */
    List<Known> search(String query, int limit) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        // Ordering by rank scores and sorts every match: a word in a third of 600,000 summaries costs 180 ms. So the best
        // are chosen among the first CANDIDATES matches (each scored by bm25 as it is read), a few milliseconds.
        record Scored(Known known, double score) {}
        // SQLite: FTS5 with bm25 (lower is better); PostgreSQL: its text search with ts_rank (higher is better, negated).
        String sql = postgres
                ? "SELECT name, summary, version, source, -ts_rank(words, q) FROM project_text, to_tsquery('simple', :q) q"
                        + " WHERE words @@ q LIMIT :candidates"
                : "SELECT name, summary, version, source, bm25(project_text) FROM project_text WHERE project_text MATCH :q"
                        + " LIMIT :candidates";
        String match = postgres ? String.join(" & ", words.stream().map(w -> w + ":*").toList())
                : String.join(" ", words.stream().map(w -> "\"" + w + "\"*").toList());
        List<Scored> candidates = jdbi.withHandle(h -> h.createQuery(sql).bind("q", match).bind("candidates", CANDIDATES)
                .map((rs, ctx) -> new Scored(new Known(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), rs.getDouble(5)))
                .list());
        return candidates.stream().sorted(java.util.Comparator.comparingDouble(Scored::score)).limit(limit).map(Scored::known).toList();
    }

    /** The facts known of these projects, by name. */
    Map<String, Known> known(List<String> names) {
        Map<String, Known> out = new java.util.HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT name, summary, version, source FROM project_text WHERE name IN (<names>)")
                .bindList("names", names).map((rs, ctx) -> new Known(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .forEach(k -> out.put(k.normalized(), k)));
        return out;
    }

    /** The query's words (letters and digits only, so that none is query syntax), at most 8, each then matched as a prefix. */
    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && words.size() < 8) {
                words.add(word);
            }
        }
        return words;
    }
}
