package dev.handshake.ask;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form in which terms are compared: Unicode-compatible, lower case, and without spaces, hyphens,
 * punctuation or emoji variation selectors, so "Marketing-Qualified Lead" matches "marketing qualified lead".
 */
final class TermKey {

    private TermKey() {}

    static String of(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(TermKey::significant).forEach(key::appendCodePoint);
        if (key.length() == 0) {
            // A term made only of punctuation (say "%") still deserves to be found by itself.
            return String.join(" ", folded.strip().split("\\s+")).strip();
        }
        return key.toString();
    }

    private static boolean significant(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return false;
        }
        if (codePoint == 0xFE0E || codePoint == 0xFE0F) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.DASH_PUNCTUATION, Character.CONNECTOR_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.CONTROL,
                    Character.FORMAT -> false;
            default -> true;
        };
    }
}
