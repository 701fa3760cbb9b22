package dev.handshake.ask;

import dev.handshake.agreement.Target;
import dev.handshake.slack.Mrkdwn;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/** Formats the numbers of the goals as plain text (not escaped): "1,200,000", "$1,200,000 USD", "25%". */
final class Amounts {

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final int UNIT_LIMIT = 40;
    private static final int NAME_LIMIT = 150;

    private Amounts() {}

    static String number(BigDecimal value) {
        return number(value, 0);
    }

    /** "$1,200,000 USD" when the currency has its own symbol, "1,200,000 CHF" when not. */
    static String money(BigDecimal value, String currency) {
        if (currency == null || currency.isBlank()) {
            return number(value);
        }
        String code = currency.strip();
        if (CURRENCY_CODE.matcher(code.toUpperCase(Locale.ROOT)).matches()) {
            code = code.toUpperCase(Locale.ROOT);
        }
        return symbol(code) + number(value, fractionDigits(code, value)) + " " + Mrkdwn.truncate(code, UNIT_LIMIT);
    }

    private static String number(BigDecimal value, int minimumFractionDigits) {
        if (value == null) {
            return "—";
        }
        DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.US));
        format.setMinimumFractionDigits(minimumFractionDigits);
        return format.format(value);
    }

    /** Whole amounts stay whole ("$1,200,000"); others get the currency's cents ("€150,000.50"). */
    private static int fractionDigits(String code, BigDecimal value) {
        if (value == null || value.stripTrailingZeros().scale() <= 0 || !CURRENCY_CODE.matcher(code).matches()) {
            return 0;
        }
        try {
            return Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            return 0;
        }
    }

    /** "MQLs: 600", "Lead to MQL conversion: 25%", "Pipeline: $3,000,000 USD". */
    static String target(Target target) {
        String name = Mrkdwn.truncate(target.name() == null ? "" : target.name().strip(), NAME_LIMIT);
        if (target.percent() && target.value() != null) {
            return name + ": " + number(target.value().movePointRight(2)) + "%";
        }
        return name + ": " + amount(target.value(), target.unit());
    }

    private static String amount(BigDecimal value, String unit) {
        if (unit == null || unit.isBlank()) {
            return number(value);
        }
        String trimmed = unit.strip();
        if (trimmed.equals("%")) {
            return number(value) + "%";
        }
        if (CURRENCY_CODE.matcher(trimmed).matches() && !symbol(trimmed).isEmpty()) {
            return money(value, trimmed);
        }
        return number(value) + " " + Mrkdwn.truncate(trimmed, UNIT_LIMIT);
    }

    /** The currency's symbol in US English when it differs from its code, else empty. */
    private static String symbol(String code) {
        if (!CURRENCY_CODE.matcher(code).matches()) {
            return "";
        }
        try {
            String symbol = Currency.getInstance(code).getSymbol(Locale.US);
            return symbol.equals(code) ? "" : symbol;
        } catch (IllegalArgumentException unknownCurrency) {
            return "";
        }
    }
}
