package dev.handshake.roster;

import dev.handshake.db.Transactions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * Who is away, through which local date (inclusive) of the agreement's calendar, so round robin can skip them.
 * Thread-safe.
 */
public final class Roster {

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Clock clock;
    private final ZoneId zone;
    /** Who is away on a day, read once for the many leads routed that day; forgotten on a change, or after a while. */
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    private record Snapshot(LocalDate day, Map<String, LocalDate> away, Instant readAt) {}

    /** How long a read of who is away serves routing; another app on the same database is seen after this. */
    static final Duration SNAPSHOT_FOR = Duration.ofSeconds(5);

    /** Reads through {@code jdbi}, writes through {@code writes}. */
    public Roster(Jdbi jdbi, Transactions writes, Clock clock, ZoneId zone) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    /** Marks the user away through {@code until} (inclusive), replacing any earlier date. */
    public void setAway(String userId, LocalDate until) {
        Objects.requireNonNull(userId, "userId == null");
        Objects.requireNonNull(until, "until == null");
        // Dates are compared as ISO text in SQL, which only sorts correctly for four-digit years.
        if (until.getYear() < 1 || until.getYear() > 9999) {
            throw new IllegalArgumentException("until must have a four-digit year: " + until);
        }
        writes.useTransaction(handle -> handle.createUpdate("""
                INSERT INTO away (user_id, until_date, set_at) VALUES (:user, :until, :now)
                ON CONFLICT (user_id) DO UPDATE SET until_date = excluded.until_date, set_at = excluded.set_at""")
                .bind("user", userId)
                .bind("until", until.toString())
                .bind("now", clock.millis())
                .execute());
        snapshot.set(null);
    }

    /** Ends the user's absence, if any. */
    public void back(String userId) {
        Objects.requireNonNull(userId, "userId == null");
        writes.useTransaction(handle -> handle.createUpdate("DELETE FROM away WHERE user_id = :user")
                .bind("user", userId)
                .execute());
        snapshot.set(null);
    }

    /** The last day the user is away, or empty when they are not marked away or that day has passed. */
    public Optional<LocalDate> awayUntil(String userId) {
        Objects.requireNonNull(userId, "userId == null");
        Optional<LocalDate> until = jdbi.withHandle(handle -> handle
                .createQuery("SELECT until_date FROM away WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(String.class)
                .findOne())
                .map(LocalDate::parse);
        return until.filter(date -> !date.isBefore(today()));
    }

    /** The users who are away on {@code day}: those whose last away day is {@code day} or later. */
    public Set<String> awayOn(LocalDate day) {
        Objects.requireNonNull(day, "day == null");
        return jdbi.withHandle(handle -> Set.copyOf(handle
                .createQuery("SELECT user_id FROM away WHERE until_date >= :day")
                .bind("day", day.toString())
                .mapTo(String.class)
                .list()));
    }

    /**
     * The users who are away on {@code day}, each with their last away day. Routing asks for every lead, so a read
     * serves for {@link #SNAPSHOT_FOR}, or until this roster records a change.
     */
    public Map<String, LocalDate> awayThrough(LocalDate day) {
        Objects.requireNonNull(day, "day == null");
        Snapshot known = snapshot.get();
        Instant now = clock.instant();
        if (known != null && known.day().equals(day) && now.isBefore(known.readAt().plus(SNAPSHOT_FOR))
                && !now.isBefore(known.readAt())) {
            return known.away();
        }
        Map<String, LocalDate> away = read(day);
        snapshot.set(new Snapshot(day, away, now));
        return away;
    }

    private Map<String, LocalDate> read(LocalDate day) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT user_id, until_date FROM away WHERE until_date >= :day")
                .bind("day", day.toString())
                .map((rs, ctx) -> Map.entry(rs.getString(1), LocalDate.parse(rs.getString(2))))
                .list().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        Map.Entry::getValue)));
    }

    /** Who is away today, each with the last day they are away, soonest back first. */
    public java.util.Map<String, LocalDate> awayToday() {
        java.util.Map<String, LocalDate> away = new java.util.LinkedHashMap<>();
        jdbi.useHandle(handle -> handle
                .createQuery("SELECT user_id, until_date FROM away WHERE until_date >= :day ORDER BY until_date, user_id")
                .bind("day", today().toString())
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), LocalDate.parse(rs.getString(2))))
                .forEach(entry -> away.put(entry.getKey(), entry.getValue())));
        return away;
    }

    /** Today in the agreement's calendar zone. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
