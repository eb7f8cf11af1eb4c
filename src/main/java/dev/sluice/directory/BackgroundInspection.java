package dev.sluice.directory;

import dev.sluice.index.ContentCheck;
import dev.sluice.pep.ProjectName;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder's files judged in the background as they are listed, one at a time (the folder's files are many, and
 * serving goes on meanwhile): each file once, however often it is listed before its turn.
 */
final class BackgroundInspection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundInspection.class);

    private final String source;
    private final ContentCheck check;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker;

    BackgroundInspection(String source, ContentCheck check) {
        this.source = source;
        this.check = check;
        this.worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("inspect-" + source).factory());
    }

    boolean judged(String sha256) {
        return check.judged(sha256);
    }

    /** Why a judged file must not be served, or null. */
    String refusal(String sha256) {
        return check.knownRefusal(sha256);
    }

    /** Queues the file unless it was judged or is queued already. */
    void schedule(ProjectName project, String filename, String sha256, Path file) {
        if (check.judged(sha256) || !queued.add(sha256)) {
            return;
        }
        worker.execute(() -> {
            try {
                check.refusal(project, filename, sha256, file, "directory");
            } catch (RuntimeException e) {
                LOG.warn("'{}' in {} could not be inspected: {}", filename, source, e.getMessage());
            } finally {
                queued.remove(sha256);
            }
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
