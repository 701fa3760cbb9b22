package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A warning sign of step 6: a share held against the agreement's minimum, judged only once its own denominator
 * reaches {@code review.thresholds.min_leads_for_alert}. {@code meaning} says in a few words what a low value means.
 */
public record Indicator(String name, Ratio ratio, BigDecimal minimum, long needed, String meaning) {

    /** Where the indicator stands. */
    public enum Judgement { NOT_ENOUGH_DATA, BELOW, AT_OR_ABOVE }

    /** The two indicators of step 6 for a report: lead → MQL conversion (over new leads), MQL acceptance (over decided). */
    public static List<Indicator> of(StatsReport report, Agreement agreement) {
        long needed = agreement.review().minLeadsForAlert();
        return List.of(
                new Indicator("Lead → MQL conversion", report.funnel().conversion(),
                        agreement.review().minLeadToMqlConversion(), needed,
                        "few new leads become MQLs: check the MQL criteria, the scoring and the lead sources"),
                new Indicator("MQL acceptance", report.handoffs().acceptanceRate(),
                        agreement.review().minMqlAcceptanceRate(), needed,
                        "sales rejects more than agreed; see the top rejection reasons"));
    }

    public Judgement judgement() {
        if (ratio.whole() < Math.max(needed, 1)) {
            return Judgement.NOT_ENOUGH_DATA;
        }
        return ratio.value().getAsDouble() < minimum.doubleValue() ? Judgement.BELOW : Judgement.AT_OR_ABOVE;
    }

    /**
     * "MQL acceptance 38% (19 of 50), below 40%: sales rejects more than agreed; …", "MQL acceptance 52% (26 of 50),
     * at or above 40%", or "MQL acceptance: not enough data (3 of 50 needed)". Plain text, not escaped.
     */
    public String line() {
        String minimumShown = Figures.percent(OptionalDouble.of(minimum.doubleValue()));
        return switch (judgement()) {
            case NOT_ENOUGH_DATA -> name + ": not enough data (" + Figures.count(ratio.whole()) + " of "
                    + Figures.count(Math.max(needed, 1)) + " needed)";
            case BELOW -> name + " " + ratio.shown() + ", below " + minimumShown + ": " + meaning;
            case AT_OR_ABOVE -> name + " " + ratio.shown() + ", at or above " + minimumShown;
        };
    }
}
