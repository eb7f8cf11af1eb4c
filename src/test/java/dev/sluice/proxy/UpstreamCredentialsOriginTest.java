package dev.sluice.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The upstream's credentials go to its own origin only: scheme, host and port (issue 15, hole 9). */
class UpstreamCredentialsOriginTest {
    private static final URI INDEX = URI.create("https://mirror.example/simple/");

    @Test
    void theSameOriginGetsThem() {
        assertThat(UpstreamClient.sameOrigin(URI.create("https://MIRROR.example/simple/demo/"), INDEX)).isTrue();
        assertThat(UpstreamClient.sameOrigin(URI.create("https://mirror.example:443/files/demo-1.0.tar.gz"), INDEX)).isTrue();
    }

    @Test
    void anotherPortADowngradeOrAnotherHostDoNot() {
        assertThat(UpstreamClient.sameOrigin(URI.create("https://mirror.example:8443/simple/demo/"), INDEX)).isFalse();
        assertThat(UpstreamClient.sameOrigin(URI.create("http://mirror.example/simple/demo/"), INDEX)).isFalse();
        assertThat(UpstreamClient.sameOrigin(URI.create("https://files.example/demo-1.0.tar.gz"), INDEX)).isFalse();
    }
}
