package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every message the handoff capability renders, with text in every user-provided field that would format, link or
 * quote if Slack read it as mrkdwn: each field must show its words, and none of its formatting. Checked on the JSON
 * Slack receives: every mrkdwn text object is {@code verbatim} (Slack then links no bare URL, channel or name), and
 * no formatting sequence of the input survives, even with invisible characters taken out (a zero-width space next
 * to a marker is how one forces Slack to format, not how one stops it).
 */
class HostileTextRenderTest {

    /** Each field's hostile text, the words it must still show, and the sequences that must not reach Slack. */
    private record Field(String text, List<String> words, List<String> formatting) {}

    private static final Field NAME = new Field("*VIP* _urgent_ ~x~ `y` https://evil.example/a",
            List.of("VIP", "urgent", "evil.example/a"), List.of("*VIP*", "_urgent_", "~x~", "`y`"));
    private static final Field TITLE = new Field("_CEO_ of *Ops*", List.of("CEO", "Ops"), List.of("_CEO_", "*Ops*"));
    private static final Field COMPANY = new Field("~Acme~ `Inc` www.evil.example", List.of("Acme", "Inc"),
            List.of("~Acme~", "`Inc`"));
    private static final Field EMAIL = new Field("*boss*@evil", List.of("boss"), List.of("*boss*"));
    private static final Field SOURCE = new Field("`webinar` _spring_", List.of("webinar", "spring"),
            List.of("`webinar`", "_spring_"));
    private static final Field CRM = new Field("ftp://*crm*", List.of("crm"), List.of("*crm*"));
    private static final Field PERSONA = new Field("*persona*", List.of("persona"), List.of("*persona*"));
    private static final Field NOTE = new Field("> *quoted* note\n> _second_ line https://evil.example/n",
            List.of("quoted", "second"), List.of("*quoted*", "_second_"));
    private static final Field CRITERION = new Field("_fit_ and ~score~", List.of("fit", "score"),
            List.of("_fit_", "~score~"));
    private static final Field REASON = new Field("*Not a fit*", List.of("Not a fit"), List.of("*Not a fit*"));
    private static final Field COMMENT = new Field("`drop table` _later_ <!here>", List.of("drop table", "later"),
            List.of("`drop table`", "_later_"));
    /** Not user ids, so they are shown as text. */
    private static final Field ASSIGNEE = new Field("*rep*", List.of("rep"), List.of("*rep*"));
    private static final Field DECIDER = new Field("_who_", List.of("who"), List.of("_who_"));

    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");

    private final Agreement agreement = RenderFixtures.agreement().firstContact(Duration.ofHours(8)).build();

    private static Lead hostileLead() {
        return new Lead(NAME.text(), EMAIL.text(), TITLE.text(), COMPANY.text(), PERSONA.text(), 12, SOURCE.text(),
                CRM.text());
    }

    private static RenderFixtures.HandoffBuilder hostile() {
        return RenderFixtures.handoff().lead(hostileLead()).note(NOTE.text())
                .criteriaMet(List.of(CRITERION.text(), "plain criterion")).assignee(ASSIGNEE.text());
    }

    @Test
    void everyHandoffMessageShowsUserTextLiterally() {
        Instant at = RenderFixtures.DUE.minusSeconds(600);
        Handoff pending = hostile().sla(new SlaState(1, at, null, null, null, null)).build();
        Handoff accepted = hostile().accepted(DECIDER.text(), at)
                .sla(new SlaState(0, null, at.plusSeconds(3600), null, null, at.plusSeconds(7200))).build();
        Handoff contacted = hostile().accepted(DECIDER.text(), at)
                .sla(new SlaState(0, null, at.plusSeconds(3600), at.plusSeconds(60), DECIDER.text(), null)).build();
        Handoff rejected = hostile().rejected(DECIDER.text(), at, REASON.text(), COMMENT.text())
                .outcome(MarketingOutcome.Kind.CONTESTED, ASSIGNEE.text()).build();

        Map<String, Rendered> messages = new LinkedHashMap<>();
        messages.put("handoff, pending and overdue", HandoffMessage.render(pending, agreement, null));
        messages.put("handoff, accepted", HandoffMessage.render(accepted, agreement, Duration.ofMinutes(30)));
        messages.put("handoff, contacted", HandoffMessage.render(contacted, agreement, Duration.ofMinutes(30),
                Duration.ofMinutes(5)));
        messages.put("handoff, rejected and contested", HandoffMessage.render(rejected, agreement,
                Duration.ofMinutes(30)));
        messages.put("assignee DM", AssigneeNotice.render(pending, agreement, "C0SALES001"));
        messages.put("reassigned DM", AssigneeNotice.reassigned(pending, agreement, "C0SALES001"));
        messages.put("reminder in thread", ReminderNotice.thread(pending, agreement, Duration.ofMinutes(20)));
        messages.put("reminder DM", ReminderNotice.direct(pending, agreement, Duration.ofMinutes(20), "C0SALES001"));
        messages.put("escalation", EscalationNotice.render(pending, agreement, ASSIGNEE.text()));
        messages.put("reassigned in thread", ReassignNotice.thread(pending, agreement, DECIDER.text(),
                ASSIGNEE.text()));
        messages.put("contact reminder", ContactNotices.reminder(accepted, agreement, Duration.ofMinutes(20)));
        messages.put("contact DM", ContactNotices.direct(accepted, agreement, Duration.ofMinutes(20), "C0SALES001"));
        messages.put("contact escalation", ContactNotices.escalation(accepted, agreement));
        messages.put("marketing notice", MarketingNotice.render(rejected, agreement));
        messages.put("contest", ContestNotice.render(rejected, agreement, ASSIGNEE.text()));

        for (Map.Entry<String, Rendered> message : messages.entrySet()) {
            JsonNode blocks = RenderJson.tree(message.getValue().blocks());
            List<String> mrkdwn = mrkdwnTexts(blocks, message.getKey());
            mrkdwn.add(message.getValue().text()); // the notification text is mrkdwn too
            assertNoFormattingFromUsers(message.getKey(), mrkdwn);
            RenderJson.assertOnlyAppMarkup(message.getValue(), Set.of(RenderFixtures.REP));
        }
        // Each field is shown somewhere, as words.
        String all = String.join("\n", messages.values().stream().map(RenderJson::visibleText).toList());
        for (Field field : List.of(NAME, TITLE, COMPANY, EMAIL, SOURCE, CRM, PERSONA, NOTE, CRITERION, REASON,
                COMMENT, ASSIGNEE, DECIDER)) {
            assertThat(all).as("the words of %s", field.text()).contains(field.words());
        }
        String pendingText = RenderJson.visibleText(messages.get("handoff, pending and overdue"));
        assertThat(pendingText.lines().filter(line -> line.startsWith("&gt;") || line.startsWith(">")))
                .as("a line of the note quoted").isEmpty();
    }

    @Test
    void theRejectModalShowsUserTextLiterally() {
        JsonNode view = RenderJson.tree(RejectModal.view(hostile().build(), agreement));
        List<String> mrkdwn = mrkdwnTexts(view, "reject modal");
        assertNoFormattingFromUsers("reject modal", mrkdwn);
        assertThat(String.join("\n", mrkdwn)).contains("VIP", "urgent");
    }

    /** Every mrkdwn text in the JSON; fails if one is not verbatim. */
    private static List<String> mrkdwnTexts(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        collect(node, where, out);
        return out;
    }

    private static void collect(JsonNode node, String where, List<String> out) {
        if (node.isObject() && "mrkdwn".equals(node.path("type").asText()) && node.has("text")) {
            assertThat(node.path("verbatim").asBoolean(false))
                    .as("%s: mrkdwn text object is verbatim: %s", where, node).isTrue();
            out.add(node.path("text").asText());
        }
        node.forEach(child -> collect(child, where, out));
    }

    private static void assertNoFormattingFromUsers(String where, List<String> mrkdwn) {
        for (String text : mrkdwn) {
            String visible = INVISIBLE.matcher(text).replaceAll("");
            for (Field field : List.of(NAME, TITLE, COMPANY, EMAIL, SOURCE, CRM, PERSONA, NOTE, CRITERION, REASON,
                    COMMENT, ASSIGNEE, DECIDER)) {
                for (String formatting : field.formatting()) {
                    assertThat(visible).as("%s: %s", where, text).doesNotContain(formatting);
                }
            }
        }
    }
}
