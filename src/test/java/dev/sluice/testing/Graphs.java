package dev.sluice.testing;

/** Repository graphs (sluice.toml text) more than one test serves. */
public final class Graphs {
    private Graphs() {}

    /**
     * Hosted packages on {@code /simple/}, and an upstream behind a moderation gate in review mode on
     * {@code /indexes/outside/simple/}: nothing from outside is served until someone approves it.
     */
    public static String hostedAndModeratedUpstream(String upstreamSimpleUrl) {
        return """
                [sources.local]
                type = "hosted"

                [sources.pypi]
                type = "proxy"
                url = "%s"

                [gates.moderated]
                type = "moderation"
                source = "pypi"
                mode = "review"

                [routes.main]
                path = "/simple/"
                serve = "local"

                [routes.outside]
                serve = "moderated"
                """.formatted(upstreamSimpleUrl);
    }
}
