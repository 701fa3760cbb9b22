package dev.handshake.review;

import dev.handshake.db.Dialect;
import dev.handshake.db.JsonColumn;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.outbox.Owed;
import dev.handshake.slack.SlackLanes;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.InvalidAgreementException;
import dev.handshake.agreement.LoadedAgreement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stores each agreement version the app starts with, the changes from the previous one, and acknowledgements; owes
 * the announcement of each change (and its edits as owners acknowledge it) to the outbox. Thread-safe.
 */
public final class AgreementVersions {

    /** Outbox kinds: the announcement of a changed version, and its edit after an acknowledgement. */
    static final String ANNOUNCE = "agreement_announcement";
    static final String ANNOUNCE_EDIT = "agreement_announcement_edit";

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Outbox outbox;

    public AgreementVersions(Jdbi jdbi, Transactions writes, Outbox outbox) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
    }

    /**
     * Records the agreement the app is starting with. The same content as last time is the same version; new
     * content becomes a new version with its changes in plain words, owed an announcement in the review channel
     * (as is any earlier change never announced nor owed).
     */
    public AgreementVersion register(LoadedAgreement loaded, Instant now) {
        String lane = SlackLanes.post(loaded.agreement().review().channel());
        return writes.inTransaction(handle -> {
            // Replicas starting together with a new agreement record it once, and announce it once.
            Dialect.of(handle).lockTable(handle, "agreement_versions");
            AgreementVersion version = record(handle, loaded, now);
            for (AgreementVersion unannounced : unannounced(handle)) {
                String subject = String.valueOf(unannounced.id());
                if (OutboxStore.state(handle, ANNOUNCE, subject) == OutboxStore.State.NONE) {
                    outbox.owe(handle, new Owed(ANNOUNCE, lane, subject, null));
                }
            }
            return version;
        });
    }

    private AgreementVersion record(Handle handle, LoadedAgreement loaded, Instant now) {
        Optional<String[]> latest = handle.createQuery(
                        "SELECT id, sha256, content FROM agreement_versions ORDER BY id DESC LIMIT 1")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).findOne();
        if (latest.isPresent() && latest.get()[1].equals(loaded.sha256())) {
            return handle.createQuery("SELECT * FROM agreement_versions WHERE id = :id")
                    .bind("id", Long.parseLong(latest.get()[0])).map(AgreementVersions::version).one();
        }
        List<String> lines = latest.isEmpty() ? null : changesFrom(latest.get()[2], loaded);
        // Edits nobody would notice (comments, layout) make a new version but nothing to announce.
        Long nothingToAnnounce = lines != null && lines.isEmpty() ? now.toEpochMilli() : null;
        long id = handle.createUpdate("""
                        INSERT INTO agreement_versions (version, sha256, content, loaded_at, changes, announced_at)
                        VALUES (:version, :sha, :content, :now, :changes, :announced)""")
                .bind("version", loaded.agreement().version()).bind("sha", loaded.sha256())
                .bind("content", loaded.text()).bind("now", now.toEpochMilli())
                .bind("changes", lines == null ? null : JsonColumn.of(lines)).bind("announced", nothingToAnnounce)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return handle.createQuery("SELECT * FROM agreement_versions WHERE id = :id").bind("id", id)
                .map(AgreementVersions::version).one();
    }

    public Optional<AgreementVersion> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM agreement_versions WHERE id = :id")
                .bind("id", id).map(AgreementVersions::version).findOne());
    }

    /** Changed versions not yet announced in the review channel, oldest first. */
    private static List<AgreementVersion> unannounced(Handle handle) {
        return handle.createQuery("""
                        SELECT * FROM agreement_versions WHERE changes IS NOT NULL AND announced_at IS NULL
                        ORDER BY id""")
                .map(AgreementVersions::version).list();
    }

    /** Records where a version was announced, in the caller's transaction. */
    void announced(Handle handle, long id, String channelId, String ts, Instant now) {
        handle.createUpdate("""
                        UPDATE agreement_versions SET announced_at = :now, channel_id = :channel, message_ts = :ts
                        WHERE id = :id""")
                .bind("now", now).bind("channel", channelId).bind("ts", ts).bind("id", id).execute();
    }

    /**
     * Records an owner's acknowledgement once per role, and owes the edit of the announcement when one was
     * recorded and the announcement is posted; false when every role had already acknowledged.
     */
    boolean acknowledge(long versionId, List<String> roles, String userId, Instant now) {
        return writes.inTransaction(handle -> {
            boolean recorded = false;
            for (String role : roles) {
                recorded |= handle.createUpdate("""
                                INSERT INTO agreement_acks (version_id, role, user_id, at)
                                VALUES (:version, :role, :user, :now)
                                ON CONFLICT (version_id, role) DO NOTHING""")
                        .bind("version", versionId).bind("role", role).bind("user", userId).bind("now", now)
                        .execute() == 1;
            }
            if (recorded) {
                handle.createQuery("""
                                SELECT channel_id FROM agreement_versions WHERE id = :id AND message_ts IS NOT NULL""")
                        .bind("id", versionId).mapTo(String.class).findOne()
                        .ifPresent(channel -> outbox.owe(handle, new Owed(ANNOUNCE_EDIT, SlackLanes.edit(channel),
                                String.valueOf(versionId), null)));
            }
            return recorded;
        });
    }

    public List<VersionAck> acks(long versionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT role, user_id, at FROM agreement_acks WHERE version_id = :id ORDER BY at, role")
                .bind("id", versionId)
                .map((rs, ctx) -> new VersionAck(rs.getString("role"), rs.getString("user_id"),
                        Instant.ofEpochMilli(rs.getLong("at"))))
                .list());
    }

    private static List<String> changesFrom(String previousContent, LoadedAgreement loaded) {
        try {
            return AgreementChanges.between(new AgreementLoader().parse("previous version", previousContent).agreement(),
                    loaded.agreement());
        } catch (InvalidAgreementException e) {
            // An older app may have accepted a file this one no longer does; say so rather than guess.
            return List.of("The previous version no longer passes the checks, so it is shown as replaced as a whole");
        }
    }

    private static AgreementVersion version(ResultSet rs, StatementContext ctx) throws SQLException {
        String changes = rs.getString("changes");
        long announced = rs.getLong("announced_at");
        Instant announcedAt = rs.wasNull() ? null : Instant.ofEpochMilli(announced);
        return new AgreementVersion(rs.getLong("id"), rs.getString("version"), rs.getString("sha256"),
                Instant.ofEpochMilli(rs.getLong("loaded_at")), changes == null ? List.of() : JsonColumn.list(changes, "changes"),
                changes == null, announcedAt, rs.getString("channel_id"), rs.getString("message_ts"));
    }


}
