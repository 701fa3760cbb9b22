package dev.handshake.crm;

import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffEvent;

/**
 * The body of the note the HubSpot writer adds on a contact: what happened in Slack, who did it, and for a
 * rejection its reason and comment. HubSpot shows a note's body as HTML, so every text is escaped and shows as
 * written.
 */
final class NoteText {

    private NoteText() {}

    /** {@code name} is the person's Slack name, or null to show their Slack id. */
    static String of(HandoffEvent event, Handoff handoff, String name) {
        String who = name != null ? name : event.actor();
        StringBuilder html = new StringBuilder("<p><strong>Handshake: ")
                .append(escape(event.kind().replace('_', ' ')));
        if (who != null && !"system".equals(who)) {
            html.append(" by ").append(escape(who));
        }
        html.append("</strong></p>");
        if ("rejected".equals(event.kind()) && handoff.decision() != null) {
            html.append("<p>Reason: ").append(escape(handoff.decision().reason())).append("</p>");
            if (handoff.decision().comment() != null && !handoff.decision().comment().isBlank()) {
                html.append("<p>Comment: ").append(escape(handoff.decision().comment())).append("</p>");
            }
        }
        html.append("<p>Handoff ").append(escape(handoff.externalId())).append(" (").append(escape(handoff.stage()))
                .append("), received ").append(handoff.receivedAt()).append("</p>");
        return html.toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '\n' -> escaped.append("<br>");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
