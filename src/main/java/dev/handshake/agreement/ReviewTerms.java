package dev.handshake.agreement;

import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * When and where the agreement is reviewed (step 6), and the indicator thresholds that call for a review
 * sooner. Rates are fractions between 0 and 1.
 */
public record ReviewTerms(
        Cadence cadence,
        String channel,
        LocalTime time,
        int followUpDays,
        BigDecimal minLeadToMqlConversion,
        BigDecimal minMqlAcceptanceRate,
        int minLeadsForAlert) {

    /** How often the agreement is reviewed; reviews fall on the first business day of the period. */
    public enum Cadence { MONTHLY, QUARTERLY }
}
