package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentNegotiationTest {
    @ParameterizedTest(name = "[{0}] format={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // what real clients send
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01|NULL|JSON",
        "*/*|NULL|TEXT_HTML",
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8|NULL|TEXT_HTML",
        "NULL|NULL|TEXT_HTML",
        "''|NULL|TEXT_HTML",
        // each form by name, and the 'latest' aliases
        "application/vnd.pypi.simple.v1+html|NULL|HTML",
        "text/html|NULL|TEXT_HTML",
        "application/vnd.pypi.simple.latest+json|NULL|JSON",
        "application/vnd.pypi.simple.latest+html|NULL|HTML",
        "APPLICATION/VND.PYPI.SIMPLE.V1+JSON|NULL|JSON",
        // q-values, parameters and ties
        "application/vnd.pypi.simple.v1+json; charset=utf-8|NULL|JSON",
        "text/html; q=0.5, application/vnd.pypi.simple.v1+json; q=0.4|NULL|TEXT_HTML",
        "application/vnd.pypi.simple.v1+json; q=0, text/html|NULL|TEXT_HTML",
        "application/vnd.pypi.simple.v1+html, application/vnd.pypi.simple.v1+json|NULL|HTML",
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html|NULL|JSON",
        "application/vnd.pypi.simple.v1+json;q=abc|NULL|TEXT_HTML",
        "application/*|NULL|JSON",
        "text/*|NULL|TEXT_HTML",
        // nothing acceptable: text/html, as PyPI answers
        "application/json|NULL|TEXT_HTML",
        "application/vnd.pypi.simple.v2+json|NULL|TEXT_HTML",
        // ?format= overrides Accept; an unknown one is ignored
        "text/html|application/vnd.pypi.simple.v1+json|JSON",
        "application/vnd.pypi.simple.v1+json|bogus|JSON"})
    void choosesTheFormAsPep691Asks(String accept, String format, SimpleFormat expected) {
        assertThat(ContentNegotiation.choose(accept, format)).isEqualTo(expected);
    }
}
