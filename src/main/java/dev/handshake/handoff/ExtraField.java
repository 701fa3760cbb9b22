package dev.handshake.handoff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A lead field the canonical body has no name for, kept as the sender sent it: {@code value} is a
 * {@link String}, a {@link BigDecimal} (without trailing zeros: {@code 64.0} is {@code 64}) or a {@link Boolean}.
 */
public record ExtraField(String name, Object value) {

    public ExtraField {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        if (value instanceof BigDecimal number) {
            BigDecimal stripped = number.stripTrailingZeros();
            value = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        if (!(value instanceof String || value instanceof BigDecimal || value instanceof Boolean)) {
            throw new IllegalArgumentException("an extra field holds text, a number or true/false, not "
                    + value.getClass().getSimpleName());
        }
    }

    /** The value as plain text: numbers without exponent, {@code true}/{@code false}. */
    public String text() {
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }
}
