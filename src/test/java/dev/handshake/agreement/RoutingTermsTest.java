package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.lineOf;
import static dev.handshake.agreement.AgreementYaml.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stage's {@code routing}: how it reads, what it refuses, and how agreements without it keep loading. */
class RoutingTermsTest {

    private final AgreementLoader loader = new AgreementLoader();

    private static String routed(String routing) {
        return with("      response_hours: 4\n", "      response_hours: 4\n      routing:\n" + routing);
    }

    private List<AgreementProblem> problems(String yaml) {
        try {
            loader.parse("sla.yml", yaml);
        } catch (InvalidAgreementException e) {
            return e.problems();
        }
        return fail("expected the agreement to be rejected:\n" + yaml);
    }

    @Test
    void aPoolWithWeightsCapsAndAFallbackReads() {
        String yaml = routed("""
                        pool:
                          - U0AVA00001
                          - {user: U0BEN00002, weight: 3, cap: 2}
                        cap: 5
                        fallback: S0SALESMGR1
                        working_hours: false
                        reassign_if_unavailable: false
                """.indent(-8).indent(8));
        HandoffTerms handoff = loader.parse("sla.yml", yaml).agreement().handoff();
        RoutingTerms routing = handoff.routingFor("mql").orElseThrow();
        assertThat(routing.pool()).containsExactly(new PoolRep("U0AVA00001", 1, null), new PoolRep("U0BEN00002", 3, 2));
        assertThat(routing.capOf(routing.pool().get(0))).contains(5);
        assertThat(routing.capOf(routing.pool().get(1))).contains(2);
        assertThat(routing.fallback()).isEqualTo(new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0SALESMGR1"));
        assertThat(routing.workingHours()).isFalse();
        assertThat(routing.reassignIfUnavailable()).isFalse();
        assertThat(handoff.routing()).containsOnlyKeys("mql");
    }

    @Test
    void anAgreementWithOnlyTheOldReassignPoolRoutesEveryStageOverIt() {
        String yaml = with("    - Not a fit\n",
                "    - Not a fit\n  reassign:\n    enabled: true\n    pool: [U0AVA00001, U0BEN00002]\n");
        HandoffTerms handoff = loader.parse("sla.yml", yaml).agreement().handoff();
        assertThat(handoff.routing()).isEmpty();
        assertThat(handoff.routingFor("mql")).contains(new RoutingTerms(
                List.of(new PoolRep("U0AVA00001"), new PoolRep("U0BEN00002")), null, null, true, true));
    }

    @Test
    void withoutRoutingOrAPoolNothingIsRouted() {
        assertThat(loader.parse("sla.yml", AgreementYaml.VALID).agreement().handoff().routingFor("mql")).isEmpty();
    }

    @Test
    void withEveryStageRoutedReassignmentNeedsNoPoolOfItsOwn() {
        String yaml = with("    - Not a fit\n", "    - Not a fit\n  reassign:\n    enabled: true\n");
        String routedYaml = with("      response_hours: 4\n",
                "      response_hours: 4\n      routing:\n        pool: [U0AVA00001]\n")
                .replace("    - Not a fit\n", "    - Not a fit\n  reassign:\n    enabled: true\n");
        assertThat(problems(yaml)).extracting(AgreementProblem::path).containsExactly("handoff.reassign.pool");
        assertThat(loader.parse("sla.yml", routedYaml).agreement().handoff().reassign().enabled()).isTrue();
    }

    @Test
    void badWeightsCapsRepsAndFallbacksAreNamedWithTheirLines() {
        String yaml = routed("""
                pool:
                  - U0AVA00001
                  - {user: U0AVA00001}
                  - {user: ben, weight: 2}
                  - {user: U0CHL00003, weight: 0}
                  - {user: U0DEV00004, cap: 0, weight: 101}
                cap: -1
                fallback: "@sales-managers"
                reassign_if_unavailable: sometimes
                """.indent(8));
        Map<String, String> byPath = new java.util.LinkedHashMap<>();
        problems(yaml).forEach(problem -> byPath.put(problem.path(), problem.message()));
        assertThat(byPath).containsEntry("handoff.stages[0].routing.pool[1]",
                        "U0AVA00001 is in the pool twice (first on line " + lineOf(yaml, "- U0AVA00001") + ")")
                .containsEntry("handoff.stages[0].routing.pool[2].user", "must be a Slack user id like U0123ABCD (in "
                        + "Slack: the person's profile, ⋮, Copy member ID), was \"ben\"")
                .containsEntry("handoff.stages[0].routing.pool[3].weight", "must be a whole number from 1 to 100 (a "
                        + "rep of weight 2 gets twice the leads of a rep of weight 1), was 0")
                .containsEntry("handoff.stages[0].routing.pool[4].weight", "must be a whole number from 1 to 100 (a "
                        + "rep of weight 2 gets twice the leads of a rep of weight 1), was 101")
                .containsEntry("handoff.stages[0].routing.pool[4].cap", "must be at least 1 open handoff, was 0")
                .containsEntry("handoff.stages[0].routing.cap", "must be at least 1 open handoff, was -1")
                .containsEntry("handoff.stages[0].routing.reassign_if_unavailable",
                        "must be true or false, was \"sometimes\"");
        assertThat(byPath.get("handoff.stages[0].routing.fallback")).startsWith("must be a Slack user id (U…), user "
                + "group id (S…) or channel");
    }

    @Test
    void anUnknownKeyIsNamedWithTheClosestOne() {
        String yaml = routed("        pool: [U0AVA00001]\n        fallbak: S0SALESMGR1\n");
        assertThat(problems(yaml)).extracting(AgreementProblem::message)
                .containsExactly("unknown key \"fallbak\"; did you mean \"fallback\"?");
    }
}
