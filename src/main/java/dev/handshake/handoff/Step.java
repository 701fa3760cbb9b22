package dev.handshake.handoff;

/**
 * Something that happens to a handoff: a person's click or the clock. Whether it may happen, who may make it happen
 * and where it leads is decided by {@link HandoffLife} alone.
 */
public enum Step {
    ACCEPT("accept it"),
    REJECT("reject it"),
    /** The escalation target takes the lead themselves: an accept by them. */
    TAKE("take it"),
    /** Reassign… to a rep picked by hand, with a fresh deadline. */
    REASSIGN("reassign it"),
    RECYCLE("recycle it to nurture"),
    CONTEST("contest the rejection"),
    UPHOLD("uphold the rejection"),
    REOPEN("reopen it"),
    MARK_CONTACTED("mark it contacted"),
    /** The reminder before sales' deadline. */
    REMINDER_DUE("remind"),
    /** Sales' deadline passed and the pool has a rep left: round robin hands it on. */
    ROTATE("hand it to the next rep"),
    /** Sales' deadline passed and no reassignment is left: nobody claimed it. */
    LAPSE("give it back to marketing"),
    CONTACT_REMINDER_DUE("remind of first contact"),
    CONTACT_DEADLINE_PASSED("escalate first contact"),
    /** The reminder in the marketing channel before marketing's deadline to answer a rejection. */
    FOLLOWUP_REMINDER_DUE("remind marketing"),
    /** Marketing's deadline passed unanswered: the marketing owner is told. */
    FOLLOWUP_DEADLINE_PASSED("tell the marketing owner");

    private final String words;

    Step(String words) {
        this.words = words;
    }

    /** What the step does, as a verb phrase: "reopen it". */
    public String words() {
        return words;
    }

    /** Whether the clock takes this step, not a person. */
    public boolean timed() {
        return switch (this) {
            case REMINDER_DUE, ROTATE, LAPSE, CONTACT_REMINDER_DUE, CONTACT_DEADLINE_PASSED, FOLLOWUP_REMINDER_DUE,
                    FOLLOWUP_DEADLINE_PASSED -> true;
            default -> false;
        };
    }
}
