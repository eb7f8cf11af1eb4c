package dev.sluice.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Puts a refusal's one-line reason in the HTTP/1.1 status line ({@code HTTP/1.1 403 Forbidden: 'acme-tools' is
 * reserved ...}) instead of the standard phrase: twine and pdm print only the status line of a failed upload unless
 * asked to say more, and pip's debug output only that of a refused page. Jetty's response layer always leaves the
 * reason empty, so the answer's stream is wrapped beneath it, for the refused request only (an answer that is not a
 * refusal costs nothing), and hands the generator the phrase.
 */
public final class StatusReason {
    /** Long enough for a refusal's sentence; status lines are not meant for essays. */
    private static final int MAX_LENGTH = 300;

    private StatusReason() {}

    /** Gives the answer to this request, while it is not committed, the reason as its status line's phrase. */
    public static void set(Request request, String reason) {
        String phrase = phrase(reason);
        request.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
            @Override
            public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content,
                    Callback callback) {
                super.send(request, response == null ? null : new MetaData.Response(response.getStatus(), phrase,
                        response.getHttpVersion(), response.getHttpFields(), response.getContentLength(),
                        response.getTrailersSupplier()), last, content, callback);
            }
        });
    }

    /** The reason as a status line may carry it: printable ASCII on one line, cut at a word near the limit. */
    public static String phrase(String reason) {
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
