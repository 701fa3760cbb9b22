package dev.handshake.stats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Writes handoffs, events and stage events straight into a migrated database, as the app would have. */
final class Seed {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private final Jdbi jdbi;
    private int next = 1;

    Seed(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A wall-clock time in the agreement's zone, e.g. {@code at("2026-10-05T09:00")}. */
    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(CHICAGO).toInstant();
    }

    /** One handoff; use the setters then {@link #insert()}. */
    final class Row {
        String email;
        String persona;
        String source;
        String status = "pending";
        Instant received;
        Instant due;
        String decidedBy;
        Instant decided;
        String reason;
        Instant overdueAt;
        int reassignments;
        Instant firstDue;
        String marketingOutcome;
        Instant marketingAt;
        Instant contactedAt;
        String stage = "mql";

        Row received(String local, String dueLocal) {
            received = at(local);
            due = at(dueLocal);
            return this;
        }

        Row lead(String email, String persona, String source) {
            this.email = email;
            this.persona = persona;
            this.source = source;
            return this;
        }

        Row accepted(String by, String local) {
            status = "accepted";
            decidedBy = by;
            decided = at(local);
            return this;
        }

        Row rejected(String by, String local, String why) {
            status = "rejected";
            decidedBy = by;
            decided = at(local);
            reason = why;
            return this;
        }

        Row overdue(String local) {
            overdueAt = at(local);
            return this;
        }

        Row reassigned(int times) {
            reassignments = times;
            return this;
        }

        /** Reassigned after its first deadline ({@code firstLocal}); {@code due} is then the new rep's. */
        Row reassigned(int times, String firstLocal) {
            reassignments = times;
            firstDue = at(firstLocal);
            return this;
        }

        Row marketing(String outcome, String local) {
            marketingOutcome = outcome;
            marketingAt = at(local);
            return this;
        }

        Row contacted(String local) {
            contactedAt = at(local);
            return this;
        }

        long insert() {
            return jdbi.withHandle(handle -> insert(handle, "ext-" + next++));
        }

        long insert(Handle handle, String externalId) {
            long id = handle.createUpdate("""
                            INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, lead_email, lead_persona,
                                lead_source, status, received_at, due_at, decided_by, decided_at, reject_reason,
                                overdue_at, reassignments, first_due_at, marketing_outcome, marketing_at, contacted_at,
                                agreement_version)
                            VALUES (:ext, 'sha', :stage, 'Lead', :email, :persona, :source, :status, :received, :due,
                                :by, :decided, :reason, :overdue, :reassignments, :firstDue, :outcome, :marketingAt,
                                :contacted, 'test')""")
                    .bind("ext", externalId).bind("stage", stage).bind("email", email).bind("persona", persona)
                    .bind("source", source).bind("status", status).bind("received", received.toEpochMilli())
                    .bind("due", due.toEpochMilli()).bind("by", decidedBy)
                    .bind("decided", decided == null ? null : decided.toEpochMilli()).bind("reason", reason)
                    .bind("overdue", overdueAt == null ? null : overdueAt.toEpochMilli())
                    .bind("reassignments", reassignments)
                    .bind("firstDue", firstDue == null ? null : firstDue.toEpochMilli())
                    .bind("outcome", marketingOutcome)
                    .bind("marketingAt", marketingAt == null ? null : marketingAt.toEpochMilli())
                    .bind("contacted", contactedAt == null ? null : contactedAt.toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.createUpdate("INSERT INTO handoff_events (handoff_id, kind, actor, at) VALUES (:id, 'received', 'system', :at)")
                    .bind("id", id).bind("at", received.toEpochMilli()).execute();
            return id;
        }
    }

    Row handoff() {
        return new Row();
    }

    void event(long handoffId, String kind, String local) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO handoff_events (handoff_id, kind, actor, at) VALUES (:id, :kind, 'system', :at)")
                .bind("id", handoffId).bind("kind", kind).bind("at", at(local).toEpochMilli()).execute());
    }

    void stage(String leadId, String stage, String local) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES (:lead, :stage, :at, :at)")
                .bind("lead", leadId).bind("stage", stage).bind("at", at(local).toEpochMilli()).execute());
    }
}
