package dev.handshake.agreement;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Set;

/** Reads {@code review:} (step 6): how often the agreement is reviewed, where, and the numbers that call for it. */
final class ReviewReader {

    private static final Set<String> REVIEW_KEYS = Set.of("cadence", "channel", "time", "follow_up_days", "thresholds");
    private static final Set<String> THRESHOLD_KEYS =
            Set.of("min_lead_to_mql_conversion", "min_mql_acceptance_rate", "min_leads_for_alert");
    static final LocalTime DEFAULT_TIME = LocalTime.of(10, 0);
    static final int DEFAULT_FOLLOW_UP_DAYS = 14;
    static final int DEFAULT_MIN_LEADS = 50;

    private final Problems problems;

    ReviewReader(Problems problems) {
        this.problems = problems;
    }

    ReviewTerms read(Fields top) {
        Fields review = top.fields("review", true, REVIEW_KEYS);
        ReviewTerms.Cadence cadence = review.oneOf("cadence",
                Values.lowerCaseChoices(new ReviewTerms.Cadence[] {ReviewTerms.Cadence.QUARTERLY,
                        ReviewTerms.Cadence.MONTHLY}), ReviewTerms.Cadence.QUARTERLY);
        String channel = SlackRefs.channel(review, "channel");
        LocalTime time = Formats.time(review, "time", DEFAULT_TIME);
        Integer followUp = atLeast(review, "follow_up_days", DEFAULT_FOLLOW_UP_DAYS, 1);
        Fields thresholds = review.fields("thresholds", true, THRESHOLD_KEYS);
        BigDecimal conversion = Formats.fraction(thresholds, "min_lead_to_mql_conversion", true);
        BigDecimal acceptance = Formats.fraction(thresholds, "min_mql_acceptance_rate", true);
        Integer minLeads = atLeast(thresholds, "min_leads_for_alert", DEFAULT_MIN_LEADS, 0);
        if (cadence == null || channel == null || time == null || followUp == null || conversion == null
                || acceptance == null || minLeads == null) {
            return null;
        }
        return new ReviewTerms(cadence, channel, time, followUp, conversion, acceptance, minLeads);
    }

    private Integer atLeast(Fields fields, String key, int fallback, int min) {
        Integer value = fields.whole(key, fallback);
        if (value != null && value < min) {
            problems.report(fields.at(key), "must be at least " + min + ", was " + value);
            return null;
        }
        return value;
    }
}
