package dev.handshake.agreement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code handoff:} (step 4): which stages go to sales, how fast, where, and what happens when nobody acts. */
final class HandoffReader {

    private static final Set<String> HANDOFF_KEYS = Set.of("stages", "who_decides", "sales_channel",
            "marketing_channel", "escalation", "rejection_reasons", "reminder", "reassign", "rejection_followup_hours");
    private static final Set<String> STAGE_KEYS = Set.of("stage", "response_hours", "first_contact_hours");
    private static final Set<String> REMINDER_KEYS = Set.of("window_percent", "before_minutes");
    private static final Set<String> REASSIGN_KEYS = Set.of("enabled", "max_times", "pool");
    private static final Map<String, Decider> DECIDERS = Values.lowerCaseChoices(Decider.values());
    /** Slack's limit for an option's text in a select menu, where the reasons are offered. */
    private static final int REASON_LIMIT = 75;
    /** Slack's limit for the number of options in a static select menu. */
    private static final int REASONS_MAX = 100;
    static final int DEFAULT_REMINDER_PERCENT = 75;

    private final Problems problems;

    HandoffReader(Problems problems) {
        this.problems = problems;
    }

    HandoffTerms read(Fields top, IdRegistry stageIds) {
        Fields handoff = top.fields("handoff", true, HANDOFF_KEYS);
        List<StageHandoff> stages = stages(handoff, stageIds);
        Decider decider = handoff.oneOf("who_decides", DECIDERS, Decider.ANYONE);
        String salesChannel = SlackRefs.channel(handoff, "sales_channel");
        String marketingChannel = SlackRefs.channel(handoff, "marketing_channel");
        SlackTarget escalation = SlackRefs.target(handoff, "escalation");
        List<String> reasons = rejectionReasons(handoff);
        ReminderTerms reminder = reminder(handoff.fields("reminder", false, REMINDER_KEYS), stages);
        ReassignTerms reassign = reassign(handoff.fields("reassign", false, REASSIGN_KEYS));
        Duration followup = Formats.hours(handoff, "rejection_followup_hours", false);
        boolean followupBad = handoff.has("rejection_followup_hours") && followup == null;
        if (followupBad || decider == null || salesChannel == null || marketingChannel == null || escalation == null
                || reminder == null || reassign == null) {
            return null;
        }
        return new HandoffTerms(stages, decider, salesChannel, marketingChannel, escalation, reasons, reminder,
                reassign, followup);
    }

    private List<StageHandoff> stages(Fields handoff, IdRegistry stageIds) {
        List<StageHandoff> stages = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Fields stage : handoff.list("stages", true, STAGE_KEYS)) {
            String id = stage.text("stage");
            boolean known = stageIds.check(id, stage.at("stage"));
            if (known && seen.putIfAbsent(id, problems.lineOf(stage.at("stage"))) != null) {
                problems.report(stage.at("stage"), "stage " + Values.quote(id) + " is handed off twice (first on line "
                        + seen.get(id) + ")");
                known = false;
            }
            Duration response = Formats.hours(stage, "response_hours", true);
            Duration firstContact = Formats.hours(stage, "first_contact_hours", false);
            if (known && response != null) {
                stages.add(new StageHandoff(id, response, firstContact));
            }
        }
        return stages;
    }

    private List<String> rejectionReasons(Fields handoff) {
        List<Fields.Located> reasons = handoff.located("rejection_reasons", true);
        Map<String, Integer> seen = new HashMap<>();
        for (Fields.Located reason : reasons) {
            if (reason.text().length() > REASON_LIMIT) {
                problems.report(reason.at(), "must be at most " + REASON_LIMIT + " characters (Slack's limit for a "
                        + "menu option), was " + reason.text().length());
            }
            Integer first = seen.putIfAbsent(Names.normalize(reason.text()), problems.lineOf(reason.at()));
            if (first != null) {
                problems.report(reason.at(), Values.quote(reason.text()) + " is listed twice (first on line "
                        + first + ")");
            }
        }
        if (reasons.size() > REASONS_MAX) {
            problems.report(handoff.at("rejection_reasons"), "must list at most " + REASONS_MAX
                    + " reasons (Slack's limit for a menu), has " + reasons.size());
        }
        return PersonasReader.texts(reasons);
    }

    /** Exactly one of window_percent and before_minutes; when the whole mapping is left out, 75% of the window. */
    private ReminderTerms reminder(Fields reminder, List<StageHandoff> stages) {
        boolean percent = reminder.has("window_percent");
        boolean minutes = reminder.has("before_minutes");
        if (percent && minutes) {
            problems.report(reminder.path(), "give either window_percent or before_minutes, not both");
            return null;
        }
        if (!percent && !minutes) {
            if (reminder.given()) {
                problems.report(reminder.path(), "must give window_percent (1–99) or before_minutes");
                return null;
            }
            return new ReminderTerms(DEFAULT_REMINDER_PERCENT, null);
        }
        if (percent) {
            Integer share = Formats.percent(reminder, "window_percent", 1, 99);
            return share == null ? null : new ReminderTerms(share, null);
        }
        Integer before = reminder.whole("before_minutes", null);
        if (before == null) {
            return null;
        }
        if (before < 1) {
            problems.report(reminder.at("before_minutes"), "must be at least 1 minute, was " + before);
            return null;
        }
        Duration lead = Duration.ofMinutes(before);
        for (StageHandoff stage : stages) {
            if (lead.compareTo(stage.responseTime()) >= 0) {
                problems.report(reminder.at("before_minutes"), before + " minutes is not less than the "
                        + Formats.hours(stage.responseTime()) + " business hours sales has for stage "
                        + Values.quote(stage.stage()) + ", so the reminder would come before the handoff");
                return null;
            }
        }
        return new ReminderTerms(null, lead);
    }

    private ReassignTerms reassign(Fields reassign) {
        Boolean enabled = reassign.flag("enabled", false);
        Integer maxTimes = reassign.whole("max_times", 1);
        if (maxTimes != null && maxTimes < 1) {
            problems.report(reassign.at("max_times"), "must be at least 1, was " + maxTimes);
            maxTimes = null;
        }
        List<String> pool = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Fields.Located user : reassign.located("pool", Boolean.TRUE.equals(enabled))) {
            if (SlackRefs.checkUser(user.text(), user.at(), problems) == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(user.text(), problems.lineOf(user.at()));
            if (first != null) {
                problems.report(user.at(), user.text() + " is in the pool twice (first on line " + first + ")");
            } else {
                pool.add(user.text());
            }
        }
        if (enabled == null || maxTimes == null) {
            return null;
        }
        return new ReassignTerms(enabled, maxTimes, pool);
    }
}
