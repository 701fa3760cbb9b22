package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Persona;
import dev.handshake.slack.Mrkdwn;
import java.util.List;

/** {@code /sla personas}: every buyer persona with its one-line summary. */
final class PersonasCard {

    private static final int SUMMARY_LIMIT = 500;

    private PersonasCard() {}

    static Answer render(Agreement agreement, boolean share) {
        List<Persona> personas = agreement.personas();
        List<String> lines = personas.stream().map(PersonasCard::line).toList();
        Card card = new Card()
                .header("Buyer personas")
                .about(personas.size() + (personas.size() == 1 ? " persona" : " personas"), agreement)
                .divider();
        if (personas.isEmpty()) {
            card.text("The agreement defines no personas yet.");
        } else {
            card.list("", lines).context("Ask `/sla persona &lt;id&gt;` for a persona's traits and pains.");
        }
        String text = "Buyer personas: " + String.join(", ", personas.stream().map(Persona::name).toList());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    private static String line(Persona persona) {
        String line = "• " + Snippets.bold(persona.name()) + " " + Snippets.code(persona.id());
        if (persona.summary() == null || persona.summary().isBlank()) {
            return line;
        }
        return line + " — " + Mrkdwn.escapeAndTruncate(persona.summary().strip(), SUMMARY_LIMIT);
    }
}
