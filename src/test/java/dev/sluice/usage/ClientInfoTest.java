package dev.sluice.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientInfoTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "pip 23.2.1 on CI-less Linux|pip/23.2.1 {\"ci\":null,\"cpu\":\"x86_64\",\"distro\":{\"id\":\"bookworm\",\"name\":\"Debian GNU/Linux\"},"
            + "\"implementation\":{\"name\":\"CPython\",\"version\":\"3.11.7\"},\"installer\":{\"name\":\"pip\",\"version\":\"23.2.1\"},"
            + "\"python\":\"3.11.7\",\"system\":{\"name\":\"Linux\",\"release\":\"6.1.0\"}}|pip|23.2.1|3.11.7|Linux|x86_64|false",
        "uv on CI|uv/0.4.18 {\"installer\":{\"name\":\"uv\",\"version\":\"0.4.18\"},\"python\":\"3.12.6\",\"system\":{\"name\":\"Darwin\"},"
            + "\"cpu\":\"arm64\",\"ci\":true}|uv|0.4.18|3.12.6|Darwin|arm64|true",
        "pip with broken JSON|pip/24.2 {\"ci\":|pip|24.2|-|-|-|-",
        "twine|twine/5.1.1 importlib-metadata/8.0 pkginfo/1.10 requests/2.32.3 urllib3/2.2.2 CPython/3.11.7|twine|5.1.1|3.11.7|-|-|-",
        "poetry|poetry/1.8.3|poetry|1.8.3|-|-|-|-",
        "a browser|Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36|browser|-|-|-|-|-",
        "curl|curl/8.5.0|curl|8.5.0|-|-|-|-",
        "something else|MirrorBot/2.0 (+https://example.org)|other:mirrorbot|2.0|-|-|-|-",
        "no agent at all|''|other|-|-|-|-|-",
        "not name/version|hello there|other|-|-|-|-|-"})
    void readsTheClientOutOfItsUserAgent(String what, String agent, String installer, String version, String python, String os,
            String cpu, Boolean ci) {
        ClientInfo client = ClientInfo.parse(agent);
        assertThat(client).isEqualTo(new ClientInfo(installer, version, python, os, cpu, ci));
    }

    @ParameterizedTest
    @CsvSource({"3000"})
    void anOversizedAgentIsUnknown(int length) {
        assertThat(ClientInfo.parse("pip/1.0 " + "x".repeat(length))).isEqualTo(ClientInfo.UNKNOWN);
    }
}
