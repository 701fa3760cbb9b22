package dev.handshake.ask;

import dev.handshake.agreement.Decider;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.StageHandoff;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The sentences the cards use for durations, dates and handoff rules; none of them contains user text. */
final class Wording {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private Wording() {}

    /** "4 business hours", "30 business minutes", "1 business hour 30 minutes". */
    static String businessTime(Duration duration) {
        long minutes = Math.max(0, (duration.getSeconds() + 59) / 60);
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return plural(rest, "business minute");
        }
        String text = plural(hours, "business hour");
        return rest == 0 ? text : text + " " + plural(rest, "minute");
    }

    /** "Sales accepts or rejects within 4 business hours; first contact within 8 business hours". */
    static String handoff(StageHandoff handoff) {
        String decide = handoff.responseTime() == null
                ? "Sales accepts or rejects"
                : "Sales accepts or rejects within " + businessTime(handoff.responseTime());
        if (handoff.firstContact() == null) {
            return decide;
        }
        return decide + "; first contact within " + businessTime(handoff.firstContact());
    }

    static String whoDecides(Decider decider) {
        if (decider == Decider.ASSIGNEE) {
            return "the assigned rep; anyone in the sales channel when nobody is assigned";
        }
        return "anyone in the sales channel";
    }

    static String reminder(ReminderTerms reminder) {
        if (reminder.windowPercent() != null) {
            return "when " + reminder.windowPercent() + "% of the response time has passed";
        }
        if (reminder.beforeDeadline() != null) {
            return businessTime(reminder.beforeDeadline()) + " before the deadline";
        }
        return "before the deadline";
    }

    /** "every quarter", "every month". */
    static String cadence(ReviewTerms.Cadence cadence) {
        return cadence == ReviewTerms.Cadence.MONTHLY ? "every month" : "every quarter";
    }

    /** A fraction as a percentage: 0.4 is "40%", 0.125 is "12.5%". */
    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** "1 April 2025". */
    static String date(LocalDate date) {
        return DATE.format(date);
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
