package dev.handshake.agreement;

import dev.handshake.clock.BusinessCalendar;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The one-screen plain-text summary of a valid agreement that {@code check} prints. */
final class AgreementSummary {

    private static final String INDENT = " ".repeat(12);

    private final LoadedAgreement loaded;
    private final Agreement agreement;
    private final StringBuilder out = new StringBuilder();

    AgreementSummary(LoadedAgreement loaded) {
        this.loaded = loaded;
        this.agreement = loaded.agreement();
    }

    String render(String source) {
        out.append(source).append(" is valid: ").append(agreement.name()).append(", version ")
                .append(agreement.version()).append(", effective ").append(agreement.effective()).append('\n');
        row("Content", "sha256 " + loaded.sha256().substring(0, 12));
        row("Owners", owner(Team.MARKETING, agreement.owners().marketing()));
        row("", owner(Team.SALES, agreement.owners().sales()));
        row("Personas", agreement.personas().size() + ": "
                + agreement.personas().stream().map(Persona::id).collect(Collectors.joining(", ")));
        funnel();
        HandoffTerms handoff = agreement.handoff();
        row("Decides", handoff.whoDecides() == Decider.ANYONE ? "anyone in the sales channel"
                : "the assigned rep (anyone in the sales channel when nobody is assigned)");
        row("Channels", "sales " + handoff.salesChannel() + ", marketing " + handoff.marketingChannel()
                + ", review " + agreement.review().channel());
        row("Escalation", handoff.escalation().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                + handoff.escalation().id());
        row("Reminder", handoff.reminder().windowPercent() != null
                ? "when " + handoff.reminder().windowPercent() + "% of the response window has passed"
                : Formats.hours(handoff.reminder().beforeDeadline()) + " business hours before the deadline");
        routing(handoff);
        ReassignTerms reassign = handoff.reassign();
        row("Reassign", reassign.enabled() ? "up to " + reassign.maxTimes() + (reassign.maxTimes() == 1 ? " time"
                : " times") + ", to the next rep of the stage's routing" : "off");
        row("Rejections", handoff.rejectionReasons().size() + " reasons");
        row("Calendar", calendar(agreement.calendar()));
        Goals goals = agreement.goals();
        row("Goals", goals.period().label() + ": " + money(goals.revenueTarget()) + " " + goals.currency() + " revenue, "
                + goals.kpis().size() + " KPIs, " + agreement.commitments().size() + " commitments");
        ReviewTerms review = agreement.review();
        row("Review", review.cadence().name().toLowerCase(Locale.ROOT) + " at " + review.time() + " in "
                + review.channel() + ", follow-up after " + review.followUpDays() + " days");
        row("Thresholds", "lead→MQL conversion below " + percent(review.minLeadToMqlConversion()) + " (from "
                + review.minLeadsForAlert() + " new leads), MQL acceptance below "
                + percent(review.minMqlAcceptanceRate()) + " (from " + review.minLeadsForAlert() + " decided)");
        if (handoff.rejectionFollowup() != null) {
            row("Follow-up", "marketing answers a rejection within " + hours(handoff.rejectionFollowup()));
        }
        row("Permissions", "Recycle and Contest: " + audience(agreement.marketingAudience())
                + "; Reassign, Take it, Uphold and Reopen: " + audience(agreement.escalationAudience())
                + "; /sla export: " + audience(agreement.exportAudience()));
        if (!agreement.intakeSources().isEmpty()) {
            row("Intake", "POST " + agreement.intakeSources().stream().map(s -> "/handoffs/" + s.name())
                    .collect(Collectors.joining(", ")) + " (mapped), and /handoffs");
        }
        row("Glossary", agreement.glossary().isEmpty() ? "no extra terms" : agreement.glossary().size() + " terms: "
                + agreement.glossary().stream().map(GlossaryTerm::id).collect(Collectors.joining(", ")));
        return out.toString();
    }

    /** Each handed-off stage's routing: its pool, weights, caps and fallback, or that its leads are not routed. */
    private void routing(HandoffTerms handoff) {
        String label = "Routing";
        for (StageHandoff stage : handoff.stages()) {
            String routed = handoff.routingFor(stage.stage()).map(routing -> {
                int weighted = (int) routing.pool().stream().filter(rep -> rep.weight() > 1).count();
                return "round robin among " + routing.pool().size() + " reps"
                        + (weighted == 0 ? "" : " (" + weighted + " weighted)")
                        + (routing.cap() == null ? "" : ", at most " + routing.cap() + " open each")
                        + (routing.workingHours() ? ", in their working hours" : "")
                        + ", else " + (routing.fallback() == null ? "the sales channel"
                                : routing.fallback().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                                        + routing.fallback().id());
            }).orElse("not routed: the assignee marketing names, or anyone in the sales channel");
            row(label, stage.stage() + ": " + routed);
            label = "";
        }
    }

    /** Each chain of {@code next} from a stage nothing leads to; a chain joining one already shown stops there. */
    private void funnel() {
        Set<String> targets = agreement.stages().stream().map(Stage::next).filter(n -> n != null)
                .collect(Collectors.toSet());
        Set<String> shown = new HashSet<>();
        String label = "Funnel";
        for (Stage head : agreement.stages()) {
            if (targets.contains(head.id())) {
                continue;
            }
            List<String> chain = new ArrayList<>();
            Stage stage = head;
            while (stage != null) {
                chain.add(agreement.handoffFor(stage.id()).isPresent() ? stage.id() + "*" : stage.id());
                if (!shown.add(stage.id()) || stage.next() == null) {
                    break;
                }
                stage = agreement.stage(stage.next()).orElse(null);
            }
            row(label, String.join(" → ", chain));
            label = "";
        }
        for (StageHandoff handoff : agreement.handoff().stages()) {
            row(label, "* " + handoff.stage() + " is handed to sales: accept or reject within "
                    + hours(handoff.responseTime())
                    + (handoff.firstContact() == null ? "" : ", first contact within " + hours(handoff.firstContact())));
            label = "";
        }
    }

    private static String hours(Duration duration) {
        String hours = Formats.hours(duration);
        return hours + (hours.equals("1") ? " business hour" : " business hours");
    }

    private static String audience(SlackTarget target) {
        return switch (target.kind()) {
            case USER -> "user " + target.id();
            case USER_GROUP -> "members of user group " + target.id();
            case CHANNEL -> "members of " + target.id();
        };
    }

    private static String owner(Team team, Owner owner) {
        return team.label() + ": " + owner.name() + (owner.title() == null ? "" : ", " + owner.title())
                + (owner.slackUser() == null ? "" : " (" + owner.slackUser() + ")");
    }

    private static String calendar(BusinessCalendar calendar) {
        List<LocalDate> holidays = calendar.holidays().stream().sorted().toList();
        return calendar.zone().getId() + ", " + days(calendar.workingDays()) + " " + calendar.opens() + "–"
                + calendar.closes() + ", " + (holidays.isEmpty() ? "no holidays"
                        : holidays.size() + " holidays from " + holidays.get(0) + " to "
                                + holidays.get(holidays.size() - 1));
    }

    /** {@code Mon–Fri} for a run of days, else {@code Mon, Wed, Fri}. */
    private static String days(Set<DayOfWeek> days) {
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        DayOfWeek first = sorted.get(0);
        DayOfWeek last = sorted.get(sorted.size() - 1);
        if (sorted.size() > 2 && last.getValue() - first.getValue() == sorted.size() - 1) {
            return name(first) + "–" + name(last);
        }
        return sorted.stream().map(AgreementSummary::name).collect(Collectors.joining(", "));
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(amount);
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private void row(String label, String value) {
        out.append(label.isEmpty() ? INDENT : String.format("%-12s", label)).append(value).append('\n');
    }
}
