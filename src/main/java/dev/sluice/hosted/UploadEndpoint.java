package dev.sluice.hosted;

import dev.sluice.access.Callers;
import dev.sluice.access.Identity;
import dev.sluice.http.RequestAttributes;
import dev.sluice.store.StorageFault;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy upload API that twine, poetry, pdm and flit speak: {@code POST /legacy/} (and {@code /legacy},
 * without a redirect, since twine treats a redirect as an error), multipart/form-data with a {@code content}
 * file part. Answers 200 when the file is stored (or the identical file already was).
 */
public final class UploadEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoint.class);
    /** The form's text fields together (a description may be a long README): the limit of a METADATA file, 16 MiB. */
    public static final long MAX_FORM_FIELDS_BYTES = dev.sluice.archive.ArchiveLimits.DEFAULT.maxMetadataBytes();

    /** How much of a refused upload is read (and dropped) so that its sender sees the answer: 2 GiB. */
    static final long DRAIN_AT_MOST = 2L << 30;
    private final String path;
    private final Publisher publisher;
    private final Callers callers;
    private final Permissions permissions;

    /** Who may upload where, as the server composes it (public names, then upload rights). */
    @FunctionalInterface
    public interface Permissions {
        UploadPermit of(Identity identity, String client);
    }
    private final long maxUploadBytes;
    private final java.util.function.BooleanSupplier hostsPackages;

    /** @param hostsPackages whether the graph served now has a hosted source (uploads are refused when not) */
    public UploadEndpoint(String path, Publisher publisher, Callers callers, Permissions permissions, long maxUploadBytes,
            java.util.function.BooleanSupplier hostsPackages) {
        this.permissions = permissions;
        this.path = path;
        this.publisher = publisher;
        this.callers = callers;
        this.maxUploadBytes = maxUploadBytes;
        this.hostsPackages = hostsPackages;
    }

    public void register(RoutesConfig routes) {
        routes.post(path, this::upload);
        routes.post(path.substring(0, path.length() - 1), this::upload);
    }

    private void upload(Context ctx) throws IOException {
        if (!hostsPackages.getAsBoolean()) {
            throw new UploadRejected(404, "This Sluice hosts no packages: its configuration has no hosted source");
        }
        Identity identity = callers.require(ctx, "Basic");
        if (!ctx.isMultipartFormData()) {
            throw new UploadRejected(400, "An upload is a multipart/form-data request with the file in a 'content' part"
                    + " (as twine sends it), not '" + ctx.contentType() + "'");
        }
        Map<String, List<String>> fields;
        UploadedFile content;
        try {
            fields = ctx.formParamMap();
            content = ctx.uploadedFile("content");
        } catch (Exception e) { // Jetty's ServletException arrives undeclared through Kotlin
            RuntimeException refusal = unreadable(e, serverStopping(ctx));
            if (refusal instanceof UploadRejected rejected && rejected.status() == 413) {
                drain(ctx);
            }
            // What is left of the body cannot be trusted to be read: the connection ends with this answer, and says so,
            // so that a client does not send its next request on a connection the server is closing.
            ctx.header("Connection", "close");
            throw refusal;
        }
        UploadRequest request = new UploadRequest(fields, content == null ? null : content.filename(),
                content == null ? null : content.content(), identity.name());
        ctx.attribute(RequestAttributes.FILENAME, request.contentFilename());
        UploadPermit permission = permissions.of(identity, ctx.ip());
        Publisher.Outcome outcome = publisher.publish(request, project -> {
            ctx.attribute(RequestAttributes.PROJECT, project.value());
            return permission.refusal(project);
        });
        LOG.info("upload of {} by {}: {}", request.contentFilename(), identity.name(), outcome);
        ctx.contentType("text/plain; charset=utf-8").result(outcome == Publisher.Outcome.CREATED ? "OK\n"
                : "OK (this file was already uploaded: nothing changed)\n");
    }

    private RuntimeException unreadable(Exception e, boolean stopping) {
        StorageFault storage = StorageFault.in(e); // the form's file part is written to disk as it arrives
        if (storage != null) {
            return storage;
        }
        if (stopping) {
            return new UploadRejected(503, "Service Unavailable: Sluice stopped while the upload was being received;"
                    + " nothing was stored, upload it again");
        }
        String message = String.valueOf(e.getMessage());
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
            message = message + " / " + cause.getMessage();
        }
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("form") && (lower.contains("max") || lower.contains("too large") || lower.contains("exceed"))) {
            return new UploadRejected(413, "Metadata too large: the form's text fields (description and the rest) exceed "
                    + MAX_FORM_FIELDS_BYTES + " bytes (16 MiB) together");
        }
        if (lower.contains("exceed") || lower.contains("too large") || lower.contains("413")) {
            return new UploadRejected(413, "File too large: the upload exceeds the limit of " + maxUploadBytes + " bytes");
        }
        return new UploadRejected(400, "The upload could not be read as multipart/form-data (interrupted or malformed): "
                + message);
    }

    /**
     * Reads the rest of a refused body (up to {@link #DRAIN_AT_MOST}) before the answer: a client still sending when
     * the connection closes sees a reset instead of the 413 that says why.
     */
    private static void drain(Context ctx) {
        try (java.io.InputStream rest = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_AT_MOST;
            int n;
            while (left > 0 && (n = rest.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException gone) {
            // the client stopped sending, or the body cannot be read any further: answer anyway
        }
    }

    /** Whether the server is stopping: a body cut off then is not the client's fault. */
    private static boolean serverStopping(Context ctx) {
        try {
            return org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                    .getConnectionMetaData().getConnector().getServer().isStopping();
        } catch (RuntimeException unknown) {
            return false;
        }
    }
}
