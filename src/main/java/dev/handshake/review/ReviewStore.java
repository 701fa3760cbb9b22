package dev.handshake.review;

import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.outbox.Owed;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Stores the agreement's reviews, off-cycle alerts and the action items of a review that decided to change the
 * agreement. Each step is claimed once, in the same transaction that owes its Slack post to the outbox (a
 * compare-and-set or an insert that only the first caller makes), so a step happens once across restarts and across
 * replicas, and a post that fails is retried. Rows become {@link Review}s through the app's column types (times as
 * instants). Thread-safe.
 */
public final class ReviewStore {

    /** A row of {@code reviews}, column by column onto the record's components (snake_case to camelCase). */
    private static final RowMapper<Review> REVIEW = ConstructorMapper.of(Review.class);

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Outbox outbox;

    public ReviewStore(Jdbi jdbi, Transactions writes, Outbox outbox) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
    }

    public Optional<Review> find(String period) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM reviews WHERE period = :period")
                .bind("period", period).map(REVIEW).findOne());
    }

    /** The most recent review that was marked done. */
    public Optional<Review> lastReviewed() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM reviews WHERE reviewed_at IS NOT NULL ORDER BY reviewed_at DESC LIMIT 1")
                .map(REVIEW).findOne());
    }

    /** Claims the period's review and owes its reminder; false when it was claimed before. */
    boolean claim(String period, Instant dueAt, Owed reminder) {
        return writes.inTransaction(handle -> {
            boolean claimed = insertReview(handle, period, dueAt);
            if (claimed) {
                outbox.owe(handle, reminder);
            }
            return claimed;
        });
    }

    private static boolean insertReview(Handle handle, String period, Instant dueAt) {
        return handle.createUpdate(
                        "INSERT INTO reviews (period, due_at) VALUES (:period, :due) ON CONFLICT (period) DO NOTHING")
                .bind("period", period).bind("due", dueAt).execute() == 1;
    }

    /**
     * Owes the post of every review claimed but neither posted nor reviewed that has no item of its kind in the
     * outbox (a claim made before reviews went through it, by a run that stopped before posting); {@code post}
     * gives the item for a period.
     */
    int oweUnposted(Function<String, Owed> post) {
        return writes.inTransaction(handle -> {
            // Locked: replicas starting together would otherwise both find a period with nothing owed.
            List<String> periods = handle.createQuery(
                            "SELECT period FROM reviews WHERE posted_at IS NULL AND reviewed_at IS NULL <forUpdate>")
                    .mapTo(String.class).list();
            int owed = 0;
            for (String period : periods) {
                Owed item = post.apply(period);
                if (OutboxStore.state(handle, item.kind(), period) == OutboxStore.State.NONE) {
                    outbox.owe(handle, item);
                    owed++;
                }
            }
            return owed;
        });
    }

    /**
     * Records where a review's message was posted, in the caller's transaction, and owes {@code then} (the chart
     * for its thread; null for nothing).
     */
    void posted(Handle handle, String period, String channelId, String ts, Instant sentAt, Owed then) {
        handle.createUpdate("""
                        UPDATE reviews SET posted_at = :now, channel_id = :channel, message_ts = :ts,
                            snoozed_until = NULL WHERE period = :period""")
                .bind("now", sentAt).bind("channel", channelId).bind("ts", ts).bind("period", period).execute();
        if (then != null) {
            outbox.owe(handle, then);
        }
        // Marked reviewed while its post was on its way (the mark found no message to update): updated now.
        boolean reviewed = handle.createQuery(
                        "SELECT count(*) FROM reviews WHERE period = :period AND reviewed_at IS NOT NULL")
                .bind("period", period).mapTo(Integer.class).one() > 0;
        if (reviewed) {
            outbox.owe(handle, ReviewReminders.refreshOf(period, channelId));
        }
    }

    /** Claims the one follow-up of a review and owes its post; false if it was already sent or the review is done. */
    boolean claimFollowUp(String period, Instant now, Owed followUp) {
        return writes.inTransaction(handle -> {
            boolean claimed = handle.createUpdate("""
                            UPDATE reviews SET follow_up_posted_at = :now
                            WHERE period = :period AND follow_up_posted_at IS NULL AND reviewed_at IS NULL""")
                    .bind("now", now).bind("period", period).execute() == 1;
            if (claimed) {
                outbox.owe(handle, followUp);
            }
            return claimed;
        });
    }

    /** "Remind me next week": the reminder comes back at {@code until}, unless the review is done by then. */
    boolean snooze(String period, Instant until) {
        return writes.inTransaction(handle -> handle.createUpdate("""
                        UPDATE reviews SET snoozed_until = :until WHERE period = :period AND reviewed_at IS NULL""")
                .bind("until", until).bind("period", period).execute() == 1);
    }

    /** Takes a snoozed reminder that is due again and owes its post; false if none is, or another run took it. */
    boolean takeSnoozed(String period, Instant now, Owed reminder) {
        return writes.inTransaction(handle -> {
            boolean taken = handle.createUpdate("""
                            UPDATE reviews SET snoozed_until = NULL
                            WHERE period = :period AND snoozed_until IS NOT NULL AND snoozed_until <= :now
                              AND reviewed_at IS NULL""")
                    .bind("now", now).bind("period", period).execute() == 1;
            if (taken) {
                outbox.owe(handle, reminder);
            }
            return taken;
        });
    }

    /**
     * Marks the review done, once (compare-and-set), and owes the edit of its latest message ({@code refresh}
     * gives it, from the channel the message is in) when there is one. A review that decided to change the
     * agreement also claims its action items, once, and owes their post ({@code actionItems}).
     */
    boolean reviewed(String period, String userId, String outcome, String notes, Instant now,
            Function<String, Owed> refresh, Owed actionItems) {
        return writes.inTransaction(handle -> {
            boolean done = handle.createUpdate("""
                            UPDATE reviews SET reviewed_at = :now, reviewed_by = :user, outcome = :outcome,
                                notes = :notes, snoozed_until = NULL
                            WHERE period = :period AND reviewed_at IS NULL""")
                    .bind("now", now).bind("user", userId).bind("outcome", outcome).bind("notes", notes)
                    .bind("period", period).execute() == 1;
            if (done) {
                handle.createQuery("SELECT channel_id FROM reviews WHERE period = :period AND message_ts IS NOT NULL")
                        .bind("period", period).mapTo(String.class).findOne()
                        .ifPresent(channel -> outbox.owe(handle, refresh.apply(channel)));
                boolean claimed = handle.createUpdate("""
                                UPDATE reviews SET change_posted_at = :now
                                WHERE period = :period AND outcome = 'change' AND change_posted_at IS NULL""")
                        .bind("now", now).bind("period", period).execute() == 1;
                if (claimed) {
                    outbox.owe(handle, actionItems);
                }
            }
            return done;
        });
    }

    /** Where the action items were posted, in the caller's transaction, to update them when the change is opened. */
    void changeRequestPosted(Handle handle, String period, String channelId, String ts) {
        handle.createUpdate("UPDATE reviews SET change_channel_id = :channel, change_ts = :ts WHERE period = :period")
                .bind("channel", channelId).bind("ts", ts).bind("period", period).execute();
    }

    /**
     * Records, once, who said they opened the change (compare-and-set), and owes the edit of the action items
     * ({@code refresh} gives it, from the channel they are in) once they are posted; until then their post shows it.
     */
    boolean changeOpened(String period, String userId, Instant now, Function<String, Owed> refresh) {
        return writes.inTransaction(handle -> {
            boolean recorded = handle.createUpdate("""
                            UPDATE reviews SET change_opened_by = :user, change_opened_at = :now
                            WHERE period = :period AND outcome = 'change' AND change_opened_by IS NULL""")
                    .bind("user", userId).bind("now", now).bind("period", period).execute() == 1;
            if (recorded) {
                handle.createQuery(
                                "SELECT change_channel_id FROM reviews WHERE period = :period AND change_ts IS NOT NULL")
                        .bind("period", period).mapTo(String.class).findOne()
                        .ifPresent(channel -> outbox.owe(handle, refresh.apply(channel)));
            }
            return recorded;
        });
    }

    /**
     * Claims the quarter's one off-cycle alert with the review it asks for ({@code period}, due {@code now}), and
     * owes its post; false if one was already claimed.
     */
    boolean claimAlert(String quarter, String period, Instant now, String detail, Owed alert) {
        return writes.inTransaction(handle -> {
            boolean claimed = handle.createUpdate("""
                            INSERT INTO review_alerts (quarter, posted_at, detail) VALUES (:quarter, :now, :detail)
                            ON CONFLICT (quarter) DO NOTHING""")
                    .bind("quarter", quarter).bind("now", now).bind("detail", detail).execute() == 1;
            if (claimed) {
                insertReview(handle, period, now);
                outbox.owe(handle, alert);
            }
            return claimed;
        });
    }

    /**
     * The review an alert asks for; for an alert owed before alerts had a review of their own, that review is
     * created now, due {@code now}.
     */
    Review alertReview(String period, Instant now) {
        return find(period).orElseGet(() -> {
            writes.useTransaction(handle -> insertReview(handle, period, now));
            return find(period).orElseThrow();
        });
    }
}
