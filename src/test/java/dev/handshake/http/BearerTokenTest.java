package dev.handshake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    private static final String TOKEN = "handoff-token-0123456789abcdef";

    private final BearerToken bearer = new BearerToken(TOKEN);

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "bEaReR "})
    void matchesTheTokenWhateverTheCaseOfTheScheme(String scheme) {
        assertThat(bearer.matches(scheme + TOKEN)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "",
        "Bearer",
        "Bearer ",
        "Bearer    ",
        TOKEN,
        "Bearer" + TOKEN,
        "Basic " + TOKEN,
        "Token " + TOKEN,
        "Bearer handoff-token-0123456789abcdeF",
        "Bearer wrong-token-0123456789abcdef",
        "Bearer handoff-token-0123456789abcde",
        "Bearer handoff-token",
        "Bearer handoff-token-0123456789abcdefX",
        "Bearer " + TOKEN + TOKEN,
        "Bearer X" + TOKEN,
        "Bearer " + TOKEN + " extra",
        "Bearer Bearer " + TOKEN,
    })
    void refusesAnythingElse(String header) {
        assertThat(bearer.matches(header)).isFalse();
    }

    @Test
    void theTokenIsComparedAsUtf8Text() {
        BearerToken nonAscii = new BearerToken("t\u00f6ken-\u7ebf\u7d22-0123456789");

        assertThat(nonAscii.matches("Bearer t\u00f6ken-\u7ebf\u7d22-0123456789")).isTrue();
        assertThat(nonAscii.matches("Bearer token-\u7ebf\u7d22-0123456789")).isFalse();
    }

    @Test
    void aMissingTokenIsAProgrammingError() {
        assertThatThrownBy(() -> new BearerToken(null)).isInstanceOf(NullPointerException.class);
    }
}
