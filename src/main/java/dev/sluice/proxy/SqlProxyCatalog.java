package dev.sluice.proxy;

import dev.sluice.util.Micros;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link ProxyCatalog} in SQL. */
public final class SqlProxyCatalog implements ProxyCatalog {
    /** A cached blob from the columns name, sha256, size. */
    private static final org.jdbi.v3.core.mapper.RowMapper<CachedBlob> CACHED_BLOB =
            (rs, ctx) -> new CachedBlob(rs.getString(1), rs.getString(2), rs.getLong(3));

    private final Jdbi jdbi;

    public SqlProxyCatalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<CachedPage> page(String source, String project) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project, status, fetched_micros, etag, last_modified, page_json"
                        + " FROM proxy_page WHERE source = :s AND project = :p")
                .bind("s", source).bind("p", project)
                .map((rs, ctx) -> new CachedPage(rs.getString(1), rs.getInt(2),
                        Micros.toInstant(rs.getLong(3)), rs.getString(4), rs.getString(5), rs.getString(6)))
                .findOne());
    }

    @Override
    public Optional<Instant> pageFetched(String source, String project) {
        return jdbi.withHandle(h -> h.createQuery("SELECT fetched_micros FROM proxy_page WHERE source = :s AND project = :p"
                        + " AND status = 200")
                .bind("s", source).bind("p", project).mapTo(Long.class).findOne().map(Micros::toInstant));
    }

    @Override
    public void savePage(String source, CachedPage page) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO proxy_page (source, project, status, fetched_micros, etag,"
                        + " last_modified, page_json) VALUES (:s, :p, :status, :fetched, :etag, :lm, :json)"
                        + " ON CONFLICT (source, project) DO UPDATE SET status = excluded.status,"
                        + " fetched_micros = excluded.fetched_micros, etag = excluded.etag,"
                        + " last_modified = excluded.last_modified, page_json = excluded.page_json")
                .bind("s", source).bind("p", page.project()).bind("status", page.status())
                .bind("fetched", Micros.of(page.fetched())).bind("etag", page.etag())
                .bind("lm", page.lastModified()).bind("json", page.pageJson()).execute());
    }

    @Override
    public void touchPage(String source, String project, Instant fetched) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE proxy_page SET fetched_micros = :f WHERE source = :s AND project = :p")
                .bind("f", Micros.of(fetched)).bind("s", source).bind("p", project).execute());
    }

    @Override
    public List<String> projects(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project FROM proxy_page WHERE source = :s AND status = 200 ORDER BY project")
                .bind("s", source).mapTo(String.class).list());
    }

    @Override
    public long projectCount(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM proxy_page WHERE source = :s AND status = 200")
                .bind("s", source).mapTo(Long.class).one());
    }

    @Override
    public Optional<CachedBlob> blob(String source, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, sha256, size FROM proxy_blob WHERE source = :s AND name = :n")
                .bind("s", source).bind("n", name)
                .map(CACHED_BLOB).findOne());
    }

    @Override
    public List<CachedBlob> distributions(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, sha256, size FROM proxy_blob WHERE source = :s"
                + " AND name NOT LIKE '%.metadata' ORDER BY name").bind("s", source)
                .map(CACHED_BLOB).list());
    }

    @Override
    public java.util.Map<String, CachedBlob> blobs(String source, java.util.Collection<String> names) {
        java.util.Map<String, CachedBlob> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(names);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbi.useHandle(h -> h.createQuery("SELECT name, sha256, size FROM proxy_blob WHERE source = :s AND name IN (<names>)")
                    .bind("s", source).bindList("names", chunk)
                    .map(CACHED_BLOB)
                    .forEach(b -> found.put(b.name(), b)));
        }
        return found;
    }

    @Override
    public void saveBlob(String source, CachedBlob blob) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO proxy_blob (source, name, sha256, size, cached_micros)"
                        + " VALUES (:s, :n, :sha, :size, :now) ON CONFLICT (source, name) DO UPDATE SET sha256 = excluded.sha256,"
                        + " size = excluded.size, cached_micros = excluded.cached_micros")
                .bind("s", source).bind("n", blob.name()).bind("sha", blob.sha256()).bind("size", blob.size())
                .bind("now", Micros.of(Instant.now())).execute());
    }

    @Override
    public long cachedBytes(String source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(size), 0) FROM proxy_blob WHERE source = :s")
                .bind("s", source).mapTo(Long.class).one());
    }

    @Override
    public List<CachedBlob> leastRecentlyRead(String source, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, sha256, size FROM proxy_blob WHERE source = :s"
                        + " ORDER BY COALESCE(read_micros, cached_micros), name LIMIT :limit")
                .bind("s", source).bind("limit", limit)
                .map(CACHED_BLOB).list());
    }

    @Override
    public void markRead(String source, java.util.Map<String, Instant> lastRead) {
        if (lastRead.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("UPDATE proxy_blob SET read_micros = :at WHERE source = :s AND name = :n"
                    + " AND (read_micros IS NULL OR read_micros < :at)");
            lastRead.forEach((name, at) -> batch.bind("s", source).bind("n", name).bind("at", Micros.of(at)).add());
            batch.execute();
        });
    }

    @Override
    public void forgetBlob(String source, String name) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM proxy_blob WHERE source = :s AND name = :n")
                .bind("s", source).bind("n", name).execute());
    }

    @Override
    public boolean names(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM proxy_blob WHERE sha256 = :sha LIMIT 1")
                .bind("sha", sha256).mapTo(Integer.class).findOne().isPresent());
    }

    /** The blobs every proxy source's cache names: fetched again from the upstream when lost. */
    public List<dev.sluice.store.BlobUse> blobUses() {
        return jdbi.withHandle(h -> h.createQuery("SELECT source, name, sha256 FROM proxy_blob")
                .map((rs, ctx) -> new dev.sluice.store.BlobUse(rs.getString(3), "cached by " + rs.getString(1) + ": "
                        + rs.getString(2), true)).list());
    }

    /** Forgets every cached file or metadata with these bytes: the next request fetches it from the upstream again. */
    public int forget(String sha256) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM proxy_blob WHERE sha256 = :s").bind("s", sha256).execute());
    }
}
