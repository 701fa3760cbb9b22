package dev.handshake.agreement;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KPI target the app can judge, read from how the agreement words it ("45% or more", "2 business hours or
 * less"): the value (a fraction for a percentage, hours for a time) and whether the figure must stay at or below it.
 */
public record Threshold(BigDecimal value, boolean atMost) {

    /** What the number of a target is written in. */
    enum Unit { PERCENT, HOURS, TIMES, NONE }

    /** A target read from text, with the unit it was written in and whether it said which way ("or more"). */
    record Read(Threshold threshold, Unit unit, boolean directed) {}

    private static final Pattern TARGET = Pattern.compile(
            "(at least|at most|no more than|no less than|up to)?\\s*([0-9][0-9_,]*(?:\\.[0-9]+)?)\\s*"
                    + "(%|x|business hours?|hours?|h)?\\s*(or more|or less|or fewer|or higher|or lower|or above|or below)?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Threshold {
        Objects.requireNonNull(value, "value == null");
    }

    /** Reads a target such as "25% or more"; empty when the words are not of that shape. */
    static Optional<Read> read(String text) {
        Matcher m = TARGET.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1) != null && m.group(4) != null)) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(2).replace("_", "").replace(",", ""));
        String unitWord = m.group(3) == null ? "" : m.group(3);
        Unit unit = unitWord.equals("%") ? Unit.PERCENT : unitWord.equals("x") ? Unit.TIMES
                : unitWord.isEmpty() ? Unit.NONE : Unit.HOURS;
        String direction = m.group(1) != null ? m.group(1) : m.group(4);
        Boolean atMost = direction == null ? null
                : direction.equals("at least") || direction.equals("no less than") || direction.startsWith("or more")
                        || direction.equals("or higher") || direction.equals("or above") ? Boolean.FALSE : Boolean.TRUE;
        BigDecimal value = unit == Unit.PERCENT ? number.divide(HUNDRED) : number;
        return Optional.of(new Read(new Threshold(value, atMost != null && atMost), unit, atMost != null));
    }

    /** Whether a figure meets the target. */
    public boolean metBy(double figure) {
        return atMost ? figure <= value.doubleValue() + 1e-9 : figure >= value.doubleValue() - 1e-9;
    }
}
