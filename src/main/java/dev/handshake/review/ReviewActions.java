package dev.handshake.review;

/** Action and callback ids of the review reminder; button values and modal metadata carry only the period. */
public final class ReviewActions {

    public static final String DONE = "review_done";
    public static final String SNOOZE = "review_snooze";
    public static final String MODAL = "review_done_modal";
    public static final String OUTCOME_BLOCK = "review_outcome";
    public static final String OUTCOME_ACTION = "outcome";
    public static final String NOTES_BLOCK = "review_notes";
    public static final String NOTES_ACTION = "notes";
    /** "I opened the change", on the action items of a review that decided to change the agreement. */
    public static final String CHANGE_OPENED = "review_change_opened";

    private ReviewActions() {}
}
