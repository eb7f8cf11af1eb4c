package dev.sluice.moderation;

import java.net.URI;

/**
 * {@code [moderation]} of {@code sluice.toml}: where every new request and decision is announced.
 *
 * @param webhook an HTTP(S) URL that receives a JSON event for each, or null
 */
public record ModerationSettings(URI webhook) {
    public static final ModerationSettings NONE = new ModerationSettings(null);
}
