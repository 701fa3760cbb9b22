package dev.handshake.ask;

import java.util.Objects;

/** A line of the {@code /sla help} card: an example of the command as typed, and what it answers. */
public record HelpLine(String example, String what) {

    public HelpLine {
        Objects.requireNonNull(example, "example == null");
        Objects.requireNonNull(what, "what == null");
    }
}
