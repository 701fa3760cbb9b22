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
