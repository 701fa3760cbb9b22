package dev.handshake.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Stores the agreement's reviews and off-cycle alerts; each is claimed once per period. Thread-safe. */
public final class ReviewStore {

    private final Jdbi jdbi;

    public ReviewStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
    }

    public Optional<Review> find(String period) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM reviews WHERE period = :period")
                .bind("period", period).map(ReviewStore::review).findOne());
    }

    /** The most recent review that was marked done. */
    public Optional<Review> lastReviewed() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM reviews WHERE reviewed_at IS NOT NULL ORDER BY reviewed_at DESC LIMIT 1")
                .map(ReviewStore::review).findOne());
    }

    /** Claims the period's review; false when it was claimed before (by this run or an earlier one). */
    boolean claim(String period, Instant dueAt) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "INSERT OR IGNORE INTO reviews (period, due_at) VALUES (:period, :due)")
                .bind("period", period).bind("due", dueAt.toEpochMilli()).execute() == 1);
    }

    void posted(String period, String channelId, String ts, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET posted_at = :now, channel_id = :channel, message_ts = :ts,
                            snoozed_until = NULL WHERE period = :period""")
                .bind("now", now.toEpochMilli()).bind("channel", channelId).bind("ts", ts).bind("period", period)
                .execute());
    }

    /** Claims the one follow-up of a review; false if it was already sent or the review is done. */
    boolean claimFollowUp(String period, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET follow_up_posted_at = :now
                        WHERE period = :period AND follow_up_posted_at IS NULL AND reviewed_at IS NULL""")
                .bind("now", now.toEpochMilli()).bind("period", period).execute() == 1);
    }

    /** "Remind me next week": the reminder comes back at {@code until}, unless the review is done by then. */
    boolean snooze(String period, Instant until) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET snoozed_until = :until WHERE period = :period AND reviewed_at IS NULL""")
                .bind("until", until.toEpochMilli()).bind("period", period).execute() == 1);
    }

    /** Takes a snoozed reminder that is due again; false if none is, or another run took it. */
    boolean takeSnoozed(String period, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET snoozed_until = NULL
                        WHERE period = :period AND snoozed_until IS NOT NULL AND snoozed_until <= :now
                          AND reviewed_at IS NULL""")
                .bind("now", now.toEpochMilli()).bind("period", period).execute() == 1);
    }

    /** Marks the review done, once (compare-and-set). */
    boolean reviewed(String period, String userId, String outcome, String notes, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET reviewed_at = :now, reviewed_by = :user, outcome = :outcome, notes = :notes,
                            snoozed_until = NULL
                        WHERE period = :period AND reviewed_at IS NULL""")
                .bind("now", now.toEpochMilli()).bind("user", userId).bind("outcome", outcome).bind("notes", notes)
                .bind("period", period).execute() == 1);
    }

    /** Claims posting the action items of a review that decided to change the agreement; false if already claimed. */
    boolean claimChangeRequest(String period, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET change_posted_at = :now
                        WHERE period = :period AND outcome = 'change' AND change_posted_at IS NULL""")
                .bind("now", now.toEpochMilli()).bind("period", period).execute() == 1);
    }

    /** Where the action items were posted, to update them when the change is opened. */
    void changeRequestPosted(String period, String channelId, String ts) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET change_channel_id = :channel, change_ts = :ts WHERE period = :period""")
                .bind("channel", channelId).bind("ts", ts).bind("period", period).execute());
    }

    /** Gives the claim back when posting the action items failed, so the next attempt posts them. */
    void releaseChangeRequest(String period) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE reviews SET change_posted_at = NULL WHERE period = :period AND change_ts IS NULL")
                .bind("period", period).execute());
    }

    /** Records, once, who said they opened the change (compare-and-set). */
    boolean changeOpened(String period, String userId, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE reviews SET change_opened_by = :user, change_opened_at = :now
                        WHERE period = :period AND outcome = 'change' AND change_opened_by IS NULL""")
                .bind("user", userId).bind("now", now.toEpochMilli()).bind("period", period).execute() == 1);
    }

    /** Claims the quarter's one off-cycle alert; false if one was already posted. */
    boolean claimAlert(String quarter, Instant now, String detail) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT OR IGNORE INTO review_alerts (quarter, posted_at, detail) VALUES (:quarter, :now, :detail)""")
                .bind("quarter", quarter).bind("now", now.toEpochMilli()).bind("detail", detail).execute() == 1);
    }

    /** Gives the quarter's alert back when posting it failed, so the next check tries again. */
    void releaseAlert(String quarter) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM review_alerts WHERE quarter = :quarter")
                .bind("quarter", quarter).execute());
    }

    private static Review review(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Review(rs.getString("period"), instant(rs, "due_at"), instant(rs, "posted_at"),
                rs.getString("channel_id"), rs.getString("message_ts"), instant(rs, "snoozed_until"),
                instant(rs, "follow_up_posted_at"), instant(rs, "reviewed_at"), rs.getString("reviewed_by"),
                rs.getString("outcome"), rs.getString("notes"), instant(rs, "change_posted_at"),
                rs.getString("change_channel_id"), rs.getString("change_ts"), rs.getString("change_opened_by"),
                instant(rs, "change_opened_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
