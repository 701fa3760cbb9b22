package dev.handshake.agreement;

/**
 * A place in the agreement document, kept both as the path people read ({@code stages[2].entry_criteria}) and as
 * the JSON pointer the line index is keyed by ({@code /stages/2/entry_criteria}).
 */
record NodePath(String readable, String pointer) {

    static final NodePath ROOT = new NodePath("", "");

    NodePath key(String key) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        return new NodePath(readable.isEmpty() ? key : readable + "." + key, pointer + "/" + escaped);
    }

    NodePath index(int index) {
        return new NodePath(readable + "[" + index + "]", pointer + "/" + index);
    }
}
