package dev.sluice.testing;

import dev.sluice.index.DistributionFile;
import dev.sluice.index.FileNotFound;
import dev.sluice.index.ProjectList;
import dev.sluice.index.ProjectNotFound;
import dev.sluice.index.ProjectPage;
import dev.sluice.index.Provenance;
import dev.sluice.index.Repository;
import dev.sluice.index.RequestContext;
import dev.sluice.index.Resource;
import dev.sluice.index.SourceUnavailable;
import dev.sluice.pep.ProjectName;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A source for testing gates alone: projects and files held in memory, and a switch to make it unavailable. */
public final class InMemoryRepository implements Repository {
    private final String name;
    private final Map<String, List<DistributionFile>> projects = new TreeMap<>();
    private volatile boolean unavailable;
    public final AtomicInteger calls = new AtomicInteger();

    public InMemoryRepository(String name) {
        this.name = name;
    }

    /** Adds a file {@code {project}-{version}.tar.gz} uploaded at the epoch; its bytes are the filename. */
    public InMemoryRepository with(String project, String... versions) {
        for (String version : versions) {
            withUploadTime(project, version, Instant.EPOCH);
        }
        return this;
    }

    /** Adds a file uploaded at the given time (null: the source does not know). */
    public InMemoryRepository withUploadTime(String project, String version, Instant uploaded) {
        String filename = ProjectName.normalize(project).replace('-', '_') + "-" + version + ".tar.gz";
        projects.computeIfAbsent(ProjectName.normalize(project), p -> new ArrayList<>()).add(new DistributionFile(filename,
                version, "sdist", "source", filename.length(), dev.sluice.util.Digests.of(bytes(filename)).sha256(), null,
                null, null, false, null, uploaded, false, null));
        return this;
    }

    /** Adds a file as given (its bytes stay the filename, whatever sha256 it claims). */
    public InMemoryRepository withFile(String project, DistributionFile file) {
        projects.computeIfAbsent(ProjectName.normalize(project), p -> new ArrayList<>()).add(file);
        return this;
    }

    public void setUnavailable(boolean value) {
        unavailable = value;
    }

    private void call() {
        calls.incrementAndGet();
        if (unavailable) {
            throw new SourceUnavailable(503, name + " is down", null, null);
        }
    }

    @Override
    public ProjectList projects(RequestContext context) {
        call();
        return new ProjectList(projects.keySet().stream().map(p -> new ProjectList.Entry(p, p, 1)).toList(), 1);
    }

    @Override
    public ProjectPage project(ProjectName project, RequestContext context) {
        call();
        List<DistributionFile> files = projects.get(project.value());
        if (files == null) {
            throw new ProjectNotFound(project.value());
        }
        return new ProjectPage(project, project.value(), 1, files, Provenance.source(name));
    }

    @Override
    public Resource file(ProjectName project, String filename, RequestContext context) {
        DistributionFile file = project(project, context).files().stream().filter(f -> f.filename().equals(filename)).findFirst()
                .orElseThrow(() -> new FileNotFound(project.value(), filename));
        byte[] bytes = bytes(file.filename());
        return Resource.of(file.sha256(), bytes.length, (offset, length) -> new ByteArrayInputStream(bytes));
    }

    @Override
    public Resource metadata(ProjectName project, String filename, RequestContext context) {
        throw new FileNotFound(project.value(), filename + ".metadata");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
