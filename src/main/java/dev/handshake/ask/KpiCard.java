package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Kpi;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;

/** {@code /sla <kpi>}: how a KPI is measured and its target. */
final class KpiCard {

    private KpiCard() {}

    static Answer render(Agreement agreement, Kpi kpi, boolean share) {
        List<String> fields = new ArrayList<>();
        if (kpi.target() != null && !kpi.target().isBlank()) {
            fields.add("*Target*\n" + Mrkdwn.escapeAndTruncate(kpi.target().strip(), Card.FIELD_LIMIT - 20));
        }
        if (kpi.metric() != null) {
            fields.add("*Measured by Handshake as*\n`" + kpi.metric().key() + "`");
        }
        String definition = kpi.definition() == null || kpi.definition().isBlank()
                ? "_No definition yet._" : Mrkdwn.escape(kpi.definition().strip());
        Card card = new Card()
                .header(kpi.name())
                .about(Snippets.joined("KPI", Snippets.code(kpi.id())), agreement)
                .text("*How it is measured*\n" + definition)
                .fields(fields)
                .context("See every goal and KPI with `/sla goals`.");
        String text = kpi.name() + " (" + kpi.id() + "): " + (kpi.definition() == null ? "" : kpi.definition());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }
}
