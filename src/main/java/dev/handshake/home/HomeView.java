package dev.handshake.home;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Picker;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.stats.CoreNumbers;
import dev.handshake.stats.Figures;
import dev.handshake.stats.FollowUps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The App Home tab, by role: every viewer sees their open handoffs (overdue flagged, deadlines in their own time
 * zone), the leads they accepted that wait for first contact, and their numbers; a marketer also sees the leads
 * back with marketing, with Recycle and Contest, and marketing's side of the numbers; a manager (the escalation
 * target) the team's queue with Reassign… and Take it, and who is away. Stages by name. Within Slack's 100 blocks.
 */
public final class HomeView {

    static final int MAX_HANDOFFS = 20;
    static final int MAX_OPEN = 10;
    static final int MAX_CONTACT = 5;
    static final int MAX_MARKETING = 8;
    static final int MAX_QUEUE = 10;
    static final int MAX_FUNNEL_SECTIONS = 3;
    /** Slack's limit for a Home tab. */
    static final int BLOCK_LIMIT = 100;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, MMM d yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private HomeView() {}

    /** The numbers the Home tab shows: the viewer's and the team's this quarter, and the next review. */
    public record Numbers(String quarter, CoreNumbers mine, CoreNumbers team, LocalDate nextReview) {}

    /** What a marketer sees: leads back with marketing, when each answer is due, and marketing's side this quarter. */
    public record Marketing(List<Handoff> waiting, Map<Long, Instant> answerBy, FollowUps answers,
            List<Picker.Candidate> pool) {}

    /** What a manager sees: the team's queue, its counts, whom Reassign… offers, and who is away until when. */
    public record Manager(List<Handoff> queue, HandoffStore.Queue counts, List<Picker.Candidate> pool,
            Map<String, LocalDate> away) {}

    /**
     * Everything one viewer's Home shows at {@code now}; {@code marketing} and {@code manager} only for those roles.
     */
    public record Home(Instant now, List<Handoff> open, List<Handoff> awaitingContact, Numbers numbers,
            Optional<Marketing> marketing, Optional<Manager> manager) {}

    public static View render(Agreement agreement, Home home) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate("Handshake — " + agreement.name(), 150)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(Mrkdwn.escapeAndTruncate(
                "Agreement version " + agreement.version() + ", effective " + agreement.effective()
                        + ". Ask anything with /sla help.", 3000))))));
        blocks.add(divider());
        home.manager().ifPresent(manager -> ManagerSection.add(blocks, agreement, manager));
        home.marketing().ifPresent(marketing -> MarketingSection.add(blocks, agreement, marketing,
                home.numbers().quarter()));
        RepSection.add(blocks, agreement, home.now(), home.open(), home.awaitingContact());
        Numbers numbers = home.numbers();
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Your numbers, " + numbers.quarter() + "*\n" + line(numbers.mine(), false)),
                markdownText("*The team, " + numbers.quarter() + "*\n" + line(numbers.team(), true))))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Next SLA review: "
                + DATE.format(numbers.nextReview()) + ". Ask `/sla stats` for the full numbers.")))));
        blocks.add(divider());
        StringBuilder funnel = new StringBuilder("*The funnel*\n");
        for (Stage stage : agreement.stages()) {
            funnel.append("• *").append(Mrkdwn.escape(stage.name())).append("* — ")
                    .append(stage.owner().label());
            agreement.handoffFor(stage.id()).ifPresent(h -> funnel.append(", sales answers within ")
                    .append(hours(h.responseTime())).append(" business hours"));
            funnel.append('\n');
        }
        Mrkdwn.split(funnel.toString(), Mrkdwn.SECTION_LIMIT).stream().limit(MAX_FUNNEL_SECTIONS)
                .forEach(piece -> blocks.add(section(s -> s.text(markdownText(piece)))));
        if (blocks.size() > BLOCK_LIMIT) {
            throw new IllegalStateException("the Home tab has " + blocks.size() + " blocks, Slack allows "
                    + BLOCK_LIMIT);
        }
        return View.builder().type("home").blocks(blocks).build();
    }

    /** "*Dana Whitfield* — Northwind Logistics · MQL": the lead, its company and its stage by name. */
    static String lead(Handoff handoff, Agreement agreement) {
        String company = handoff.lead().company() == null || handoff.lead().company().isBlank() ? ""
                : " — " + Mrkdwn.escapeAndTruncate(handoff.lead().company().strip(), 150);
        return "*" + Mrkdwn.escapeAndTruncate(handoff.lead().name(), 150).replace("*", "") + "*" + company + " · "
                + Mrkdwn.escapeAndTruncate(stageName(handoff, agreement), 100);
    }

    /** The stage's name from the agreement ("MQL"), or its id when the agreement no longer has it. */
    static String stageName(Handoff handoff, Agreement agreement) {
        return agreement.stage(handoff.stage()).map(Stage::name).orElse(handoff.stage());
    }

    /** A date and time each viewer sees in their own time zone. */
    static String when(Instant at, Agreement agreement) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|"
                + at.atZone(agreement.calendar().zone()).toLocalDateTime().toString().replace('T', ' ') + ">";
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    /**
     * "…and 4 more" under a list cut short, or nothing; {@code total} is the number known, which is a lower bound when
     * it reached {@link #MAX_HANDOFFS} (a list read with that limit).
     */
    static void more(List<LayoutBlock> blocks, int shown, int total, boolean atLeast, String where) {
        if (total > shown) {
            String more = "…and " + (atLeast ? "at least " : "") + (total - shown) + " more" + where;
            blocks.add(context(c -> c.elements(List.of(markdownText(more)))));
        }
    }

    /** The same figures, in the same words, as {@code /sla stats}: each share with its counts. */
    private static String line(CoreNumbers numbers, boolean team) {
        return (team ? "Handoffs " + Figures.count(numbers.handoffs()) + " (" + Figures.count(numbers.undecided())
                + " still undecided)\n" : "") + "Decided " + Figures.count(numbers.decided()) + " · accepted " + Figures.count(numbers.accepted())
                + " · rejected " + Figures.count(numbers.rejected()) + "\nAcceptance rate "
                + numbers.acceptanceRate().shown() + "\nDecided within SLA " + numbers.decidedWithinSla().shown()
                + "\nMedian time to decision " + Figures.duration(numbers.medianToDecision());
    }

    private static String hours(java.time.Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? String.valueOf(minutes / 60) : String.format("%.1f", minutes / 60.0);
    }

    static String channel(String channel) {
        return channel.startsWith("#") ? Mrkdwn.escape(channel) : "<#" + channel + ">";
    }
}
