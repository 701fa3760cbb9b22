package dev.handshake.faults;

/**
 * How big the fault-injection runs are: {@code short} in the normal test run ({@code mvn verify}), {@code long} under
 * {@code faults/run} (system property {@code faults.scale}).
 */
enum Scale {
    SHORT,
    LONG;

    static Scale current() {
        String value = System.getProperty("faults.scale", "short").trim();
        return switch (value) {
            case "short", "" -> SHORT;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException("faults.scale must be short or long, was " + value);
        };
    }

    /** {@code shortValue} in the normal run, {@code longValue} in the long one. */
    int pick(int shortValue, int longValue) {
        return this == SHORT ? shortValue : longValue;
    }

    long pick(long shortValue, long longValue) {
        return this == SHORT ? shortValue : longValue;
    }
}
