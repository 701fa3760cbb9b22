package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text shared by the handoff's messages: the lead's name and details, its stage, and how long sales took.
 * The limits are escaped lengths, chosen so a whole message stays well under Slack's limits whatever the
 * lead's fields hold.
 */
final class HandoffText {

    static final int NAME_LIMIT = 150;
    static final int FIELD_LIMIT = 150;
    static final int EMAIL_LIMIT = 260;
    static final int PHONE_LIMIT = 60;
    static final int STAGE_LIMIT = 100;
    static final int REASON_LIMIT = 300;
    static final int COMMENT_LIMIT = 700;
    private static final int CRM_TEXT_LIMIT = 200;

    private HandoffText() {}

    /** The lead's name, escaped and on one line. */
    static String leadName(Handoff handoff) {
        return leadName(handoff.lead());
    }

    private static String leadName(Lead lead) {
        String name = SlackText.line(lead.name(), NAME_LIMIT);
        return name.isEmpty() ? "Unnamed lead" : name;
    }

    /** "Dana Whitfield (Northwind Logistics)", or just the name when the company is unknown. */
    static String leadSummary(Handoff handoff) {
        String company = SlackText.line(handoff.lead().company(), FIELD_LIMIT);
        return company.isEmpty() ? leadName(handoff) : leadName(handoff) + " (" + company + ")";
    }

    /** "*Dana Whitfield* (Northwind Logistics)": the name in bold, the company after it when known. */
    static String boldLeadSummary(Handoff handoff) {
        String company = SlackText.line(handoff.lead().company(), FIELD_LIMIT);
        String name = "*" + leadName(handoff) + "*";
        return company.isEmpty() ? name : name + " (" + company + ")";
    }

    /** The agreement's escalation target as a mention, or empty when the agreement names none. */
    static Optional<String> escalationTarget(Agreement agreement) {
        SlackTarget target = agreement.handoff().escalation();
        return target == null ? Optional.empty() : Optional.of(SlackText.target(target));
    }

    /** The stage's name from the agreement, or its id when the agreement no longer has it. */
    static String stageName(Handoff handoff, Agreement agreement) {
        String name = agreement.stage(handoff.stage()).map(Stage::name).orElse(handoff.stage());
        return SlackText.line(name, STAGE_LIMIT);
    }

    /** The lead's details as section fields: name, title, company, email, phone, score, source and CRM record. */
    static SectionBlock leadFields(Lead lead) {
        List<TextObject> fields = new ArrayList<>();
        addField(fields, "Name", leadName(lead));
        addField(fields, "Title", SlackText.line(lead.title(), FIELD_LIMIT));
        addField(fields, "Company", SlackText.line(lead.company(), FIELD_LIMIT));
        addField(fields, "Email", SlackText.email(lead.email(), EMAIL_LIMIT));
        addField(fields, "Phone", SlackText.phone(lead.phone(), PHONE_LIMIT));
        addField(fields, "Score", lead.score() == null ? "" : lead.score().toString());
        addField(fields, "Source", SlackText.line(lead.source(), FIELD_LIMIT));
        addField(fields, "CRM", SlackText.link(lead.crmUrl(), "Open in CRM")
                .orElseGet(() -> SlackText.line(lead.crmUrl(), CRM_TEXT_LIMIT)));
        return section(s -> s.fields(fields));
    }

    private static void addField(List<TextObject> fields, String label, String mrkdwn) {
        if (!mrkdwn.isEmpty()) {
            fields.add(markdownText("*" + label + "*\n" + mrkdwn));
        }
    }

    /** "— reason — comment" for a rejection, leaving out whichever is missing. */
    static String reasonAndComment(Decision decision) {
        StringBuilder out = new StringBuilder();
        if (decision != null && !SlackText.isBlank(decision.reason())) {
            out.append(" — ").append(SlackText.line(decision.reason(), REASON_LIMIT));
        }
        if (decision != null && !SlackText.isBlank(decision.comment())) {
            out.append(" — ").append(SlackText.line(decision.comment(), COMMENT_LIMIT));
        }
        return out.toString();
    }

    /**
     * "1 h 12 min after handoff (business time), within the 4-hour SLA" or "…, 2 h 03 min past the SLA";
     * without the SLA part when the agreement sets no response time for the stage.
     */
    static String timing(Duration took, Optional<StageHandoff> terms) {
        String line = BusinessDurations.format(took) + " after handoff (business time)";
        Optional<Duration> responseTime = terms.map(StageHandoff::responseTime);
        if (responseTime.isEmpty()) {
            return line;
        }
        Duration sla = responseTime.get();
        if (took.compareTo(sla) <= 0) {
            return line + ", within " + BusinessDurations.sla(sla);
        }
        return line + ", " + BusinessDurations.format(took.minus(sla)) + " past the SLA";
    }
}
