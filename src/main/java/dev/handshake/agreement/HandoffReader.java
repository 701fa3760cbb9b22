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
    private static final Set<String> STAGE_KEYS = Set.of("stage", "response_hours", "first_contact_hours", "routing");
    private static final Set<String> ROUTING_KEYS = Set.of("pool", "cap", "fallback", "working_hours",
            "reassign_if_unavailable");
    private static final Set<String> REP_KEYS = Set.of("user", "weight", "cap");
    /** The largest weight of a rep: enough to say "ten times as many", small enough to stay readable. */
    static final int MAX_WEIGHT = 100;
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
        Map<String, RoutingTerms> routing = new HashMap<>();
        List<StageHandoff> stages = stages(handoff, stageIds, routing);
        Decider decider = handoff.oneOf("who_decides", DECIDERS, Decider.ANYONE);
        String salesChannel = SlackRefs.channel(handoff, "sales_channel");
        String marketingChannel = SlackRefs.channel(handoff, "marketing_channel");
        SlackTarget escalation = SlackRefs.target(handoff, "escalation");
        List<String> reasons = rejectionReasons(handoff);
        ReminderTerms reminder = reminder(handoff.fields("reminder", false, REMINDER_KEYS), stages);
        // With every stage routed, reassignment takes the stages' pools: reassign.pool is no longer needed.
        boolean allRouted = !stages.isEmpty() && stages.stream().allMatch(s -> routing.containsKey(s.stage()));
        ReassignTerms reassign = reassign(handoff.fields("reassign", false, REASSIGN_KEYS), !allRouted);
        Duration followup = Formats.hours(handoff, "rejection_followup_hours", false);
        boolean followupBad = handoff.has("rejection_followup_hours") && followup == null;
        if (followupBad || decider == null || salesChannel == null || marketingChannel == null || escalation == null
                || reminder == null || reassign == null) {
            return null;
        }
        return new HandoffTerms(stages, decider, salesChannel, marketingChannel, escalation, reasons, reminder,
                reassign, followup, routing);
    }

    private List<StageHandoff> stages(Fields handoff, IdRegistry stageIds, Map<String, RoutingTerms> routing) {
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
            RoutingTerms routed = stage.has("routing")
                    ? routing(stage.fields("routing", true, ROUTING_KEYS)) : null;
            if (known && response != null) {
                stages.add(new StageHandoff(id, response, firstContact));
                if (routed != null) {
                    routing.put(id, routed);
                }
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

    /** A stage's {@code routing}: its pool (user ids, or {@code {user, weight, cap}}), cap, fallback and choices. */
    private RoutingTerms routing(Fields routing) {
        if (!routing.given()) {
            return null;
        }
        List<PoolRep> pool = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean valid = true;
        for (Fields.Item item : routing.items("pool", true)) {
            PoolRep rep = item.node().isObject() ? rep(Fields.of(item.node(), item.path(), problems, REP_KEYS))
                    : repById(item);
            if (rep == null) {
                valid = false;
                continue;
            }
            Integer first = seen.putIfAbsent(rep.user(), problems.lineOf(item.path()));
            if (first != null) {
                problems.report(item.path(), rep.user() + " is in the pool twice (first on line " + first + ")");
                valid = false;
            } else {
                pool.add(rep);
            }
        }
        Integer cap = cap(routing);
        SlackTarget fallback = routing.has("fallback") ? SlackRefs.target(routing, "fallback") : null;
        Boolean workingHours = routing.flag("working_hours", true);
        Boolean reassignIfUnavailable = routing.flag("reassign_if_unavailable", true);
        if (!valid || pool.isEmpty() || (routing.has("cap") && cap == null)
                || (routing.has("fallback") && fallback == null) || workingHours == null
                || reassignIfUnavailable == null) {
            return null;
        }
        return new RoutingTerms(pool, cap, fallback, workingHours, reassignIfUnavailable);
    }

    private PoolRep repById(Fields.Item item) {
        String user = Values.text(item.node(), item.path(), problems);
        return SlackRefs.checkUser(user, item.path(), problems) == null || user == null ? null : new PoolRep(user);
    }

    private PoolRep rep(Fields rep) {
        String user = SlackRefs.user(rep, "user", true);
        Integer weight = rep.whole("weight", 1);
        if (weight != null && (weight < 1 || weight > MAX_WEIGHT)) {
            problems.report(rep.at("weight"), "must be a whole number from 1 to " + MAX_WEIGHT + " (a rep of weight 2 "
                    + "gets twice the leads of a rep of weight 1), was " + weight);
            weight = null;
        }
        Integer cap = cap(rep);
        if (user == null || weight == null || (rep.has("cap") && cap == null)) {
            return null;
        }
        return new PoolRep(user, weight, cap);
    }

    /** The most open handoffs a rep may hold, or null when the key is absent (or wrong, reported). */
    private Integer cap(Fields fields) {
        if (!fields.has("cap")) {
            return null;
        }
        Integer cap = fields.whole("cap", null);
        if (cap != null && cap < 1) {
            problems.report(fields.at("cap"), "must be at least 1 open handoff, was " + cap);
            return null;
        }
        return cap;
    }

    private ReassignTerms reassign(Fields reassign, boolean poolNeeded) {
        Boolean enabled = reassign.flag("enabled", false);
        Integer maxTimes = reassign.whole("max_times", 1);
        if (maxTimes != null && maxTimes < 1) {
            problems.report(reassign.at("max_times"), "must be at least 1, was " + maxTimes);
            maxTimes = null;
        }
        List<String> pool = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Fields.Located user : reassign.located("pool", poolNeeded && Boolean.TRUE.equals(enabled))) {
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
