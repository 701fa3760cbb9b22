package dev.handshake.handoff;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lead's phone number, checked loosely (digits, spaces, {@code + ( ) . -}, an optional extension) since CRMs
 * store numbers as people type them; dialled through a {@code tel:} URL with only the digits.
 */
final class Phone {

    static final int MAX_LENGTH = 40;
    static final String RULE = "must be a phone number: digits, spaces and + ( ) . - with an optional extension "
            + "(e.g. +1 (312) 555-0142 ext. 12)";
    private static final int MIN_DIGITS = 4;
    private static final int MAX_DIGITS = 17;
    private static final Pattern SHAPE = Pattern.compile(
            "(\\+)?([0-9 ().\\-]+?)(?: *(?:ext\\.?|extension|x|#) *([0-9]{1,6}))?", Pattern.CASE_INSENSITIVE);

    private Phone() {}

    static boolean valid(String phone) {
        return parse(phone).isPresent();
    }

    /** {@code tel:+13125550142;ext=12} for {@code +1 (312) 555-0142 ext. 12}; empty when it is not a phone number. */
    static Optional<String> telUrl(String phone) {
        return parse(phone).map(p -> "tel:" + (p.plus ? "+" : "") + p.digits
                + (p.extension == null ? "" : ";ext=" + p.extension));
    }

    private record Parsed(boolean plus, String digits, String extension) {}

    private static Optional<Parsed> parse(String phone) {
        if (phone == null || phone.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(phone.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(2).replaceAll("[^0-9]", "");
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(m.group(1) != null, digits, m.group(3)));
    }
}
