package dev.handshake.handoff;

/** The Slack calls a handoff can owe (the outbox kinds of its items), each rendered from its state when sent. */
enum DeliveryKind {
    /** Post the handoff in the sales channel. */
    POST_HANDOFF,
    /** Tell the assignee in a direct message. */
    DM_ASSIGNEE,
    /** Bring the sales-channel message up to date with the handoff's state. */
    UPDATE_HANDOFF,
    /** Tell marketing about a rejection. */
    NOTIFY_MARKETING,
    /** Bring marketing's message up to date (recycled or contested). */
    UPDATE_MARKETING,
    /** Ask the escalation target, in the handoff's thread, for a second look at a contested rejection. */
    CONTEST,
    /** Remind, in the handoff's thread, that the deadline is near. */
    REMIND_THREAD,
    /** Remind the assignee directly. */
    REMIND_DM,
    /** Tell the escalation target, in the thread, that the deadline passed undecided. */
    ESCALATE,
    /** Say in the thread who the handoff was reassigned to. */
    REASSIGN_THREAD,
    /** Tell the rep a handoff was reassigned to them. */
    REASSIGN_DM,
    /** Remind, in the thread, that first contact is due. */
    CONTACT_REMIND_THREAD,
    /** Remind the rep who accepted that first contact is due. */
    CONTACT_REMIND_DM,
    /** Tell the escalation target that first contact is overdue. */
    CONTACT_ESCALATE,
    /** Add the link to the channel message to the assignee's direct message, sent before that message existed. */
    LINK_DM,
    /** Ask Slack who the assignee marketing gave by email is, and route the lead. */
    LOOK_UP_ASSIGNEE,
    /** Tell the pool's fallback (a user group, or another channel) that nobody in the pool can take the lead. */
    FALLBACK,
    /** Warn the escalation target that a lead stays with someone who cannot act on it now. */
    UNAVAILABLE,
    /** Tell the assignee, once, that someone else decided or took their lead. */
    TOLD_ASSIGNEE,
    /** Give an unclaimed lead back to marketing, in the marketing channel, with Recycle and Reassign…. */
    UNCLAIMED_MARKETING,
    /** Tell marketing, in the thread of its message, that the escalation target upheld the rejection. */
    UPHELD_MARKETING,
    /** Say in the handoff's thread that the escalation target reopened it, with its new deadline. */
    REOPEN_THREAD,
    /** Tell the rep a reopened lead is theirs to decide again, with Accept and Reject. */
    REOPEN_DM,
    /** Remind marketing, in the thread of its message, that a rejection still waits for its answer. */
    FOLLOWUP_REMIND,
    /** Tell the marketing owner that a rejection went unanswered past the agreement's follow-up time. */
    FOLLOWUP_ESCALATE,
    /** Replace the buttons of notices that no longer apply (direct messages, thread notices) with the outcome. */
    CLOSE_NOTICES;

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
