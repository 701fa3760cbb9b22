package dev.handshake.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The promises the fault scenarios check after each run, over the app's database and what the fake Slack received:
 * every intake answered 2xx has exactly one handoff, every stage event answered 200 exactly one row, and none
 * answered 503 "nothing stored" had a row then (checked as the answer came, in the {@link Ledger}); every handoff was
 * posted (duplicate posts are counted, not hidden; a post whose answer was lost counts, it is in the channel); at
 * most one decision per handoff, and none acknowledged and lost; every timer that fired fired once (one event each)
 * and what it owed reached Slack; no delivery or due timer left behind; on SQLite {@code PRAGMA integrity_check} is
 * {@code ok}.
 */
final class Invariants {

    /** Every delivery that posts in the handoff's thread (HandoffNotices.inThread). */
    private static final Set<String> THREAD_KINDS = Set.of("remind_thread", "escalate", "reassign_thread",
            "reopen_thread", "contact_remind_thread", "contact_escalate", "contest");

    /** The figures of one check; {@code violations} is empty when every promise held. */
    record Report(int handoffs, int posts, int duplicatePosts, int decisions, int timersFired, int threadPosts,
            int duplicateThreadPosts, int otherChannelPosts, List<String> violations) {

        int lost() {
            return violations.size();
        }

        void assertHolds() {
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " invariant(s) broken:\n  "
                        + String.join("\n  ", violations.subList(0, Math.min(50, violations.size()))));
            }
        }
    }

    private Invariants() {}

    /** Timer kinds and the one event each writes when it fires. */
    private static final Map<String, String> EVENT_OF_TIMER = Map.of("remind", "reminded", "escalate", "escalated",
            "contact_remind", "contact_reminded", "contact_escalate", "contact_escalated");

    static Report check(PackagedApp app, FakeSlack slack, Ledger ledger) throws SQLException {
        return check(app.jdbcUrl(), slack, ledger);
    }

    /** The same over any database the app ran on, SQLite or PostgreSQL ({@code jdbcUrl} with its login). */
    static Report check(String jdbcUrl, FakeSlack slack, Ledger ledger) throws SQLException {
        List<String> violations = new ArrayList<>(ledger.violations);
        String salesChannel = slack.channelFor("#sales-leads");
        Map<String, Integer> threadPostsPerTs = new HashMap<>();
        // The handoffs' own messages in the sales channel: top level, sent there (the rep's direct message, sent
        // first, is another conversation). A post whose answer was lost is in the channel all the same: it counts.
        List<SlackCall> channelPosts = new ArrayList<>();
        for (SlackCall call : slack.calls("chat.postMessage")) {
            if (!call.tookEffect()) {
                continue;
            }
            String threadTs = call.param("thread_ts");
            if (threadTs != null) {
                threadPostsPerTs.merge(threadTs, 1, Integer::sum);
            } else if (salesChannel.equals(call.result().path("channel").asText())) {
                channelPosts.add(call);
            }
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement sql = db.createStatement()) {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                sql.execute("PRAGMA busy_timeout = 10000");
                String integrity = single(sql, "PRAGMA integrity_check");
                if (!"ok".equals(integrity)) {
                    violations.add("integrity_check: " + integrity);
                }
            }
            Map<String, Integer> rowsPerExternalId = new HashMap<>();
            Map<Long, String> messageTs = new HashMap<>();
            Map<Long, String> status = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT id, external_id, message_ts, status FROM handoffs")) {
                while (rows.next()) {
                    rowsPerExternalId.merge(rows.getString(2), 1, Integer::sum);
                    messageTs.put(rows.getLong(1), rows.getString(3));
                    status.put(rows.getLong(1), rows.getString(4));
                }
            }
            for (String id : ledger.intakesAnswered) {
                int rows = rowsPerExternalId.getOrDefault(id, 0);
                if (rows != 1) {
                    violations.add("intake " + id + " was answered 2xx but has " + rows + " handoff rows");
                }
            }
            Map<String, Integer> stageRows = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT lead_id, count(*) FROM stage_events GROUP BY lead_id")) {
                while (rows.next()) {
                    stageRows.put(rows.getString(1), rows.getInt(2));
                }
            }
            for (String lead : ledger.stageEventsAnswered) {
                int rows = stageRows.getOrDefault(lead, 0);
                if (rows != 1) {
                    violations.add("the stage event of " + lead + " was answered 200 but has " + rows + " rows");
                }
            }
            // Each channel post is the handoff its buttons name; one decided before its post went out (Accept
            // clicked in the direct message) may have none left, and is the handoff whose message_ts it got.
            Map<String, Long> handoffOfTs = new HashMap<>();
            messageTs.forEach((id, ts) -> {
                if (ts != null) {
                    handoffOfTs.put(ts, id);
                }
            });
            Map<Long, Integer> postsPerHandoff = new HashMap<>();
            int otherChannelPosts = 0;
            for (SlackCall call : channelPosts) {
                Long handoff = call.param("blocks") == null ? null : handoffOf(call.json("blocks"));
                if (handoff == null) {
                    handoff = handoffOfTs.get(call.result().path("ts").asText());
                }
                if (handoff == null) {
                    // Not a handoff's message (nothing else is expected there; published, so it is seen).
                    otherChannelPosts++;
                } else {
                    postsPerHandoff.merge(handoff, 1, Integer::sum);
                }
            }
            int posts = 0;
            int duplicatePosts = 0;
            for (Map.Entry<Long, String> handoff : messageTs.entrySet()) {
                int count = postsPerHandoff.getOrDefault(handoff.getKey(), 0);
                posts += count;
                duplicatePosts += Math.max(0, count - 1);
                if (count == 0 || handoff.getValue() == null) {
                    violations.add("handoff " + handoff.getKey() + " was never posted (posts " + count + ", message_ts "
                            + handoff.getValue() + ")");
                }
            }
            Map<Long, Integer> decisions = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("""
                    SELECT handoff_id, count(*) FROM handoff_events WHERE kind IN ('accepted', 'rejected')
                    GROUP BY handoff_id""")) {
                while (rows.next()) {
                    decisions.put(rows.getLong(1), rows.getInt(2));
                }
            }
            decisions.forEach((id, n) -> {
                if (n > 1) {
                    violations.add("handoff " + id + " has " + n + " decisions");
                }
            });
            status.forEach((id, s) -> {
                boolean decided = !"pending".equals(s);
                if (decided != decisions.containsKey(id)) {
                    violations.add("handoff " + id + " is " + s + " with " + decisions.getOrDefault(id, 0)
                            + " decision events");
                }
            });
            for (long id : ledger.clicksAnswered) {
                if ("pending".equals(status.get(id))) {
                    violations.add("handoff " + id + " had its Accept answered 200 but is still pending");
                }
            }
            Map<Long, Integer> threadDeliveries = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT subject, kind, state FROM outbox")) {
                while (rows.next()) {
                    String state = rows.getString(3);
                    if (!"done".equals(state)) {
                        violations.add("delivery " + rows.getString(2) + " about " + rows.getString(1) + " is "
                                + state);
                    } else if (THREAD_KINDS.contains(rows.getString(2))) {
                        threadDeliveries.merge(Long.parseLong(rows.getString(1)), 1, Integer::sum);
                    }
                }
            }
            int threadPosts = 0;
            int duplicateThreadPosts = 0;
            for (Map.Entry<Long, String> handoff : messageTs.entrySet()) {
                int owed = threadDeliveries.getOrDefault(handoff.getKey(), 0);
                int sent = handoff.getValue() == null ? 0 : threadPostsPerTs.getOrDefault(handoff.getValue(), 0);
                threadPosts += sent;
                duplicateThreadPosts += Math.max(0, sent - owed);
                if (sent < owed) {
                    violations.add("handoff " + handoff.getKey() + " owed " + owed + " thread posts (reminders,"
                            + " escalations) but " + sent + " reached Slack");
                }
            }
            int timersFired = Integer.parseInt(single(sql, "SELECT count(*) FROM timers WHERE state = 'fired'"));
            for (Map.Entry<String, String> timer : EVENT_OF_TIMER.entrySet()) {
                String fired = single(sql, "SELECT count(*) FROM timers WHERE state = 'fired' AND kind = '"
                        + timer.getKey() + "'");
                String events = single(sql, "SELECT count(*) FROM handoff_events WHERE kind = '" + timer.getValue()
                        + "'");
                if (!fired.equals(events)) {
                    violations.add(fired + " " + timer.getKey() + " timers fired but " + events + " '"
                            + timer.getValue() + "' events were written: a timer fired twice or left no trace");
                }
            }
            String overdueTimers = single(sql, "SELECT count(*) FROM timers WHERE state = 'pending' AND due_at < "
                    + (System.currentTimeMillis() - 30_000));
            if (!"0".equals(overdueTimers)) {
                violations.add(overdueTimers + " timers are still pending 30 s after they fell due");
            }
            int decisionCount = decisions.values().stream().mapToInt(Integer::intValue).sum();
            return new Report(messageTs.size(), posts, duplicatePosts, decisionCount, timersFired, threadPosts,
                    duplicateThreadPosts, otherChannelPosts, violations);
        }
    }

    /**
     * The handoff a message's buttons act on (every handoff button's value is the handoff id: Accept, Reject, Mark
     * contacted, ...), or null when it has none.
     */
    static Long handoffOf(JsonNode blocks) {
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                String value = element.path("value").asText("");
                if (element.path("action_id").asText().startsWith("handoff_") && value.matches("[0-9]{1,18}")) {
                    return Long.parseLong(value);
                }
            }
        }
        return null;
    }

    /** The handoff id on a message's Accept button, or null when it has none. */
    static Long acceptValue(JsonNode blocks) {
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if ("handoff_accept".equals(element.path("action_id").asText()) && element.hasNonNull("value")) {
                    return Long.parseLong(element.get("value").asText());
                }
            }
        }
        return null;
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
