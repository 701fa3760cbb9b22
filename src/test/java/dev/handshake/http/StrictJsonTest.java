package dev.handshake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link StrictJson}: what it refuses, and that real text of any script passes. */
class StrictJsonTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLoneHighSurrogateIsRefusedWithItsPath() {
        assertThatThrownBy(() -> StrictJson.read(json("{\"lead\":{\"name\":\"x\\ud800y\"}}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class)
                .hasMessageContaining("$.lead.name").hasMessageContaining("surrogate");
    }

    @Test
    void aLoneLowSurrogateOrAReversedPairIsRefused() {
        assertThatThrownBy(() -> StrictJson.read(json("[\"ok\",\"\\udc00\\ud800\"]")))
                .isInstanceOf(StrictJson.MalformedJsonException.class).hasMessageContaining("$[1]");
        assertThatThrownBy(() -> StrictJson.read(json("{\"note\":\"end\\ud83d\"}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class).hasMessageContaining("$.note");
    }

    @Test
    void aFieldNameWithHalfACharacterIsRefused() {
        assertThatThrownBy(() -> StrictJson.read(json("{\"a\\udfff\":1}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class).hasMessageContaining("field name");
    }

    @Test
    void wholeCharactersPassEscapedOrNot() {
        assertThat(StrictJson.read(json("{\"name\":\"\\ud83d\\ude00 \u00e9\u8868 \\u0007 <!here>\"}")).path("name")
                .textValue()).isEqualTo("\ud83d\ude00 \u00e9\u8868 \u0007 <!here>");
    }

    @Test
    void aNulCharacterIsRefusedWithWhereItIsBecauseNoDatabaseOfTheAppCanHoldItInText() {
        assertThatThrownBy(() -> StrictJson.read(json("{\"lead\":{\"name\":\"a\\u0000b\"}}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class).hasMessageContaining("$.lead.name")
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> StrictJson.read(json("{\"a\\u0000\":1}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class).hasMessageContaining("NUL");
    }

    @Test
    void duplicateKeysAndTrailingValuesAreRefused() {
        assertThatThrownBy(() -> StrictJson.read(json("{\"id\":\"a\",\"id\":\"b\"}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> StrictJson.read(json("{} {}")))
                .isInstanceOf(StrictJson.MalformedJsonException.class);
    }
}
