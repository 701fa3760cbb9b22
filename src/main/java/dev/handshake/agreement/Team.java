package dev.handshake.agreement;

/** The two teams bound by the agreement. */
public enum Team {
    MARKETING("Marketing"),
    SALES("Sales");

    private final String label;

    Team(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
