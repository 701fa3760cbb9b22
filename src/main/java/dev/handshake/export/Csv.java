package dev.handshake.export;

import java.util.List;

/**
 * Writes CSV as RFC 4180 says (fields with commas, quotes or line breaks quoted, quotes doubled), and neutralises
 * values a spreadsheet would run as a formula by prefixing a single quote: a value whose first character, once
 * leading spaces, tabs, line breaks and quotes are skipped (spreadsheets skip them too), is {@code =}, {@code +},
 * {@code -} or {@code @} (or their full-width forms), and a value that starts with a tab or a line break.
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    public Csv row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsAFormula(value) ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0 || !safe.equals(safe.strip());
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static boolean startsAFormula(String value) {
        char first = value.charAt(0);
        if (first == '\t' || first == '\r' || first == '\n') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '"' || c == '\'') {
                continue;
            }
            return c == '=' || c == '+' || c == '-' || c == '@'
                    || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20';
        }
        return false;
    }
}
