package dev.handshake.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgreementChangesTest {

    private static String shipped;

    @BeforeAll
    static void read() throws Exception {
        shipped = Files.readString(Path.of("sla.yml"));
    }

    private static Agreement parse(String text) {
        return new AgreementLoader().parse("sla.yml", text).agreement();
    }

    @Test
    void theSameAgreementHasNoChanges() {
        assertThat(AgreementChanges.between(parse(shipped), parse(shipped + "\n# a comment\n"))).isEmpty();
    }

    @Test
    void changedTermsAreSaidInPlainWordsWithOldAndNewValues() {
        String edited = shipped
                .replace("response_hours: 4", "response_hours: 2")
                .replace("sales_channel: \"#sales-leads\"", "sales_channel: \"#inbound-leads\"")
                .replace("    - Student, job seeker or vendor\n", "")
                .replace("window_percent: 75", "window_percent: 50");
        List<String> lines = AgreementChanges.between(parse(shipped), parse(edited));
        assertThat(lines).contains(
                "Stage `mql` — response time: 4 business hours → 2 business hours",
                "Sales channel: #sales-leads → #inbound-leads",
                "Rejection reason removed: Student, job seeker or vendor",
                "Reminder: when 75% of the window has passed → when 50% of the window has passed");
        assertThat(lines).hasSize(4);
    }

    @Test
    void addedAndRemovedStagesAndPersonasAreListed() {
        Agreement before = parse(shipped);
        String edited = shipped.replace("id: ops-leader", "id: operations-leader")
                .replace("persona: ops-leader", "persona: operations-leader")
                .replace("[ops-leader", "[operations-leader").replace(", ops-leader", ", operations-leader")
                .replace(": ops-leader\n", ": operations-leader\n");
        List<String> lines = AgreementChanges.between(before, parse(edited));
        assertThat(lines).anyMatch(l -> l.startsWith("Persona `operations-leader`") && l.endsWith("added"));
        assertThat(lines).anyMatch(l -> l.startsWith("Persona `ops-leader`") && l.endsWith("removed"));
    }
}
