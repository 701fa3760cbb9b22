package dev.handshake.handoff;

import dev.handshake.db.JsonColumn;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.outbox.Owed;
import dev.handshake.routing.Route;
import dev.handshake.slack.SlackLanes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stores handoffs and their events. Every change that needs a Slack call owes it to the outbox in the same
 * transaction, so a committed change is never left unannounced. Thread-safe.
 */
public final class HandoffStore {

    /** The outcome of an intake: a new handoff, or one that already had this idempotency key. */
    public sealed interface Intake permits Created, Existing {}

    /** The handoff was stored now. */
    public record Created(Handoff handoff) implements Intake {}

    /** A handoff with this key already existed; {@code sameRequest} says whether the bodies matched. */
    public record Existing(Handoff handoff, boolean sameRequest, String deliveryState) implements Intake {}

    /** The outcome of a compare-and-set change: it won, or the handoff had already moved on. */
    public record Change(boolean won, Handoff handoff) {}

    /** Where a message was posted. */
    record MessageRef(String channel, String ts) {}

    /** One event of the ledger, with its id and the handoff it belongs to. */
    public record LedgerEntry(long id, long handoffId, HandoffEvent event) {}

    /** The agreement's sales and marketing channels, where a change owes its messages. */
    public record Channels(String sales, String marketing) {}

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Outbox outbox;
    private final Function<String, Owed> homePublish;

    /**
     * Reads through {@code jdbi}; writes through {@code writes} (e.g. a {@link dev.handshake.db.GroupCommit}); owes
     * Slack calls to {@code outbox}. No App Home is republished.
     */
    public HandoffStore(Jdbi jdbi, Transactions writes, Outbox outbox) {
        this(jdbi, writes, outbox, null);
    }

    /**
     * As {@link #HandoffStore(Jdbi, Transactions, Outbox)}; a decision or a first contact also owes, in its own
     * transaction, {@code homePublish} of the App Home of whoever made it and of the assignee.
     */
    public HandoffStore(Jdbi jdbi, Transactions writes, Outbox outbox, Function<String, Owed> homePublish) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.homePublish = homePublish;
    }

    /**
     * Chooses a new handoff's assignee inside its intake transaction (see {@link dev.handshake.routing.Router});
     * null when that must wait: an assignee given by email that Slack has yet to be asked about.
     */
    @FunctionalInterface
    public interface Assign {
        Route route(Handle handle, NewHandoff request, Instant now);
    }

    /** Stores a new handoff with its first delivery, or returns the existing one with the same key. */
    public Intake receive(NewHandoff request, String bodySha256, Instant now, Deadline deadline,
            String agreementVersion, String salesChannel) {
        return receive(request, bodySha256, now, deadline, agreementVersion, salesChannel, null);
    }

    /**
     * As {@link #receive(NewHandoff, String, Instant, Deadline, String, String)}, with the assignee chosen by
     * {@code assign} in the same transaction (null: the assignee as sent).
     */
    public Intake receive(NewHandoff request, String bodySha256, Instant now, Deadline deadline,
            String agreementVersion, String salesChannel, Assign assign) {
        Instant due = deadline.dueAt();
        return writes.inTransaction(handle -> {
            // Insert first and look up only on a conflict: a new handoff, the common case, costs no extra read.
            Optional<Long> inserted = handle.createQuery("""
                    INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, lead_email, lead_title,
                        lead_company, lead_persona, lead_score, lead_source, lead_crm_url, lead_phone, lead_crm_id,
                        lead_touches, lead_extras, intake_source, assignee_input, assignee_user, note, criteria_met,
                        status, received_at, due_at, agreement_version)
                    VALUES (:externalId, :sha, :stage, :name, :email, :title, :company, :persona, :score, :source,
                        :crmUrl, :phone, :crmId, :touches, :extras, :intakeSource, :assigneeInput, :assigneeUser,
                        :note, :criteria, 'pending', :now, :due, :version)
                    ON CONFLICT (external_id) DO NOTHING
                    RETURNING id""")
                    .bind("externalId", request.externalId())
                    .bind("sha", bodySha256)
                    .bind("stage", request.stage())
                    .bind("name", request.lead().name())
                    .bind("email", request.lead().email())
                    .bind("title", request.lead().title())
                    .bind("company", request.lead().company())
                    .bind("persona", request.lead().persona())
                    .bind("score", request.lead().score())
                    .bind("source", request.lead().source())
                    .bind("crmUrl", request.lead().crmUrl())
                    .bind("phone", request.lead().phone())
                    .bind("crmId", request.lead().crmId())
                    .bind("touches", LeadDetails.touchesColumn(request.lead().touches()))
                    .bind("extras", LeadDetails.extrasColumn(request.lead().extras()))
                    .bind("intakeSource", request.intakeSource())
                    .bind("assigneeInput", request.assignee())
                    .bind("assigneeUser", isUserId(request.assignee()) ? request.assignee() : null)
                    .bind("note", request.note())
                    .bind("criteria", JsonColumn.of(request.criteriaMet()))
                    .bind("now", now.toEpochMilli())
                    .bind("due", due.toEpochMilli())
                    .bind("version", agreementVersion)
                    .mapTo(Long.class).findOne();
            if (inserted.isEmpty()) {
                Handoff existing = findByExternalId(handle, request.externalId()).orElseThrow();
                String storedSha = handle.createQuery("SELECT body_sha256 FROM handoffs WHERE id = :id")
                        .bind("id", existing.id()).mapTo(String.class).one();
                return new Existing(existing, storedSha.equals(bodySha256), deliveryState(handle, existing));
            }
            long id = inserted.get();
            Ledger.event(handle, outbox, id, "received", Ledger.SYSTEM, now, null);
            Ledger.owe(handle, outbox, id, DeliveryKind.POST_HANDOFF, SlackLanes.post(salesChannel), now, null);
            Route route = assign == null ? null : assign.route(handle, request, now);
            String assigneeUser = route != null ? route.assignee()
                    : isUserId(request.assignee()) ? request.assignee() : null;
            if (route != null) {
                RouteStore.applyNew(handle, outbox, id, route,
                        isUserId(request.assignee()) ? request.assignee() : null, salesChannel, now);
            } else if (assigneeUser != null) {
                Timers.assign(handle, id, 0, assigneeUser, now);
            } else if (assign != null && request.assignee() != null && request.assignee().contains("@")) {
                Ledger.owe(handle, outbox, id, DeliveryKind.LOOK_UP_ASSIGNEE, RouteStore.LOOKUP_LANE, now, null);
            }
            Timers.schedule(handle, id, TimerKind.REMIND, TimerKind.ESCALATE, 0, deadline);
            // Exactly the row just written (times at the database's millisecond precision), without reading it back.
            return new Created(new Handoff(id, request.externalId(), request.stage(), request.lead(), assigneeUser,
                    request.note(), request.criteriaMet(), HandoffStatus.PENDING, Instant.ofEpochMilli(now.toEpochMilli()),
                    Instant.ofEpochMilli(due.toEpochMilli()), null, null, null, null, agreementVersion,
                    SlaState.NONE, HandoffState.PENDING, null));
        });
    }

    public Optional<Handoff> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** Records sales' decision if the handoff is still pending (compare-and-set); only the first decision wins. */
    public Change decide(long id, Decision decision, String salesChannel, String marketingChannel,
            Deadline firstContact) {
        return decide(id, decision, null, salesChannel, marketingChannel, firstContact, false);
    }

    /** As the full {@link #decide(long, HandoffState, Decision, Duration, Channels, Deadline, boolean, Deadline,
     * HandOver)}, from a pending handoff, without marketing's clock. */
    public Change decide(long id, Decision decision, Duration businessTime, String salesChannel,
            String marketingChannel, Deadline firstContact, boolean assigneeOnly) {
        return decide(id, HandoffState.PENDING, decision, businessTime, new Channels(salesChannel, marketingChannel),
                firstContact, assigneeOnly, null, null);
    }

    /**
     * Records sales' decision if the handoff is still in {@code from} (compare-and-set): only the first decision wins.
     * Stores the business time from receipt to decision ({@code businessTime}, null when unknown) so the stats can
     * rank decision times in SQL. With {@code assigneeOnly}, the change also requires the decider to be the assignee
     * at commit time (or nobody to be assigned), so a reassignment racing the click cannot let the previous rep
     * decide. An accept starts the first-contact clock ({@code firstContact}, null for none), a rejection marketing's
     * ({@code followup}, null for none). {@code taken}, when the escalation target took the lead (null otherwise), moves
     * its turn of the rotation in the same transaction. Whoever was assigned is told once when someone else decided.
     */
    public Change decide(long id, HandoffState from, Decision decision, Duration businessTime, Channels channels,
            Deadline firstContact, boolean assigneeOnly, Deadline followup, HandOver taken) {
        HandoffState to = decision.outcome() == HandoffStatus.ACCEPTED ? HandoffState.ACCEPTED : HandoffState.REJECTED;
        return writes.inTransaction(handle -> {
            // RETURNING: the decided row comes back from the compare-and-set itself, with no second read.
            Optional<Handoff> decided = handle.createQuery("""
                    UPDATE handoffs SET status = :status, state = :to, decided_by = :by, decided_at = :at,
                        reject_reason = :reason, reject_comment = :comment, decision_business_ms = :businessMs,
                        contact_due_at = :contactDue, last_step = :step, last_by = :lastBy, last_at = :lastAt
                    WHERE id = :id AND state = :from
                      AND (:anyone OR assignee_user IS NULL OR assignee_user = :by)
                    RETURNING *""")
                    .bind("anyone", !assigneeOnly)
                    .bind("contactDue", decision.outcome() == HandoffStatus.ACCEPTED && firstContact != null
                            ? firstContact.dueAt().toEpochMilli() : null)
                    .bind("businessMs", businessTime == null ? null : businessTime.toMillis())
                    .bind("status", decision.outcome().key())
                    .bind("to", to.key())
                    .bind("from", from.key())
                    .bind("by", decision.by())
                    .bind("at", decision.at().toEpochMilli())
                    .bind("reason", decision.reason())
                    .bind("comment", decision.comment())
                    .bind("step", taken != null ? step(Step.TAKE) : null)
                    .bind("lastBy", taken != null ? decision.by() : null)
                    .bind("lastAt", taken != null ? decision.at().toEpochMilli() : null)
                    .bind("id", id)
                    .map(HandoffStore::handoff)
                    .findOne();
            if (decided.isEmpty()) {
                return new Change(false, find(handle, id).orElseThrow());
            }
            Handoff handoff = decided.get();
            Ledger.event(handle, outbox, id, decision.outcome().key(), decision.by(), decision.at(),
                    decision.reason() != null ? decision.reason() : taken != null ? "took it" : null);
            if (taken != null) {
                taken.moved(handle, handoff, decision.by());
            }
            Timers.cancel(handle, id, decision.at(), TimerKind.REMIND, TimerKind.ESCALATE);
            if (decision.outcome() == HandoffStatus.ACCEPTED && firstContact != null) {
                Timers.schedule(handle, id, TimerKind.CONTACT_REMIND, TimerKind.CONTACT_ESCALATE,
                        handoff.sla().round(), firstContact);
            }
            // What the decision owes, in one statement: the channel message, notices, whoever was assigned, Homes.
            List<Owed> owed = new ArrayList<>(Ledger.changes(handle, id, channels.sales()));
            if (decision.outcome() == HandoffStatus.REJECTED) {
                owed.add(Ledger.owed(id, DeliveryKind.NOTIFY_MARKETING, SlackLanes.post(channels.marketing()), null));
                if (followup != null) {
                    Timers.schedule(handle, id, TimerKind.FOLLOWUP_REMIND, TimerKind.FOLLOWUP_ESCALATE,
                            handoff.sla().round(), followup);
                }
            }
            if (from == HandoffState.UNCLAIMED) {
                owed.add(Ledger.owed(id, DeliveryKind.UPDATE_MARKETING, SlackLanes.edit(channels.marketing()), null));
            }
            if (handoff.assignee() != null && !handoff.assignee().equals(decision.by())) {
                owed.add(toldAssignee(handoff));
            }
            outbox.oweAll(handle, owed, homes(decision.by(), handoff.assignee()), decision.at());
            return new Change(true, handoff);
        });
    }

    /** Tells whoever was assigned, once, that someone else moved their lead on. */
    private static Owed toldAssignee(Handoff handoff) {
        return Ledger.owed(handoff.id(), DeliveryKind.TOLD_ASSIGNEE, SlackLanes.dm(handoff.assignee()),
                handoff.assignee());
    }

    /** Records marketing's answer to a rejection if none was given yet (compare-and-set). */
    public Change answerRejection(long id, MarketingOutcome outcome, String salesChannel, String marketingChannel) {
        return answer(id, HandoffState.REJECTED, outcome, null, new Channels(salesChannel, marketingChannel));
    }

    /**
     * Records marketing's answer, recycled or contested, if the handoff is still in {@code from} (compare-and-set),
     * and stops marketing's clock. A contest asks the escalation target for a second look. {@code businessTime} is
     * the business time from the rejection to this answer (null when unknown or nothing was rejected), stored so the
     * stats rank it without recomputing; the first answer's stays (a recycle after an upheld contest keeps the
     * contest's), as marketing's answer time is the time to its first answer.
     */
    public Change answer(long id, HandoffState from, MarketingOutcome outcome, Duration businessTime,
            Channels channels) {
        HandoffState to = outcome.kind() == MarketingOutcome.Kind.RECYCLED ? HandoffState.RECYCLED
                : HandoffState.CONTESTED;
        return writes.inTransaction(handle -> {
            int updated = handle.createUpdate("""
                    UPDATE handoffs SET state = :to, marketing_outcome = :kind, marketing_by = :by, marketing_at = :at,
                        answer_business_ms = coalesce(answer_business_ms, :businessMs)
                    WHERE id = :id AND state = :from""")
                    .bind("businessMs", businessTime == null ? null : businessTime.toMillis())
                    .bind("to", to.key())
                    .bind("from", from.key())
                    .bind("kind", outcome.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .bind("by", outcome.by())
                    .bind("at", outcome.at().toEpochMilli())
                    .bind("id", id)
                    .execute();
            if (updated == 1) {
                String kind = outcome.kind().name().toLowerCase(java.util.Locale.ROOT);
                Ledger.event(handle, outbox, id, kind, outcome.by(), outcome.at(), null);
                Timers.cancel(handle, id, outcome.at(), TimerKind.FOLLOWUP_REMIND, TimerKind.FOLLOWUP_ESCALATE);
                Ledger.owe(handle, outbox, id, DeliveryKind.UPDATE_MARKETING, SlackLanes.edit(channels.marketing()),
                        outcome.at(), null);
                Ledger.changed(handle, outbox, id, channels.sales(), outcome.at());
                if (outcome.kind() == MarketingOutcome.Kind.CONTESTED) {
                    Ledger.owe(handle, outbox, id, DeliveryKind.CONTEST, SlackLanes.post(channels.sales()), outcome.at(),
                            null);
                }
            }
            return new Change(updated == 1, find(handle, id).orElseThrow());
        });
    }

    /** What else handing a lead over by hand (Reassign…, Take it) changes in its transaction: its rotation turn. */
    @FunctionalInterface
    public interface HandOver {
        void moved(Handle handle, Handoff before, String to);
    }

    /**
     * Hands the lead to {@code rep} by hand (Reassign…) if it is still in {@code from} and its round (compare-and-set):
     * a fresh deadline, the rep told by direct message with the buttons, the thread told; {@code handOver} (null:
     * nothing) in the same transaction.
     */
    public Change reassign(long id, HandoffState from, int round, String rep, String by, Deadline fresh, Instant now,
            Channels channels, HandOver handOver) {
        return writes.inTransaction(handle -> {
            Handoff handoff = find(handle, id).orElseThrow();
            if (handoff.state() != from || handoff.sla().round() != round) {
                return new Change(false, handoff);
            }
            boolean won = reassign(handle, outbox, handoff, rep, by, fresh, now, channels.sales());
            if (won && handOver != null) {
                handOver.moved(handle, handoff, rep);
            }
            if (won && from == HandoffState.UNCLAIMED) {
                Ledger.owe(handle, outbox, id, DeliveryKind.UPDATE_MARKETING, SlackLanes.edit(channels.marketing()),
                        now, null);
            }
            return new Change(won, find(handle, id).orElseThrow());
        });
    }

    /**
     * Hands a pending or unclaimed lead to {@code rep} in the caller's transaction, compare-and-set on its state and
     * round: by round robin ({@code by} null) or by hand. Returns whether it did.
     */
    static boolean reassign(Handle handle, Outbox outbox, Handoff handoff, String rep, String by, Deadline fresh,
            Instant now, String salesChannel) {
        int round = handoff.sla().round() + 1;
        int updated = handle.createUpdate("""
                        UPDATE handoffs SET assignee_user = :rep, reassignments = reassignments + 1,
                            clock_round = :round, due_at = :due, overdue_at = NULL, state = 'pending',
                            last_step = :step, last_by = :by, last_at = :at
                        WHERE id = :id AND state = :from AND clock_round = :current""")
                .bind("rep", rep).bind("round", round).bind("due", fresh.dueAt().toEpochMilli())
                .bind("step", by == null ? null : step(Step.REASSIGN)).bind("by", by)
                .bind("at", by == null ? null : now.toEpochMilli())
                .bind("from", handoff.state().key()).bind("current", handoff.sla().round())
                .bind("id", handoff.id()).execute();
        if (updated != 1) {
            return false;
        }
        Timers.cancel(handle, handoff.id(), now, TimerKind.REMIND, TimerKind.ESCALATE);
        Timers.assign(handle, handoff.id(), round, rep, now);
        Timers.schedule(handle, handoff.id(), TimerKind.REMIND, TimerKind.ESCALATE, round, fresh);
        Ledger.event(handle, outbox, handoff.id(), "reassigned", by == null ? Ledger.SYSTEM : by, now,
                (handoff.assignee() == null ? "nobody" : handoff.assignee()) + " -> " + rep);
        Map<String, String> about = new java.util.LinkedHashMap<>();
        if (handoff.assignee() != null) {
            about.put("from", handoff.assignee());
        }
        about.put("to", rep);
        if (by != null) {
            about.put("by", by);
        }
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REASSIGN_THREAD, SlackLanes.post(salesChannel), now,
                JsonColumn.of(about));
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REASSIGN_DM, SlackLanes.dm(rep), now, rep);
        Ledger.changed(handle, outbox, handoff.id(), salesChannel, now);
        return true;
    }

    /**
     * The escalation target upholds a contested rejection (compare-and-set): marketing is told in its thread, and
     * marketing's clock starts again for the recycle that remains to do ({@code followup}, null for none).
     */
    public Change uphold(long id, String by, Instant now, Deadline followup, Channels channels) {
        return writes.inTransaction(handle -> {
            Handoff handoff = find(handle, id).orElseThrow();
            int round = handoff.sla().round() + 1;
            int updated = handle.createUpdate("""
                            UPDATE handoffs SET state = 'upheld', clock_round = :round,
                                last_step = :step, last_by = :by, last_at = :at
                            WHERE id = :id AND state = 'contested' AND clock_round = :current""")
                    .bind("round", round).bind("current", handoff.sla().round()).bind("step", step(Step.UPHOLD))
                    .bind("by", by).bind("at", now.toEpochMilli()).bind("id", id).execute();
            if (updated == 1) {
                Ledger.event(handle, outbox, id, "upheld", by, now, null);
                if (followup != null) {
                    Timers.schedule(handle, id, TimerKind.FOLLOWUP_REMIND, TimerKind.FOLLOWUP_ESCALATE, round,
                            followup);
                }
                Ledger.owe(handle, outbox, id, DeliveryKind.UPDATE_MARKETING, SlackLanes.edit(channels.marketing()),
                        now, null);
                Ledger.owe(handle, outbox, id, DeliveryKind.UPHELD_MARKETING, SlackLanes.post(channels.marketing()),
                        now, handoff.marketingOutcome() == null ? null : handoff.marketingOutcome().by());
                Ledger.changed(handle, outbox, id, channels.sales(), now);
            }
            return new Change(updated == 1, find(handle, id).orElseThrow());
        });
    }

    /**
     * The escalation target reopens a contested lead (compare-and-set): sales' decision and marketing's answer are
     * cleared (the events keep them), a fresh deadline starts, and the assignee (or, with nobody assigned, the rep who
     * rejected it) is told by direct message with the buttons.
     */
    public Change reopen(long id, String by, Instant now, Deadline fresh, Channels channels) {
        return writes.inTransaction(handle -> {
            Handoff handoff = find(handle, id).orElseThrow();
            int round = handoff.sla().round() + 1;
            int updated = handle.createUpdate("""
                            UPDATE handoffs SET state = 'pending', status = 'pending', clock_round = :round,
                                decided_by = NULL, decided_at = NULL, reject_reason = NULL, reject_comment = NULL,
                                decision_business_ms = NULL, contact_due_at = NULL,
                                marketing_outcome = NULL, marketing_by = NULL, marketing_at = NULL,
                                answer_business_ms = NULL,
                                due_at = :due, overdue_at = NULL, last_step = :step, last_by = :by, last_at = :at
                            WHERE id = :id AND state = 'contested' AND clock_round = :current""")
                    .bind("round", round).bind("current", handoff.sla().round()).bind("due", fresh.dueAt().toEpochMilli())
                    .bind("step", step(Step.REOPEN)).bind("by", by).bind("at", now.toEpochMilli()).bind("id", id)
                    .execute();
            if (updated == 1) {
                Ledger.event(handle, outbox, id, "reopened", by, now, null);
                Timers.cancel(handle, id, now, TimerKind.FOLLOWUP_REMIND, TimerKind.FOLLOWUP_ESCALATE);
                Timers.schedule(handle, id, TimerKind.REMIND, TimerKind.ESCALATE, round, fresh);
                String rep = handoff.assignee() != null ? handoff.assignee()
                        : handoff.decision() == null ? null : handoff.decision().by();
                Ledger.owe(handle, outbox, id, DeliveryKind.REOPEN_THREAD, SlackLanes.post(channels.sales()), now, rep);
                if (rep != null) {
                    Timers.assign(handle, id, round, rep, now);
                    Ledger.owe(handle, outbox, id, DeliveryKind.REOPEN_DM, SlackLanes.dm(rep), now, rep);
                }
                Ledger.owe(handle, outbox, id, DeliveryKind.UPDATE_MARKETING, SlackLanes.edit(channels.marketing()),
                        now, null);
                Ledger.changed(handle, outbox, id, channels.sales(), now);
            }
            return new Change(updated == 1, find(handle, id).orElseThrow());
        });
    }

    /** Pending handoffs this user can act on (assigned to them or to nobody), soonest deadline first. */
    public List<Handoff> openFor(String userId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM (
                          SELECT * FROM (SELECT * FROM handoffs WHERE state = 'pending' AND assignee_user = :user
                                         ORDER BY due_at, id LIMIT :limit) AS theirs
                          UNION ALL
                          SELECT * FROM (SELECT * FROM handoffs WHERE state = 'pending' AND assignee_user IS NULL
                                         ORDER BY due_at, id LIMIT :limit) AS anyones) AS open_handoffs
                        ORDER BY due_at, id LIMIT :limit""")
                .bind("user", userId).bind("limit", limit)
                .map(HandoffStore::handoff).list());
    }

    /** Leads this rep accepted and has not marked contacted yet, soonest first-contact deadline first. */
    public List<Handoff> awaitingContactBy(String userId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM handoffs WHERE state = 'accepted' AND decided_by = :user
                          AND contact_due_at IS NOT NULL
                        ORDER BY contact_due_at, id LIMIT :limit""")
                .bind("user", userId).bind("limit", limit)
                .map(HandoffStore::handoff).list());
    }

    /** Leads waiting for marketing (rejected, rejection upheld, unclaimed), the longest waiting first. */
    public List<Handoff> awaitingMarketing(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM handoffs WHERE state IN ('rejected', 'upheld', 'unclaimed')
                        ORDER BY coalesce(last_at, decided_at, overdue_at, due_at), id LIMIT :limit""")
                .bind("limit", limit)
                .map(HandoffStore::handoff).list());
    }

    /** The team's queue: unclaimed leads, then overdue ones, then the rest of the pending, soonest deadline first. */
    public List<Handoff> teamQueue(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM handoffs WHERE state IN ('pending', 'unclaimed')
                        ORDER BY CASE WHEN state = 'unclaimed' THEN 0 WHEN overdue_at IS NOT NULL THEN 1 ELSE 2 END,
                            due_at, id
                        LIMIT :limit""")
                .bind("limit", limit)
                .map(HandoffStore::handoff).list());
    }

    /** How many leads wait for sales now, how many of them are overdue, and how many are unclaimed. */
    public record Queue(int pending, int overdue, int unclaimed) {}

    public Queue queue() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT coalesce(sum(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0),
                            coalesce(sum(CASE WHEN state = 'pending' AND overdue_at IS NOT NULL THEN 1 ELSE 0 END), 0),
                            coalesce(sum(CASE WHEN state = 'unclaimed' THEN 1 ELSE 0 END), 0)
                        FROM handoffs WHERE state IN ('pending', 'unclaimed')""")
                .map((rs, ctx) -> new Queue(rs.getInt(1), rs.getInt(2), rs.getInt(3))).one());
    }

    /** The events recorded for a handoff, oldest first. */
    public List<HandoffEvent> events(long id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT kind, actor, at, detail FROM handoff_events WHERE handoff_id = :id ORDER BY id")
                .bind("id", id)
                .map((rs, ctx) -> new HandoffEvent(rs.getString("kind"), rs.getString("actor"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail")))
                .list());
    }

    /** The ledger's event with this id, if there is one. */
    public Optional<LedgerEntry> entry(long eventId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, handoff_id, kind, actor, at, detail FROM handoff_events WHERE id = :id")
                .bind("id", eventId)
                .map((rs, ctx) -> new LedgerEntry(rs.getLong("id"), rs.getLong("handoff_id"),
                        new HandoffEvent(rs.getString("kind"), rs.getString("actor"),
                                Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail"))))
                .findOne());
    }

    /** The intake source ({@code intake.sources} name) the handoff came through; empty for {@code POST /handoffs}. */
    public Optional<String> intakeSource(long handoffId) {
        return jdbi.withHandle(handle -> intakeSource(handle, handoffId));
    }

    /** As {@link #intakeSource(long)}, in the caller's transaction. */
    public static Optional<String> intakeSource(Handle handle, long handoffId) {
        return handle.createQuery("SELECT intake_source FROM handoffs WHERE id = :id").bind("id", handoffId)
                .mapTo(String.class).findOne();
    }

    // --- what Slack calls record -------------------------------------------------------------------------------

    /**
     * Records where the handoff message was posted, and owes the link to it in the assignee's direct message (or
     * the message itself, if it was not owed at intake); in the caller's transaction.
     */
    void posted(Handle handle, long handoffId, String channelId, String ts, String assigneeUser, Instant now) {
        handle.createUpdate("UPDATE handoffs SET channel_id = :channel, message_ts = :ts WHERE id = :id")
                .bind("channel", channelId).bind("ts", ts).bind("id", handoffId).execute();
        Ledger.event(handle, outbox, handoffId, "posted", Ledger.SYSTEM, now, channelId);
        RouteStore.channelPosted(handle, outbox, handoffId, assigneeUser, now);
    }

    /** Records on the handoff that a Slack call it owed will never be made; in the caller's transaction. */
    void deliveryFailed(Handle handle, long handoffId, String kind, String error, Instant now) {
        Ledger.event(handle, outbox, handoffId, "failed", Ledger.SYSTEM, now, kind + ": " + error);
    }

    /** A notice with buttons as posted: where, about which handoff, of which kind, to whom. */
    record Notice(String channel, String ts, long handoffId, DeliveryKind kind, String user) {}

    /**
     * Records a notice with buttons where it was posted, in the caller's transaction; if the handoff already moved on
     * while it was being sent, its buttons are closed at once.
     */
    void noticePosted(Handle handle, long handoffId, DeliveryKind kind, String channelId, String ts, String user,
            Instant now) {
        handle.createUpdate("""
                        INSERT INTO handoff_notices (channel_id, ts, handoff_id, kind, user_id, posted_at)
                        VALUES (:channel, :ts, :id, :kind, :user, :now) ON CONFLICT DO NOTHING""")
                .bind("channel", channelId).bind("ts", ts).bind("id", handoffId).bind("kind", kind.key())
                .bind("user", user).bind("now", now.toEpochMilli()).execute();
        Handoff handoff = find(handle, handoffId).orElseThrow();
        if (!Notices.live(kind, handoff, user)) {
            Ledger.owe(handle, outbox, handoffId, DeliveryKind.CLOSE_NOTICES, SlackLanes.edit("notices:" + handoffId),
                    now, null);
        }
    }

    /** The handoff's notices whose buttons are not closed yet. */
    List<Notice> openNotices(long handoffId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT channel_id, ts, handoff_id, kind, user_id FROM handoff_notices
                        WHERE handoff_id = :id AND closed_at IS NULL ORDER BY posted_at, ts""")
                .bind("id", handoffId)
                .map((rs, ctx) -> new Notice(rs.getString(1), rs.getString(2), rs.getLong(3),
                        DeliveryKind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), rs.getString(5)))
                .list());
    }

    /** Records that a notice's buttons were replaced by the outcome; in the caller's transaction. */
    void noticeClosed(Handle handle, Notice notice, Instant now) {
        handle.createUpdate("UPDATE handoff_notices SET closed_at = :now WHERE channel_id = :channel AND ts = :ts")
                .bind("now", now.toEpochMilli()).bind("channel", notice.channel()).bind("ts", notice.ts()).execute();
    }

    /** Records where marketing was told of the rejection; in the caller's transaction. */
    void marketingPosted(Handle handle, long handoffId, String channelId, String ts, Instant now) {
        handle.createUpdate("UPDATE handoffs SET marketing_channel_id = :channel, marketing_ts = :ts WHERE id = :id")
                .bind("channel", channelId).bind("ts", ts).bind("id", handoffId).execute();
        Ledger.event(handle, outbox, handoffId, "marketing_notified", Ledger.SYSTEM, now, channelId);
    }

    void assigneeResolved(long handoffId, String userId, Instant now) {
        writes.useTransaction(handle -> {
            handle.createUpdate("UPDATE handoffs SET assignee_user = :user WHERE id = :id AND assignee_user IS NULL")
                    .bind("user", userId).bind("id", handoffId).execute();
            Timers.assign(handle, handoffId, 0, userId, now);
        });
    }

    /** Records that the rep who accepted made first contact, once (compare-and-set), and stops its clock. */
    public Change markContacted(long id, String userId, Instant now, String salesChannel) {
        return writes.inTransaction(handle -> {
            int updated = handle.createUpdate("""
                    UPDATE handoffs SET contacted_at = :now, contacted_by = :user, state = 'contacted'
                    WHERE id = :id AND state = 'accepted' AND contacted_at IS NULL""")
                    .bind("now", now.toEpochMilli()).bind("user", userId).bind("id", id).execute();
            Handoff handoff = find(handle, id).orElseThrow();
            if (updated == 1) {
                Ledger.event(handle, outbox, id, "contacted", userId, now, null);
                Timers.cancel(handle, id, now, TimerKind.CONTACT_REMIND, TimerKind.CONTACT_ESCALATE);
                Ledger.changed(handle, outbox, id, salesChannel, now);
                oweHomes(handle, userId, handoff.assignee(), now);
            }
            return new Change(updated == 1, handoff);
        });
    }

    /**
     * Whether the Slack call that posts the handoff message gave up, so edits of that message never can happen. Asked
     * only while the message is not posted: then no item at all means the failed one was deleted after its retention.
     */
    boolean postFailed(long handoffId, DeliveryKind postKind) {
        OutboxStore.State state = jdbi.withHandle(handle -> OutboxStore.state(handle, postKind.key(),
                String.valueOf(handoffId)));
        return state == OutboxStore.State.FAILED || state == OutboxStore.State.NONE;
    }

    /** Counts of the outbox's items by state, for tests. */
    public java.util.Map<String, Integer> deliveryCounts() {
        return outbox.store().counts();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /**
     * The App Homes a change shows on: who made it, and the assignee. Owed once per commit for each user: a burst of
     * clicks committed together needs one publish, which renders the state current when it is sent.
     */
    private void oweHomes(Handle handle, String by, String assignee, Instant now) {
        List<Owed> homes = homes(by, assignee);
        if (!homes.isEmpty()) {
            outbox.oweAll(handle, List.of(), homes, now);
        }
    }

    /** The Home publishes {@link #oweHomes} owes. */
    private List<Owed> homes(String by, String assignee) {
        if (homePublish == null) {
            return List.of();
        }
        return assignee != null && !assignee.equals(by) ? List.of(homePublish.apply(by), homePublish.apply(assignee))
                : List.of(homePublish.apply(by));
    }

    static boolean isUserId(String assignee) {
        return assignee != null && assignee.matches("[UW][A-Z0-9]{2,}");
    }

    private static String deliveryState(Handle handle, Handoff handoff) {
        return switch (OutboxStore.state(handle, DeliveryKind.POST_HANDOFF.key(), String.valueOf(handoff.id()))) {
            case FAILED -> "failed";
            case DONE -> "posted";
            case PENDING -> "queued";
            // The post's item was deleted after its retention: the handoff itself says how it ended.
            case NONE -> handoff.messageTs() != null ? "posted" : "failed";
        };
    }

    static Optional<Handoff> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM handoffs WHERE id = :id").bind("id", id)
                .map(HandoffStore::handoff).findOne();
    }

    /**
     * As {@link #find(Handle, long)}, the row locked until the transaction ends: for a check that decides a write
     * without a compare-and-set in the write itself. On PostgreSQL a concurrent transaction doing the same waits here
     * and then reads the row as the first left it; on SQLite the one writer already runs them one after the other.
     */
    static Optional<Handoff> findLocked(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM handoffs WHERE id = :id <forUpdate>").bind("id", id)
                .map(HandoffStore::handoff).findOne();
    }

    private static Optional<Handoff> findByExternalId(Handle handle, String externalId) {
        return handle.createQuery("SELECT * FROM handoffs WHERE external_id = :id").bind("id", externalId)
                .map(HandoffStore::handoff).findOne();
    }

    private static Handoff handoff(ResultSet rs, StatementContext ctx) throws SQLException {
        HandoffStatus status = HandoffStatus.fromKey(rs.getString("status"));
        Decision decision = status == HandoffStatus.PENDING ? null : new Decision(status, rs.getString("decided_by"),
                Instant.ofEpochMilli(rs.getLong("decided_at")), rs.getString("reject_reason"),
                rs.getString("reject_comment"));
        String outcome = rs.getString("marketing_outcome");
        MarketingOutcome marketing = outcome == null ? null : new MarketingOutcome(
                MarketingOutcome.Kind.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)),
                rs.getString("marketing_by"), Instant.ofEpochMilli(rs.getLong("marketing_at")));
        int score = rs.getInt("lead_score");
        Integer leadScore = rs.wasNull() ? null : score;
        Lead lead = new Lead(rs.getString("lead_name"), rs.getString("lead_email"), rs.getString("lead_title"),
                rs.getString("lead_company"), rs.getString("lead_persona"), leadScore, rs.getString("lead_source"),
                rs.getString("lead_crm_url"), rs.getString("lead_phone"), rs.getString("lead_crm_id"),
                LeadDetails.touchesFrom(rs.getString("lead_touches")),
                LeadDetails.extrasFrom(rs.getString("lead_extras")));
        String assignee = rs.getString("assignee_user");
        SlaState sla = new SlaState(rs.getInt("reassignments"), instant(rs, "overdue_at"),
                instant(rs, "contact_due_at"), instant(rs, "contacted_at"), rs.getString("contacted_by"),
                instant(rs, "contact_overdue_at"), rs.getInt("clock_round"));
        String lastStep = rs.getString("last_step");
        LastMove lastMove = lastStep == null ? null : new LastMove(Step.valueOf(lastStep.toUpperCase(
                java.util.Locale.ROOT)), rs.getString("last_by"), instant(rs, "last_at"));
        return new Handoff(rs.getLong("id"), rs.getString("external_id"), rs.getString("stage"), lead,
                assignee, rs.getString("note"), JsonColumn.list(rs.getString("criteria_met"), "criteria_met"), status,
                Instant.ofEpochMilli(rs.getLong("received_at")), Instant.ofEpochMilli(rs.getLong("due_at")),
                decision, marketing, rs.getString("channel_id"), rs.getString("message_ts"),
                rs.getString("agreement_version"), sla, HandoffState.fromKey(rs.getString("state")), lastMove);
    }

    private static String step(Step step) {
        return step.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    /** The assignee as marketing sent it (a user id or an email), for resolving emails at delivery. */
    Optional<String> assigneeInput(long handoffId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT assignee_input FROM handoffs WHERE id = :id")
                .bind("id", handoffId).mapTo(String.class).findOne());
    }

    Optional<MessageRef> marketingMessage(long handoffId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT marketing_channel_id, marketing_ts FROM handoffs WHERE id = :id AND marketing_ts IS NOT NULL")
                .bind("id", handoffId)
                .map((rs, ctx) -> new MessageRef(rs.getString(1), rs.getString(2))).findOne());
    }


}
