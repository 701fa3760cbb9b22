package dev.handshake.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.config.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up checks of the CRM's secrets: every missing or wrong variable named, no secret ever quoted. */
class CrmSettingsTest {

    private static Agreement agreement(String sections) throws Exception {
        return new AgreementLoader().parse("sla.yml", Files.readString(Path.of("sla.yml")) + "\n" + sections)
                .agreement();
    }

    private static final String TWO_ENDPOINTS = """
            webhooks:
              - name: revops
                url: https://hooks.example.com/handshake
                events: all
                secret_env: REVOPS_SECRET
              - name: warehouse
                url: https://warehouse.example.com/in
                events: [accepted, rejected]
                secret_env: WAREHOUSE_SECRET
            hubspot:
              on:
                accepted:
                  properties: {hs_lead_status: IN_PROGRESS}
            """;

    @Test
    void namesEveryMissingOrWrongVariable() throws Exception {
        Agreement agreement = agreement(TWO_ENDPOINTS);
        assertThatThrownBy(() -> CrmSettings.from(agreement, Map.of("WAREHOUSE_SECRET", "s3cr3t-but-no-prefix")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "REVOPS_SECRET (the secret of the webhook endpoint \"revops\" in the agreement) is not set; "
                                + "set it to the endpoint's whsec_ secret",
                        "WAREHOUSE_SECRET (the secret of the webhook endpoint \"warehouse\" in the agreement) must "
                                + "start with whsec_ followed by base64, as Standard Webhooks secrets do (make one "
                                + "with: echo whsec_$(openssl rand -base64 32))",
                        "HUBSPOT_TOKEN is not set, but the agreement has hubspot: updates; set it to a HubSpot "
                                + "private app token (see docs/CRM.md for the scopes it needs), or remove hubspot: "
                                + "from the agreement"))
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void readsTheSecretsAndTheToken() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwC2b3a1TkLZg=";
        CrmSettings settings = CrmSettings.from(agreement(TWO_ENDPOINTS), Map.of("REVOPS_SECRET", secret,
                "WAREHOUSE_SECRET", secret, "HUBSPOT_TOKEN", "pat-na1-11111111-2222-3333-4444-555555555555"));
        assertThat(settings.secrets()).containsOnlyKeys("revops", "warehouse");
        assertThat(settings.hubspotApi()).hasToString("https://api.hubapi.com/");
        assertThat(settings.toString()).doesNotContain("pat-na1", "MfKQ9");
    }
}
