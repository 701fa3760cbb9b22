package dev.handshake.routing;

import dev.handshake.db.Transactions;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The reps' profiles as Slack last gave them, kept in the database and in memory: routing reads them on every lead,
 * so they are read from memory, and written through to the database so a restart keeps them. Thread-safe.
 */
public final class RepProfiles {

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Map<String, RepProfile> byUser = new ConcurrentHashMap<>();

    /** Reads through {@code jdbi}, writes through {@code writes}; loads what the database holds now. */
    public RepProfiles(Jdbi jdbi, Transactions writes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        jdbi.useHandle(handle -> handle.createQuery(
                        "SELECT user_id, name, tz, email, deleted, fetched_at FROM rep_profiles")
                .map((rs, ctx) -> new RepProfile(rs.getString("user_id"), rs.getString("name"), rs.getString("tz"),
                        rs.getString("email"), rs.getInt("deleted") == 1,
                        Instant.ofEpochMilli(rs.getLong("fetched_at"))))
                .forEach(profile -> byUser.put(profile.userId(), profile)));
    }

    public Optional<RepProfile> find(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    /** Whether Slack said this user was deactivated. */
    public boolean deactivated(String userId) {
        RepProfile profile = byUser.get(userId);
        return profile != null && profile.deleted();
    }

    /** The name to show for a user without pinging them: their Slack name when known, else their id. */
    public String name(String userId) {
        RepProfile profile = byUser.get(userId);
        return profile == null || profile.name() == null || profile.name().isBlank() ? userId : profile.name();
    }

    /** The active user with this email, when a profile holds it. */
    public Optional<String> userByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        return byUser.values().stream().filter(p -> !p.deleted() && wanted.equals(p.email()))
                .map(RepProfile::userId).findFirst();
    }

    /** Stores what Slack said, replacing what it said before; returns whether the user was just deactivated. */
    public boolean record(RepProfile profile) {
        Objects.requireNonNull(profile, "profile == null");
        String email = profile.email() == null ? null : profile.email().strip().toLowerCase(Locale.ROOT);
        RepProfile stored = new RepProfile(profile.userId(), profile.name(), profile.tz(), email, profile.deleted(),
                profile.fetchedAt());
        writes.useTransaction(handle -> handle.createUpdate("""
                        INSERT INTO rep_profiles (user_id, name, tz, email, deleted, fetched_at)
                        VALUES (:user, :name, :tz, :email, :deleted, :at)
                        ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, tz = excluded.tz,
                            email = excluded.email, deleted = excluded.deleted, fetched_at = excluded.fetched_at""")
                .bind("user", stored.userId()).bind("name", stored.name()).bind("tz", stored.tz())
                .bind("email", email).bind("deleted", stored.deleted() ? 1 : 0)
                .bind("at", stored.fetchedAt().toEpochMilli())
                .execute());
        RepProfile before = byUser.put(stored.userId(), stored);
        return stored.deleted() && (before == null || !before.deleted());
    }
}
