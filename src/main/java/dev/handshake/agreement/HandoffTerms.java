package dev.handshake.agreement;

import java.time.Duration;
import java.util.List;

/**
 * Where and how leads pass from marketing to sales, and what happens when nobody acts (step 4).
 * {@code rejectionFollowup} is the business time marketing has to answer a rejection (recycle or contest it), or
 * null when the agreement sets none.
 */
public record HandoffTerms(
        List<StageHandoff> stages,
        Decider whoDecides,
        String salesChannel,
        String marketingChannel,
        SlackTarget escalation,
        List<String> rejectionReasons,
        ReminderTerms reminder,
        ReassignTerms reassign,
        Duration rejectionFollowup) {

    public HandoffTerms {
        stages = List.copyOf(stages);
        rejectionReasons = List.copyOf(rejectionReasons);
    }

    /** Terms without a limit on marketing's answer to a rejection. */
    public HandoffTerms(List<StageHandoff> stages, Decider whoDecides, String salesChannel, String marketingChannel,
            SlackTarget escalation, List<String> rejectionReasons, ReminderTerms reminder, ReassignTerms reassign) {
        this(stages, whoDecides, salesChannel, marketingChannel, escalation, rejectionReasons, reminder, reassign, null);
    }
}
