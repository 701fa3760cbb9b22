package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code webhooks:} and {@code hubspot:}: read into the agreement, and every mistake reported on its line. */
class CrmSectionsTest {

    private final AgreementLoader loader = new AgreementLoader();

    private static String with(String sections) throws Exception {
        return Files.readString(Path.of("sla.yml")) + "\n" + sections;
    }

    private List<AgreementProblem> problems(String yaml) {
        try {
            loader.parse("sla.yml", yaml);
        } catch (InvalidAgreementException e) {
            return e.problems();
        }
        return fail("expected the agreement to be rejected");
    }

    @Test
    void readsEndpointsAndTheHubSpotMapping() throws Exception {
        Agreement agreement = loader.parse("sla.yml", with("""
                webhooks:
                  - name: revops
                    url: https://hooks.example.com/handshake
                    events: all
                    secret_env: REVOPS_SECRET
                  - name: local-test
                    url: http://localhost:8080/in
                    events: [accepted, rejected]
                    secret_env: LOCAL_SECRET
                    retry_hours: 0.5
                    concurrency: 2
                    timeout_seconds: 5
                hubspot:
                  on:
                    accepted:
                      properties: {hs_lead_status: IN_PROGRESS, lifecyclestage: salesqualifiedlead}
                      owner: actor
                    rejected:
                      note: true
                """)).agreement();
        WebhookEndpoint revops = agreement.webhooks().get(0);
        assertThat(revops.wants("reopened")).isTrue();
        assertThat(revops.retryFor()).isEqualTo(Duration.ofHours(72));
        assertThat(revops.concurrency()).isEqualTo(8);
        WebhookEndpoint local = agreement.webhooks().get(1);
        assertThat(local.wants("accepted")).isTrue();
        assertThat(local.wants("posted")).isFalse();
        assertThat(local.retryFor()).isEqualTo(Duration.ofMinutes(30));
        assertThat(agreement.hubspot().sources()).containsExactly("hubspot");
        assertThat(agreement.hubspot().on().get("accepted").properties()).containsExactly(
                java.util.Map.entry("hs_lead_status", "IN_PROGRESS"),
                java.util.Map.entry("lifecyclestage", "salesqualifiedlead"));
        assertThat(agreement.hubspot().on().get("accepted").owner()).isEqualTo(HubSpotTerms.OwnerFrom.ACTOR);
        assertThat(agreement.hubspot().on().get("rejected").changesContact()).isFalse();
    }

    @Test
    void everyMistakeIsReportedOnItsLine() throws Exception {
        String yaml = with("""
                webhooks:
                  - name: revops
                    url: http://hooks.example.com/handshake
                    events: [acepted, rejected, rejected]
                    secret_env: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                  - name: hubspot
                    url: https://user:pw@hooks.example.com/
                    events: everything
                    secret_env: OK_SECRET
                    concurrency: 100
                hubspot:
                  sources: [marketo-typo]
                  on:
                    accepted:
                      properties: {hubspot_owner_id: "123", "Lead Status": x}
                      owner: manager
                    overdue: {}
                """);
        assertThat(problems(yaml)).containsExactly(
                new AgreementProblem("webhooks[0].url", lineOf(yaml, "url: http://hooks"), "must use https: events "
                        + "carry leads' details, so plain http is allowed only for a receiver on this machine "
                        + "(localhost)"),
                new AgreementProblem("webhooks[0].events[0]", lineOf(yaml, "events: [acepted"),
                        "unknown event \"acepted\"; did you mean \"accepted\"?"),
                new AgreementProblem("webhooks[0].events[2]", lineOf(yaml, "events: [acepted"),
                        "\"rejected\" is listed twice"),
                new AgreementProblem("webhooks[0].secret_env", lineOf(yaml, "secret_env: whsec_"), "is the secret "
                        + "itself, which must not be in this file: put it in an environment variable and name that "
                        + "variable here"),
                new AgreementProblem("webhooks[1].name", lineOf(yaml, "- name: hubspot"), "\"hubspot\" names the "
                        + "built-in HubSpot writer (hubspot:); give this endpoint another name"),
                new AgreementProblem("webhooks[1].url", lineOf(yaml, "url: https://user"), "must not carry a user "
                        + "name or password; the receiver checks the signature instead"),
                new AgreementProblem("webhooks[1].events", lineOf(yaml, "events: everything"), "must be \"all\" or a "
                        + "list of event kinds such as [accepted, rejected], was \"everything\""),
                new AgreementProblem("webhooks[1].concurrency", lineOf(yaml, "concurrency: 100"), "must be a whole "
                        + "number from 1 to 32, was 100"),
                new AgreementProblem("hubspot.sources[0]", lineOf(yaml, "sources: [marketo-typo]"), "intake.sources "
                        + "has no source named \"marketo-typo\"; list the sources whose handoffs are HubSpot contacts"),
                new AgreementProblem("hubspot.on.accepted.properties.hubspot_owner_id",
                        lineOf(yaml, "properties: {hubspot_owner_id"), "set the owner with owner: actor or owner: "
                        + "assignee (found by the person's email among HubSpot's owners), not as a fixed property"),
                new AgreementProblem("hubspot.on.accepted.properties.Lead Status",
                        lineOf(yaml, "properties: {hubspot_owner_id"), "\"Lead Status\" is not a HubSpot internal "
                        + "property name (lower-case letters, digits and _, such as hs_lead_status; see the "
                        + "property's settings in HubSpot)"),
                new AgreementProblem("hubspot.on.accepted.owner", lineOf(yaml, "owner: manager"),
                        "must be \"actor\" or \"assignee\", was \"manager\""),
                new AgreementProblem("hubspot.on.overdue", lineOf(yaml, "overdue: {}"),
                        "changes nothing; give properties:, owner: or note: true"));
    }
}
