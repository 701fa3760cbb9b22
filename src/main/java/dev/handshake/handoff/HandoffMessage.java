package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.ReassignTerms;
import dev.handshake.agreement.StageHandoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The handoff as posted in the sales channel: the lead, why it qualified, its deadline and where it stands. */
public final class HandoffMessage {

    private static final int PERSONA_NAME_LIMIT = 100;
    private static final int PERSONA_SUMMARY_LIMIT = 300;
    private static final int PERSONA_ID_LIMIT = 100;
    private static final int CRITERION_LIMIT = 150;
    private static final int CRITERIA_SHOWN = 8;
    private static final int NOTE_LIMIT = 500;

    private HandoffMessage() {}

    /** As {@link #render(Handoff, Agreement, Duration, Duration)} without the time to first contact. */
    public static Rendered render(Handoff h, Agreement a, Duration decisionBusinessTime) {
        return render(h, a, decisionBusinessTime, null);
    }

    /**
     * Renders the message for the handoff's current status and where it stands on the SLA clock.
     * {@code decisionBusinessTime} is the business time from handoff to decision; it is only read once the
     * handoff is accepted or rejected, and may be null before. {@code contactBusinessTime} is the business time
     * from accepting to the first contact; it is only read once the rep marked the lead contacted, and may be
     * null (the duration is then left out).
     */
    public static Rendered render(Handoff h, Agreement a, Duration decisionBusinessTime, Duration contactBusinessTime) {
        return render(h, a, decisionBusinessTime, contactBusinessTime, Names.MENTIONS, null);
    }

    /**
     * As {@link #render(Handoff, Agreement, Duration, Duration)}, showing the assignee by {@code names} in the
     * header (the assignee gets a direct message, which is their one ping for the handoff), with why the handoff is
     * with its assignee (or with nobody) in a context line: {@code routeNote}, naming people without pinging them,
     * or null to leave it out.
     */
    public static Rendered render(Handoff h, Agreement a, Duration decisionBusinessTime, Duration contactBusinessTime,
            Names names, String routeNote) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        requireNotNegative(decisionBusinessTime, "decisionBusinessTime");
        requireNotNegative(contactBusinessTime, "contactBusinessTime");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(title(h, a, names)))));
        decidedFor(h).ifPresent(text -> blocks.add(context(List.of(markdownText(text)))));
        blocks.add(HandoffText.leadFields(h.lead()));
        persona(h, a).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        whyQualified(h).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        LeadActivity.touches(h.lead(), a.calendar().zone()).ifPresent(blocks::add);
        blocks.addAll(LeadActivity.more(h.lead()));
        due(h, a).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        reassigned(h, a).ifPresent(text -> blocks.add(context(List.of(markdownText(text)))));
        if (!SlackText.isBlank(routeNote)) {
            blocks.add(context(List.of(markdownText("Routing: " + SlackText.line(routeNote, AssigneeNotice.NOTE_LIMIT)))));
        }
        switch (h.state()) {
            case PENDING -> {
                reopened(h).ifPresent(text -> blocks.add(context(List.of(markdownText(text)))));
                overdue(h, a).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
                blocks.add(actions(buttons(h)));
            }
            case UNCLAIMED -> {
                overdue(h, a).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
                String unclaimed = "⚠️ *Unclaimed* — nobody accepted or rejected it in time, and no reassignment is "
                        + "left: it is back with marketing in " + SlackText.channel(a.handoff().marketingChannel())
                        + ". It can still be accepted here.";
                blocks.add(section(s -> s.text(markdownText(unclaimed))));
                blocks.add(actions(List.of(button(b -> b.actionId(HandoffActions.ACCEPT).text(plainText("Accept"))
                        .value(HandoffActions.value(h)).style("primary")))));
            }
            case RECYCLED -> {
                if (h.decision() == null) {
                    blocks.add(section(s -> s.text(markdownText("♻️ Nobody claimed it in time; marketing recycled it "
                            + "to nurture (by " + SlackText.user(h.marketingOutcome() == null ? null
                                    : h.marketingOutcome().by()) + ")"))));
                } else {
                    blocks.add(section(s -> s.text(markdownText(rejected(h, a, decisionBusinessTime)))));
                    marketingOutcome(h).ifPresent(text -> blocks.add(context(List.of(markdownText(text)))));
                }
            }
            case ACCEPTED, CONTACTED -> {
                blocks.add(section(s -> s.text(markdownText(accepted(h, a, decisionBusinessTime)))));
                a.handoffFor(h.stage()).map(StageHandoff::firstContact)
                        .ifPresent(window -> blocks.addAll(firstContact(h, a, window, contactBusinessTime)));
            }
            case REJECTED, CONTESTED, UPHELD -> {
                blocks.add(section(s -> s.text(markdownText(rejected(h, a, decisionBusinessTime)))));
                marketingOutcome(h).ifPresent(text -> blocks.add(context(List.of(markdownText(text)))));
            }
        }
        return new Rendered(fallback(h, a), blocks);
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException(name + " is negative: " + duration);
        }
    }

    /** The header says where the lead stands and, once decided, who decided. */
    private static String title(Handoff h, Agreement a, Names names) {
        String stage = HandoffText.stageName(h, a);
        Decision decision = h.decision();
        if (decision != null && h.state() != HandoffState.PENDING) {
            String verb = decision.outcome() == HandoffStatus.ACCEPTED ? "accepted by " : "rejected by ";
            return "*" + stage + " for sales — " + verb + SlackText.user(decision.by()) + "*";
        }
        return switch (h.state()) {
            case UNCLAIMED -> "*" + stage + " for sales — unclaimed*";
            case RECYCLED -> "*" + stage + " for sales — recycled to nurture*";
            default -> {
                String title = "*New " + stage + " for sales*";
                yield SlackText.isBlank(h.assignee()) ? title : title + " — assigned to " + names.of(h.assignee());
            }
        };
    }

    /** "Assigned to @ava; @lee took it." when someone other than the assignee decided. */
    private static Optional<String> decidedFor(Handoff h) {
        Decision decision = h.decision();
        if (decision == null || h.state() == HandoffState.PENDING || SlackText.isBlank(h.assignee())
                || h.assignee().equals(decision.by())) {
            return Optional.empty();
        }
        boolean taken = h.lastMove() != null && h.lastMove().step() == Step.TAKE;
        return Optional.of("Assigned to " + SlackText.user(h.assignee()) + "; " + SlackText.user(decision.by())
                + (taken ? " took it." : " decided."));
    }

    /** "Reopened by @lee after marketing's contest." while a reopened lead waits for sales again. */
    private static Optional<String> reopened(Handoff h) {
        if (h.lastMove() == null || h.lastMove().step() != Step.REOPEN) {
            return Optional.empty();
        }
        return Optional.of("↩️ Reopened by " + SlackText.user(h.lastMove().by()) + " after marketing's contest");
    }

    private static Optional<String> persona(Handoff h, Agreement a) {
        String id = h.lead().persona();
        if (SlackText.isBlank(id)) {
            return Optional.empty();
        }
        Optional<Persona> persona = a.persona(id);
        if (persona.isEmpty()) {
            return Optional.of("*Persona:* " + SlackText.line(id, PERSONA_ID_LIMIT));
        }
        Persona p = persona.get();
        String text = "*Persona:* " + SlackText.line(p.name(), PERSONA_NAME_LIMIT);
        if (!SlackText.isBlank(p.summary())) {
            text += " — " + SlackText.line(p.summary(), PERSONA_SUMMARY_LIMIT);
        }
        return Optional.of(text);
    }

    private static Optional<String> whyQualified(Handoff h) {
        List<String> criteria = h.criteriaMet().stream().filter(c -> !SlackText.isBlank(c)).toList();
        if (criteria.isEmpty() && SlackText.isBlank(h.note())) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("*Why it qualified*");
        criteria.stream().limit(CRITERIA_SHOWN)
                .forEach(c -> text.append("\n• ").append(SlackText.line(c, CRITERION_LIMIT)));
        if (criteria.size() > CRITERIA_SHOWN) {
            text.append("\n• …and ").append(criteria.size() - CRITERIA_SHOWN).append(" more");
        }
        if (!SlackText.isBlank(h.note())) {
            text.append("\n").append(SlackText.clip(h.note().strip(), NOTE_LIMIT));
        }
        return Optional.of(text.toString());
    }

    private static Optional<String> due(Handoff h, Agreement a) {
        if (h.dueAt() == null) {
            return Optional.empty();
        }
        String text = "*Due* " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
        Optional<Duration> window = a.handoffFor(h.stage()).map(StageHandoff::responseTime);
        if (window.isPresent()) {
            text += " (" + BusinessDurations.window(window.get()) + ")";
        }
        return Optional.of(text);
    }

    /** "Reassigned 2 times (at most 3) — now with @rep"; the limit only when the agreement reassigns. */
    private static Optional<String> reassigned(Handoff h, Agreement a) {
        int times = h.sla().reassignments();
        if (times <= 0) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("Reassigned ").append(times).append(times == 1 ? " time" : " times");
        ReassignTerms terms = a.handoff().reassign();
        if (terms != null && terms.enabled()) {
            text.append(" (at most ").append(terms.maxTimes()).append(')');
        }
        text.append(SlackText.isBlank(h.assignee())
                ? " — now unassigned"
                : " — now with " + SlackText.user(h.assignee()));
        return Optional.of(text.toString());
    }

    private static Optional<String> overdue(Handoff h, Agreement a) {
        Instant overdueAt = h.sla().overdueAt();
        if (overdueAt == null) {
            return Optional.empty();
        }
        String deadline = a.handoffFor(h.stage()).map(StageHandoff::responseTime)
                .map(BusinessDurations::deadline).orElse("the deadline");
        String text = "⏰ *Overdue* — " + deadline + " passed " + SlackText.dateTime(overdueAt, a.calendar().zone());
        return Optional.of(HandoffText.escalationTarget(a)
                .map(target -> text + " and it was escalated to " + target)
                .orElse(text));
    }

    /** The first-contact commitment after an accept: when it is due and a button until the rep marks it done. */
    private static List<LayoutBlock> firstContact(Handoff h, Agreement a, Duration window, Duration took) {
        SlaState sla = h.sla();
        if (sla.contactedAt() != null) {
            String text = "📞 Contacted by " + SlackText.user(sla.contactedBy()) + (took == null
                    ? ""
                    : " — " + BusinessDurations.format(took) + " after accepting (business time)");
            return List.of(section(s -> s.text(markdownText(text))));
        }
        StringBuilder text = new StringBuilder("📞 First contact due ");
        if (sla.contactDueAt() != null) {
            text.append(SlackText.dateTime(sla.contactDueAt(), a.calendar().zone()))
                    .append(" (").append(BusinessDurations.window(window)).append(" after accepting)");
        } else {
            text.append("within ").append(BusinessDurations.window(window)).append(" of accepting");
        }
        if (sla.contactOverdueAt() != null) {
            text.append("\n⚠️ First contact is overdue");
            HandoffText.escalationTarget(a).ifPresent(target -> text.append(" — escalated to ").append(target));
        }
        String value = HandoffActions.value(h);
        return List.of(
                section(s -> s.text(markdownText(text.toString()))),
                actions(List.of(button(b -> b.actionId(HandoffActions.CONTACTED).text(plainText("Mark contacted"))
                        .value(value).style("primary")))));
    }

    /** Accept and Reject for this handoff: the same actions wherever they are shown. */
    static List<BlockElement> decisionButtons(Handoff h) {
        return buttons(h);
    }

    private static List<BlockElement> buttons(Handoff h) {
        String value = HandoffActions.value(h);
        return List.of(
                button(b -> b.actionId(HandoffActions.ACCEPT).text(plainText("Accept")).value(value).style("primary")),
                button(b -> b.actionId(HandoffActions.REJECT).text(plainText("Reject")).value(value).style("danger")));
    }

    private static String accepted(Handoff h, Agreement a, Duration took) {
        String text = "✅ Accepted by " + decider(h);
        return took == null ? text : text + " — " + HandoffText.timing(took, a.handoffFor(h.stage()));
    }

    private static String rejected(Handoff h, Agreement a, Duration took) {
        String text = "❌ Rejected by " + decider(h) + HandoffText.reasonAndComment(h.decision());
        return took == null ? text : text + "\n" + capitalized(HandoffText.timing(took, a.handoffFor(h.stage())));
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String decider(Handoff h) {
        return SlackText.user(h.decision() == null ? null : h.decision().by());
    }

    private static Optional<String> marketingOutcome(Handoff h) {
        MarketingOutcome outcome = h.marketingOutcome();
        if (outcome == null) {
            return Optional.empty();
        }
        if (h.state() == HandoffState.UPHELD) {
            return Optional.of("Marketing contested the rejection (by " + SlackText.user(outcome.by())
                    + "); it was upheld by " + SlackText.user(h.lastMove() == null ? null : h.lastMove().by()));
        }
        return Optional.of(switch (outcome.kind()) {
            case RECYCLED -> "Marketing recycled it to nurture (by " + SlackText.user(outcome.by()) + ")";
            case CONTESTED -> "Marketing contested the rejection (by " + SlackText.user(outcome.by()) + ")";
        });
    }

    private static String fallback(Handoff h, Agreement a) {
        String lead = HandoffText.leadSummary(h);
        String stage = HandoffText.stageName(h, a);
        if (h.state() == HandoffState.UNCLAIMED) {
            return stage + " " + lead + ": unclaimed, back with marketing";
        }
        if (h.state() == HandoffState.RECYCLED && h.decision() == null) {
            return stage + " " + lead + ": recycled to nurture";
        }
        return switch (h.status()) {
            case PENDING -> {
                String text = "New " + stage + " for sales: " + lead;
                if (h.dueAt() != null) {
                    text += ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
                }
                yield h.sla().overdueAt() == null ? text : text + " (overdue)";
            }
            case ACCEPTED -> stage + " " + lead + ": accepted by " + decider(h);
            case REJECTED -> stage + " " + lead + ": rejected by " + decider(h);
        };
    }
}
