package dev.sluice.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts a refusal's one-line reason in the HTTP/1.1 status line ({@code HTTP/1.1 403 Forbidden: 'acme-tools' is
 * reserved ...}) instead of the standard phrase: twine, pdm and pip print only the status line of a failed request
 * unless asked to say more. Jetty's response layer always leaves the reason empty, so the reason travels in an
 * internal header that this handler's stream wrapper takes out again and hands to the generator beneath.
 */
final class ReasonPhrases extends Handler.Abstract {
    /** Set by {@link ErrorResponses}; never sent. */
    static final String HEADER = "X-Sluice-Reason";
    /** Long enough for a refusal's sentence; status lines are not meant for essays. */
    private static final int MAX_LENGTH = 300;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        request.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
            @Override
            public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content,
                    Callback callback) {
                super.send(request, response == null ? null : withReason(response), last, content, callback);
            }
        });
        return false; // only wraps: the next handler answers
    }

    private static MetaData.Response withReason(MetaData.Response response) {
        HttpFields fields = response.getHttpFields();
        String reason = fields == null ? null : fields.get(HEADER);
        if (reason == null) {
            return response;
        }
        HttpFields.Mutable without = HttpFields.build(fields);
        without.remove(HEADER);
        return new MetaData.Response(response.getStatus(), phrase(reason), response.getHttpVersion(), without,
                response.getContentLength(), response.getTrailersSupplier());
    }

    /** The reason as a status line may carry it: printable ASCII on one line, cut at a word near the limit. */
    static String phrase(String reason) {
        StringBuilder out = new StringBuilder(Math.min(reason.length(), MAX_LENGTH + 3));
        for (int i = 0; i < reason.length() && out.length() < MAX_LENGTH; i++) {
            char c = reason.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : c == '\t' || c == '\n' || c == '\r' ? ' ' : '?');
        }
        String line = out.toString().strip();
        if (reason.length() > MAX_LENGTH) {
            int space = line.lastIndexOf(' ');
            line = (space > MAX_LENGTH / 2 ? line.substring(0, space) : line) + "...";
        }
        return line;
    }
}
