package dev.handshake.testing;

/** Small string helpers for readable failure messages. */
final class Text {

    private Text() {}

    static String abbreviate(String text, int max) {
        if (text == null) {
            return "null";
        }
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
