package dev.sluice.proxy;

import java.net.URI;
import java.util.Map;

/**
 * How the parts of a proxy source ask their upstream: one GET, whose answer's body the caller reads and closes.
 * {@link UpstreamClient} is the real one; tests of the parts answer in memory.
 */
interface UpstreamHttp {
    /** @throws UpstreamException naming what failed (timeout 504, unreachable 503, anything broken 502) */
    UpstreamClient.Response get(URI uri, Map<String, String> headers) throws UpstreamException;
}
