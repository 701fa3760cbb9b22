package dev.handshake.roster;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.ask.Answer;
import dev.handshake.ask.HelpLine;
import dev.handshake.ask.SlaCommand;
import dev.handshake.ask.SlaRequest;
import dev.handshake.slack.Mrkdwn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers {@code /sla away [until] <date>}, {@code /sla away} and {@code /sla back}; always only to the asker,
 * since being away is nobody else's business.
 */
public final class AwayCommand {

    /** The furthest ahead someone may say they are away, in days. */
    static final int MAX_DAYS_AHEAD = 365;

    private static final int ECHO_LIMIT = 40;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE, MMM d uuuu", Locale.ENGLISH);

    private final Roster roster;
    private final Clock clock;
    private final ZoneId zone;
    private final AwayConsequences consequences;

    public AwayCommand(Roster roster, Clock clock, ZoneId zone) {
        this(roster, clock, zone, null);
    }

    /** {@code consequences} says in the reply what happens to the rep's leads while away (null: round robin only). */
    public AwayCommand(Roster roster, Clock clock, ZoneId zone, AwayConsequences consequences) {
        this.consequences = consequences;
        this.roster = Objects.requireNonNull(roster, "roster == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    /** The {@code /sla away} and {@code /sla back} command: it changes the roster, so a replay must not repeat it. */
    public SlaCommand command() {
        return SlaCommand.withEffect(List.of("away", "back"), List.of(new HelpLine("/sla away until 2026-12-24",
                "round robin skips you until then; `/sla back` ends it")), this::answer);
    }

    Answer answer(SlaRequest request) {
        String argument = request.query().argument();
        return reply(request.query().command().equals("back") ? back(request.userId())
                : away(argument, request.userId()));
    }

    private String away(String argument, String userId) {
        if (argument.isEmpty()) {
            return roster.awayUntil(userId)
                    .map(until -> awayThrough(until, userId))
                    .orElse("You're not marked away. Use " + usage() + ".");
        }
        String dateText = withoutUntil(argument);
        if (dateText.isEmpty()) {
            return "Tell me the last day you'll be away: " + usage() + ".";
        }
        Optional<LocalDate> parsed = parse(dateText);
        if (parsed.isEmpty()) {
            return "I couldn't read " + code(dateText) + " as a date. Use " + usage() + ".";
        }
        LocalDate until = parsed.get();
        LocalDate today = today();
        if (until.isBefore(today)) {
            return code(dateText) + " is in the past. Pick today or a later date, like " + usage() + ".";
        }
        LocalDate latest = today.plusDays(MAX_DAYS_AHEAD);
        if (until.isAfter(latest)) {
            return code(dateText) + " is more than a year away; pick a date within a year (up to "
                    + SHOWN.format(latest) + ").";
        }
        roster.setAway(userId, until);
        return awayThrough(until, userId);
    }

    private String back(String userId) {
        boolean wasAway = roster.awayUntil(userId).isPresent();
        // Delete even when not away, so an expired entry does not linger.
        roster.back(userId);
        return wasAway
                ? "Welcome back — round robin includes you again."
                : "You weren't marked away; round robin already includes you.";
    }

    private String awayThrough(LocalDate until, String userId) {
        if (consequences == null) {
            return "You're away through " + SHOWN.format(until)
                    + ". Round robin will skip you until then; `/sla back` ends it early.";
        }
        return "You're away through " + SHOWN.format(until) + ". " + consequences.whileAway(userId)
                + " `/sla back` ends it early.";
    }

    /** {@code until 2026-12-02} and {@code 2026-12-02} mean the same. */
    private static String withoutUntil(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        if (lower.equals("until")) {
            return "";
        }
        return lower.startsWith("until ") ? argument.substring("until ".length()).strip() : argument;
    }

    private static Optional<LocalDate> parse(String text) {
        try {
            return Optional.of(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An example that is always valid: a week from today. */
    private String usage() {
        return "`/sla away until " + today().plusDays(7) + "`";
    }

    /** User text shown in a code span: escaped, cut short, and without backticks that would end the span. */
    private static String code(String text) {
        return "`" + Mrkdwn.escapeAndTruncate(text.replace('`', '\''), ECHO_LIMIT) + "`";
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private static Answer reply(String text) {
        return new Answer(text, List.of(section(s -> s.text(markdownText(text)))), false);
    }
}
