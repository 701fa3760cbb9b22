package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GlossaryTerm;
import dev.handshake.slack.Mrkdwn;

/** {@code /sla <term>} for a glossary term: its agreed definition. */
final class GlossaryCard {

    private GlossaryCard() {}

    static Answer render(Agreement agreement, GlossaryTerm entry, boolean share) {
        String definition = entry.definition() == null || entry.definition().isBlank()
                ? "_No definition yet._" : Mrkdwn.escape(entry.definition().strip());
        Card card = new Card()
                .header(entry.name())
                .about(Snippets.joined("Glossary", Snippets.code(entry.id()), Snippets.aliases(entry.aliases())),
                        agreement)
                .text(definition);
        String text = entry.name() + ": " + (entry.definition() == null ? "" : entry.definition());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }
}
