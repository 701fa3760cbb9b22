package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handshake.slack.RequestSignature.Verdict;
import dev.handshake.testing.SlackSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSignatureTest {

    // Slack's worked example from "Verifying requests from Slack".
    private static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long DOC_TIMESTAMP = 1531420618L;
    private static final String DOC_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J"
            + "&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA"
            + "&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static final String SECRET = "test-signing-secret-0123456789";
    private static final long NOW = 1_764_300_000L;
    private static final String BODY = "command=%2Fsla&text=mql&user_id=U0ASKER001";

    private final SlackSigner slack = new SlackSigner(SECRET);
    private final RequestSignature signature = new RequestSignature(SECRET, at(NOW));

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private Verdict verifySignedAt(long timestamp) {
        return signature.verify(Long.toString(timestamp), BODY, slack.sign(timestamp, BODY));
    }

    @Test
    void acceptsARequestSignedWithTheSecret() {
        assertThat(signature.verify(Long.toString(NOW), BODY, slack.sign(NOW, BODY))).isEqualTo(Verdict.VALID);
    }

    @Test
    void acceptsSlacksDocumentedExample() {
        RequestSignature documented = new RequestSignature(DOC_SECRET, at(DOC_TIMESTAMP));

        assertThat(documented.sign(Long.toString(DOC_TIMESTAMP), DOC_BODY)).isEqualTo(DOC_SIGNATURE);
        assertThat(documented.verify(Long.toString(DOC_TIMESTAMP), DOC_BODY, DOC_SIGNATURE)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aNonAsciiBodySignedOverItsUtf8BytesVerifies() {
        String body = "{\"event\":{\"text\":\"qualifi\u00e9 \u7ebf\u7d22 \ud83d\udd25 Gr\u00fc\u00dfe\"}}";

        assertThat(signature.verify(Long.toString(NOW), body, slack.sign(NOW, body))).isEqualTo(Verdict.VALID);
        // One changed character anywhere in the text breaks it.
        assertThat(signature.verify(Long.toString(NOW), body.replace('\u00e9', 'e'), slack.sign(NOW, body)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aNonAsciiSecretIsUsedAsUtf8Bytes() {
        String secret = "s\u00ebcret-\u043a\u043b\u044e\u0447";
        RequestSignature nonAscii = new RequestSignature(secret, at(NOW));

        assertThat(nonAscii.verify(Long.toString(NOW), BODY, new SlackSigner(secret).sign(NOW, BODY)))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void missingHeadersOrBodyAreRefused() {
        String good = slack.sign(NOW, BODY);

        assertThat(signature.verify(null, BODY, good)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify(Long.toString(NOW), BODY, null)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify(Long.toString(NOW), null, good)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify(null, null, null)).isEqualTo(Verdict.MISSING_HEADERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1764300000.5", "0x1A", "17643OOOOO", "99999999999999999999"})
    void aTimestampThatIsNotWholeSecondsIsRefused(String timestamp) {
        assertThat(signature.verify(timestamp, BODY, slack.sign(NOW, BODY))).isEqualTo(Verdict.BAD_TIMESTAMP);
    }

    @Test
    void fiveMinutesOldOrAheadIsStaleAndJustUnderIsAccepted() {
        assertThat(verifySignedAt(NOW - 300)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verifySignedAt(NOW + 300)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verifySignedAt(NOW - 299)).isEqualTo(Verdict.VALID);
        assertThat(verifySignedAt(NOW + 299)).isEqualTo(Verdict.VALID);
        assertThat(verifySignedAt(NOW - 86_400)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verifySignedAt(0)).isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void staleIsJudgedByTheInjectedClock() {
        RequestSignature later = new RequestSignature(SECRET, at(NOW + 3600));

        assertThat(later.verify(Long.toString(NOW), BODY, slack.sign(NOW, BODY))).isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void timestampsFarFromNowAreStaleEvenWhereTheDifferenceOverflows() {
        // NOW - Long.MIN_VALUE wraps around; such a timestamp must not pass as "within five minutes".
        long wraps = NOW + Long.MIN_VALUE;

        assertThat(verifySignedAt(wraps)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verifySignedAt(Long.MIN_VALUE)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(verifySignedAt(Long.MAX_VALUE)).isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String forged = new SlackSigner("not-the-secret").sign(NOW, BODY);

        assertThat(signature.verify(Long.toString(NOW), BODY, forged)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aSignatureForAnotherBodyOrTimestampIsRefused() {
        assertThat(signature.verify(Long.toString(NOW), BODY + "&text=sql", slack.sign(NOW, BODY)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, slack.sign(NOW - 1, BODY)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void signaturesOfAnotherLengthOrShapeAreRefused() {
        String good = slack.sign(NOW, BODY);

        assertThat(signature.verify(Long.toString(NOW), BODY, good.substring(0, good.length() - 1)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, good + "0")).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, "v0=deadbeef")).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, "")).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, good.substring(3))).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, "v1=" + good.substring(3)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), BODY, good.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aBlankSecretIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new RequestSignature("", at(NOW))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestSignature("   ", at(NOW))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestSignature(null, at(NOW))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RequestSignature(SECRET, null)).isInstanceOf(NullPointerException.class);
    }
}
