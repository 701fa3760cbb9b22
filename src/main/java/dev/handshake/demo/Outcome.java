package dev.handshake.demo;

/** How a member's act went, for the page: {@code problem} says why nothing happened. */
record Outcome(boolean done, String problem) {

    static Outcome ok() {
        return new Outcome(true, null);
    }

    static Outcome refused(String problem) {
        return new Outcome(false, problem);
    }
}
