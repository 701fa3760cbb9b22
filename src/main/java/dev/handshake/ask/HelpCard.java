package dev.handshake.ask;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import java.util.List;

/** {@code /sla help}: what can be asked, with examples taken from the agreement itself. */
final class HelpCard {

    private static final int EXAMPLE_LIMIT = 40;

    private HelpCard() {}

    static Answer render(Agreement agreement, boolean share) {
        String term = exampleTerm(agreement);
        String persona = examplePersona(agreement);
        List<String> examples = List.of(
                example("/sla " + term, "a stage, persona, KPI or glossary term: definition, entry criteria, "
                        + "owner and response time"),
                example("/sla stages", "the funnel, stage by stage, with owners and response times"),
                example("/sla personas", "the buyer personas both teams agreed on"),
                example("/sla persona " + persona, "one persona: who they are, their traits and pains"),
                example("/sla goals", "the revenue target, team and individual targets, and the KPIs"),
                example("/sla terms", "who commits to what, the handoff rules, the owners and the next review"),
                example("/sla stats last quarter", "the agreement's numbers for a period (also `30d`, `2026-Q3`)"),
                example("/sla export", "a CSV of this quarter's handoffs and their events, by direct message"),
                example("/sla away until 2026-12-24", "round robin skips you until then; `/sla back` ends it"),
                example("/sla queue", "who gets the next leads, in order, and who is skipped now and why"),
                example("/sla " + term + " share", "add `share` at the end to post the answer in the channel"));
        List<LayoutBlock> blocks = new Card()
                .header("Ask the SLA")
                .about("", agreement)
                .text("Look up anything the teams agreed on. Terms match by id, name or alias, "
                        + "in any case, with or without hyphens.")
                .divider()
                .list("*What you can ask*", examples)
                .context("Only you see the answer, unless you add `share`.")
                .blocks();
        String text = "Ask /sla about a stage, persona, KPI or term, or type /sla stages, /sla personas, "
                + "/sla goals or /sla terms.";
        return new Answer(Snippets.fallback(text), blocks, share);
    }

    private static String example(String command, String what) {
        return "• " + Snippets.code(command, EXAMPLE_LIMIT + 20) + " — " + what;
    }

    private static String exampleTerm(Agreement agreement) {
        if (agreement.handoff() != null) {
            for (StageHandoff handoff : agreement.handoff().stages()) {
                if (agreement.stage(handoff.stage()).isPresent()) {
                    return shortId(handoff.stage(), "mql");
                }
            }
        }
        return agreement.stages().stream().findFirst().map(Stage::id).map(id -> shortId(id, "mql")).orElse("mql");
    }

    private static String examplePersona(Agreement agreement) {
        return agreement.personas().stream().findFirst().map(Persona::id)
                .map(id -> shortId(id, "ops-leader")).orElse("ops-leader");
    }

    private static String shortId(String id, String otherwise) {
        if (id == null || id.isBlank() || id.length() > EXAMPLE_LIMIT) {
            return otherwise;
        }
        return id.strip();
    }
}
