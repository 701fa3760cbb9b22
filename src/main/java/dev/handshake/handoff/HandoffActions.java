package dev.handshake.handoff;

/**
 * The ids that tie handoff messages and the reject modal to their listeners. Every button's {@code value} is
 * only the handoff id as a decimal string, so a click carries nothing the app has to trust beyond that id.
 */
public final class HandoffActions {

    public static final String ACCEPT = "handoff_accept";
    public static final String REJECT = "handoff_reject";
    public static final String RECYCLE = "handoff_recycle";
    public static final String CONTEST = "handoff_contest";
    public static final String CONTACTED = "handoff_contacted";
    /** The escalation target takes the lead themselves. */
    public static final String TAKE = "handoff_take";
    /** Reassign…: a menu of the pool; an option's value is {@code <handoff id>:<user id>} or {@code <id>:other}. */
    public static final String REASSIGN = "handoff_reassign";
    /** Reassign… when there is no pool to offer: opens the modal with a picker of anyone. */
    public static final String REASSIGN_OTHER = "handoff_reassign_other";
    public static final String UPHOLD = "handoff_uphold";
    public static final String REOPEN = "handoff_reopen";

    public static final String REASSIGN_MODAL = "handoff_reassign_modal";
    public static final String REP_BLOCK = "reassign_rep";
    public static final String REP_ACTION = "rep";
    /** The option of Reassign… that opens the modal to pick someone outside the pool. */
    public static final String SOMEONE_ELSE = "other";

    public static final String REJECT_MODAL = "handoff_reject_modal";
    public static final String REASON_BLOCK = "reject_reason";
    public static final String REASON_ACTION = "reason";
    public static final String COMMENT_BLOCK = "reject_comment";
    public static final String COMMENT_ACTION = "comment";

    private HandoffActions() {}

    /** The button value and modal private_metadata for a handoff. */
    public static String value(Handoff handoff) {
        return Long.toString(handoff.id());
    }
}
