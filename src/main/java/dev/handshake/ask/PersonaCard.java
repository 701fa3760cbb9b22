package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Persona;

/** {@code /sla persona ops-leader}: who the persona is, their traits and their pains. */
final class PersonaCard {

    private PersonaCard() {}

    static Answer render(Agreement agreement, Persona persona, boolean share) {
        Card card = new Card()
                .header(persona.name())
                .about(Snippets.joined("Persona", Snippets.code(persona.id()), Snippets.aliases(persona.aliases())),
                        agreement)
                .text(Snippets.labelled("In one line", persona.summary()))
                .text(Snippets.labelled("Who they are", persona.description()))
                .divider()
                .list("*Traits*", Snippets.bullets(persona.traits()))
                .list("*Pains*", Snippets.bullets(persona.pains()))
                .context("Tie every lead you hand off to a persona, so sales can judge its fit.");
        String text = persona.name() + ": " + blankToEmpty(persona.summary());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    private static String blankToEmpty(String text) {
        return text == null || text.isBlank() ? "" : text;
    }
}
