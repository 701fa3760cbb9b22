package dev.handshake.agreement;

import java.util.List;

/** Where and how leads pass from marketing to sales, and what happens when nobody acts (step 4). */
public record HandoffTerms(
        List<StageHandoff> stages,
        Decider whoDecides,
        String salesChannel,
        String marketingChannel,
        SlackTarget escalation,
        List<String> rejectionReasons,
        ReminderTerms reminder,
        ReassignTerms reassign) {

    public HandoffTerms {
        stages = List.copyOf(stages);
        rejectionReasons = List.copyOf(rejectionReasons);
    }
}
