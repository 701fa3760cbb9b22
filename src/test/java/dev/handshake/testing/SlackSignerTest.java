package dev.handshake.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SlackSignerTest {

    private static final String SLACK_DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String SLACK_DOC_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J"
            + "&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA"
            + "&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    // "Grüße – 日本 🎉" and "sëcret-ключ": two-, three- and four-byte UTF-8 sequences in body and key.
    private static final String NON_ASCII_BODY = "{\"text\":\"Gr\u00fc\u00dfe \u2013 \u65e5\u672c \ud83c\udf89\"}";
    private static final String NON_ASCII_SECRET = "s\u00ebcret-\u043a\u043b\u044e\u0447";

    @Test
    void matchesSlacksDocumentedExample() {
        assertThat(new SlackSigner(SLACK_DOC_SECRET).sign(1531420618L, SLACK_DOC_BODY))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void matchesAnIndependentHmacOverTheVersionedBaseString() throws Exception {
        String secret = "test-signing-secret";
        String body = "command=%2Fsla&text=mql";

        assertThat(new SlackSigner(secret).sign(1764300000L, body))
                .isEqualTo("v0=" + hex(hmac(secret.getBytes(StandardCharsets.US_ASCII),
                        ("v0:1764300000:" + body).getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void signsNonAsciiBodyAndSecretAsUtf8Bytes() throws Exception {
        String signature = new SlackSigner(NON_ASCII_SECRET).sign(1764300000L, NON_ASCII_BODY);

        // Value computed outside the JVM (Python's hmac over the UTF-8 bytes), so it cannot share a bug with us.
        assertThat(signature).isEqualTo("v0=a42ffaec2163d82fd8ce9d26fd5cc2a1e2f90a97c887d445f7f10a5e32b3b0be");
        assertThat(signature).isEqualTo("v0=" + hex(hmac(NON_ASCII_SECRET.getBytes(StandardCharsets.UTF_8),
                ("v0:1764300000:" + NON_ASCII_BODY).getBytes(StandardCharsets.UTF_8))));
        assertThat(signature).isNotEqualTo("v0=" + hex(hmac(NON_ASCII_SECRET.getBytes(StandardCharsets.ISO_8859_1),
                ("v0:1764300000:" + NON_ASCII_BODY).getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void everyInputChangesTheSignature() {
        SlackSigner signer = new SlackSigner("secret-a");
        String base = signer.sign(1764300000L, "text=a");

        assertThat(base).matches("v0=[0-9a-f]{64}");
        assertThat(signer.sign(1764300001L, "text=a")).isNotEqualTo(base);
        assertThat(signer.sign(1764300000L, "text=b")).isNotEqualTo(base);
        assertThat(signer.sign(1764300000L, "text=a\n")).isNotEqualTo(base);
        assertThat(new SlackSigner("secret-b").sign(1764300000L, "text=a")).isNotEqualTo(base);
    }

    @Test
    void agreesWithTheSdkGeneratorOnAsciiBodies() {
        String secret = "test-signing-secret";
        String body = "payload=%7B%22type%22%3A%22block_actions%22%7D";

        assertThat(new SlackSigner(secret).sign(1764300000L, body))
                .isEqualTo(new SlackSignature.Generator(secret).generate("1764300000", body));
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> new SlackSigner("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlackSigner(null)).isInstanceOf(NullPointerException.class);
    }

    private static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
