package dev.handshake.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's signatures against the Standard Webhooks test vector and the official library's verifier. */
class WebhookSecretTest {

    /** The specification's libraries all test with this secret, message and expected signature. */
    @Test
    void signsTheStandardWebhooksTestVector() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theOfficialLibraryVerifiesWhatItSigns() throws Exception {
        String key = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
        WebhookSecret secret = WebhookSecret.parse(key);
        long now = System.currentTimeMillis() / 1000;
        String body = "{\"type\":\"handoff.accepted\",\"data\":{\"note\":\"Grüße, <!here> & ✓\"}}";
        HttpHeaders headers = HttpHeaders.of(Map.of("webhook-id", List.of("evt_42"), "webhook-timestamp",
                List.of(Long.toString(now)), "webhook-signature", List.of(secret.sign("evt_42", now, body))),
                (a, b) -> true);
        new Webhook(key).verify(body, headers);
        HttpHeaders tampered = HttpHeaders.of(Map.of("webhook-id", List.of("evt_43"), "webhook-timestamp",
                List.of(Long.toString(now)), "webhook-signature", List.of(secret.sign("evt_42", now, body))),
                (a, b) -> true);
        assertThatThrownBy(() -> new Webhook(key).verify(body, tampered))
                .hasMessageContaining("No matching signature");
        assertThat(URI.create("x:" + secret).toString()).doesNotContain(key.substring(6));
    }

    @Test
    void aSecretThatIsNotOneSaysWhatIsWrongWithoutQuotingIt() {
        assertThatThrownBy(() -> WebhookSecret.parse("hunter2-hunter2-hunter2-hunter2"))
                .hasMessageContaining("must start with whsec_").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64!"))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 random bytes (it holds 5)");
    }
}
