package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.slack.SlackHandler;
import dev.handshake.handoff.HandoffStore.Change;
import dev.handshake.handoff.HandoffStore.Created;
import dev.handshake.handoff.HandoffStore.Existing;
import dev.handshake.handoff.HandoffStore.Intake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HandoffStore} on a real, migrated SQLite file. */
class HandoffStoreTest {

    private static final String SALES = "#sales-leads";
    private static final String MARKETING = "#marketing-handoffs";
    private static final String VERSION = "2025.1";
    private static final Instant T0 = Instant.parse("2025-03-04T15:00:00Z");
    private static final Instant DUE = Instant.parse("2025-03-04T19:00:00Z");
    private static final String SHA = "a".repeat(64);
    private static final String REP = "U0REP0001";
    private static final String OTHER_REP = "U0REP0002";
    private static final String MARKETER = "U0MKT0001";

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private HandoffStore store;
    private OutboxStore outbox;

    /** One row of the outbox table, as stored. */
    record Row(String kind, String lane, String state, Instant nextAttemptAt, int attempts) {}

    /** A handoff's item in the outbox, as the outbox offers it. */
    record Delivery(OutboxItem item, long handoffId, DeliveryKind kind, String lane, int attempts) {
        long id() {
            return item.id();
        }
    }

    @BeforeEach
    void openDatabase() {
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("data/handshake.db")).jdbi();
        Transactions writes = Transactions.direct(jdbi);
        outbox = new OutboxStore(jdbi, writes);
        store = new HandoffStore(jdbi, writes, new Outbox(outbox, writes, Clock.systemUTC(), 1));
    }

    private List<Delivery> dueLaneHeads(Instant now, int limit) {
        return outbox.claimDue(now, limit).stream()
                .map(item -> new Delivery(item, Long.parseLong(item.subject()),
                        DeliveryKind.valueOf(item.kind().toUpperCase(Locale.ROOT)), item.lane(), item.attempts()))
                .toList();
    }

    private Optional<Instant> nextDue() {
        return outbox.nextDue();
    }

    private void delivered(Delivery delivery, Instant at) {
        outbox.done(delivery.item(), at, handle -> { });
    }

    private void posted(Delivery delivery, String channel, String ts, String assignee, Instant at) {
        outbox.done(delivery.item(), at,
                handle -> store.posted(handle, delivery.handoffId(), channel, ts, assignee, at));
    }

    private void failed(Delivery delivery, String error, Instant at) {
        outbox.failed(delivery.item(), error, at, SlackHandler.unpaced(item -> null).onGaveUp((handle, item, e, now) ->
                store.deliveryFailed(handle, delivery.handoffId(), item.kind(), e, now)));
    }

    private void retryLater(Delivery delivery, Instant next, String error) {
        outbox.retryLater(delivery.item(), next, error);
    }

    private static NewHandoff request(String externalId, String assignee) {
        return new NewHandoff(externalId, "mql",
                new Lead("Dana Whitfield", "dana@northwind.example", "VP Operations", "Northwind Logistics",
                        "ops-leader", 82, "webinar", "https://crm.example/contacts/8812"),
                assignee, "Asked for pricing", List.of("Fit score 60 or more", "Visited the pricing page"));
    }

    private Handoff created(String externalId, String assignee, Instant at, Instant due) {
        Intake intake = store.receive(request(externalId, assignee), SHA, at, new Deadline(due, null), VERSION, SALES);
        assertThat(intake).isInstanceOf(Created.class);
        return ((Created) intake).handoff();
    }

    private Handoff created(String externalId) {
        return created(externalId, REP, T0, DUE);
    }

    private List<Row> deliveries(long handoffId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT kind, lane, state, next_attempt_at, attempts FROM outbox
                        WHERE subject = :id ORDER BY id""")
                .bind("id", String.valueOf(handoffId))
                .map((rs, ctx) -> new Row(rs.getString("kind"), rs.getString("lane"), rs.getString("state"),
                        Instant.ofEpochMilli(rs.getLong("next_attempt_at")), rs.getInt("attempts")))
                .list());
    }

    private int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static Decision accept(String by, Instant at) {
        return new Decision(HandoffStatus.ACCEPTED, by, at, null, null);
    }

    private static Decision reject(String by, Instant at) {
        return new Decision(HandoffStatus.REJECTED, by, at, "Timing — no project this year", "Call again in Q3");
    }

    // --- intake -------------------------------------------------------------------------------------------------

    @Test
    void receiveStoresTheHandoffItsReceivedEventAndOnePendingPost() {
        Handoff handoff = created("hs-8812-mql");

        assertThat(handoff.id()).isPositive();
        assertThat(handoff.externalId()).isEqualTo("hs-8812-mql");
        assertThat(handoff.stage()).isEqualTo("mql");
        assertThat(handoff.lead()).isEqualTo(request("x", null).lead());
        assertThat(handoff.assignee()).isEqualTo(REP);
        assertThat(handoff.note()).isEqualTo("Asked for pricing");
        assertThat(handoff.criteriaMet()).containsExactly("Fit score 60 or more", "Visited the pricing page");
        assertThat(handoff.status()).isEqualTo(HandoffStatus.PENDING);
        assertThat(handoff.receivedAt()).isEqualTo(T0);
        assertThat(handoff.dueAt()).isEqualTo(DUE);
        assertThat(handoff.decision()).isNull();
        assertThat(handoff.marketingOutcome()).isNull();
        assertThat(handoff.channelId()).isNull();
        assertThat(handoff.agreementVersion()).isEqualTo(VERSION);
        assertThat(store.find(handoff.id())).contains(handoff);

        assertThat(store.events(handoff.id())).containsExactly(new HandoffEvent("received", "system", T0, null));
        assertThat(deliveries(handoff.id())).containsExactly(
                new Row("post_handoff", "post:" + SALES, "pending", T0, 0));
        assertThat(store.deliveryCounts()).isEqualTo(Map.of("pending", 1));
    }

    @Test
    void theHandoffReturnedOnIntakeIsTheStoredRowEvenForAClockFinerThanMilliseconds() {
        Instant fine = T0.plusNanos(123_456);
        Handoff handoff = created("hs-fine", "rep@freightline.example", fine, DUE.plusNanos(987_654));

        assertThat(store.find(handoff.id())).contains(handoff);
        assertThat(handoff.receivedAt()).isEqualTo(T0);
    }

    @Test
    void anEmailAssigneeIsKeptAsSentButIsNotYetAUser() {
        Handoff handoff = created("hs-1", "rep@freightline.example", T0, DUE);

        assertThat(handoff.assignee()).isNull();
        assertThat(store.assigneeInput(handoff.id())).contains("rep@freightline.example");
    }

    @Test
    void aHandoffWithoutOptionalFieldsRoundTrips() {
        NewHandoff bare = new NewHandoff("hs-bare", "mql", new Lead("Dana", null, null, null, null, null, null, null),
                null, null, List.of());

        Handoff handoff = ((Created) store.receive(bare, SHA, T0, new Deadline(DUE, null), VERSION, SALES)).handoff();

        assertThat(handoff.lead()).isEqualTo(bare.lead());
        assertThat(handoff.lead().score()).isNull();
        assertThat(handoff.assignee()).isNull();
        assertThat(handoff.note()).isNull();
        assertThat(handoff.criteriaMet()).isEmpty();
    }

    @Test
    void hostileTextIsStoredByteExact() {
        String sql = "Robert'); DROP TABLE handoffs;-- \" OR 1=1 --";
        String mention = "<!channel> <@U0BOSS001> qualifi\u00e9 \u7ebf\u7d22 \ud83d\udd25";
        NewHandoff hostile = new NewHandoff(sql, "mql", new Lead(mention, null, null, sql, null, null, null, null),
                null, mention + "\n" + sql, List.of(sql, mention, "[\"not\", \"json\"]"));

        Handoff handoff = ((Created) store.receive(hostile, SHA, T0, new Deadline(DUE, null), VERSION, SALES)).handoff();

        assertThat(handoff.externalId()).isEqualTo(sql);
        assertThat(handoff.lead().name()).isEqualTo(mention);
        assertThat(handoff.lead().company()).isEqualTo(sql);
        assertThat(handoff.note()).isEqualTo(mention + "\n" + sql);
        assertThat(handoff.criteriaMet()).containsExactly(sql, mention, "[\"not\", \"json\"]");
        assertThat(count("handoffs")).isEqualTo(1);
    }

    @Test
    void receiveIsAllOrNothing() {
        jdbi.useHandle(h -> h.execute("""
                CREATE TRIGGER refuse_deliveries BEFORE INSERT ON outbox
                BEGIN SELECT RAISE(ABORT, 'deliveries are refused'); END"""));

        assertThatThrownBy(() -> store.receive(request("hs-1", REP), SHA, T0, new Deadline(DUE, null), VERSION, SALES))
                .hasMessageContaining("deliveries are refused");

        assertThat(count("handoffs")).isZero();
        assertThat(count("handoff_events")).isZero();
        assertThat(count("outbox")).isZero();
    }

    @Test
    void theSameIdWithTheSameBodyIsAnExistingSameRequest() {
        Handoff first = created("hs-1");

        Intake again = store.receive(request("hs-1", REP), SHA, T0.plusSeconds(60), new Deadline(DUE.plusSeconds(60), null), VERSION,
                SALES);

        assertThat(again).isInstanceOfSatisfying(Existing.class, existing -> {
            assertThat(existing.sameRequest()).isTrue();
            assertThat(existing.handoff()).isEqualTo(first);
            assertThat(existing.deliveryState()).isEqualTo("queued");
        });
        assertThat(count("handoffs")).isEqualTo(1);
        assertThat(count("outbox")).isEqualTo(1);
        assertThat(store.events(first.id())).hasSize(1);
    }

    @Test
    void theSameIdWithADifferentBodyIsAnExistingDifferentRequest() {
        Handoff first = created("hs-1");
        NewHandoff changed = new NewHandoff("hs-1", "mql", new Lead("Someone Else", null, null, null, null, null,
                null, null), null, null, List.of());

        Intake again = store.receive(changed, "b".repeat(64), T0, new Deadline(DUE, null), VERSION, SALES);

        assertThat(again).isInstanceOfSatisfying(Existing.class, existing -> {
            assertThat(existing.sameRequest()).isFalse();
            assertThat(existing.handoff()).isEqualTo(first);
        });
        assertThat(store.find(first.id()).orElseThrow().lead().name()).isEqualTo("Dana Whitfield");
        assertThat(count("outbox")).isEqualTo(1);
    }

    @Test
    void anExistingHandoffReportsWhetherItsPostWasDeliveredOrFailed() {
        Handoff posted = created("hs-posted");
        Handoff failed = created("hs-failed", null, T0, DUE);
        List<Delivery> heads = dueLaneHeads(T0, 10);
        assertThat(heads).extracting(Delivery::handoffId).containsExactly(posted.id());

        posted(heads.get(0), "C0SALES001", "1741100000.000100", null, T0);
        Delivery failedPost = dueLaneHeads(T0, 10).get(0);
        failed(failedPost, "channel_not_found", T0);

        assertThat(((Existing) store.receive(request("hs-posted", REP), SHA, T0, new Deadline(DUE, null), VERSION, SALES))
                .deliveryState()).isEqualTo("posted");
        assertThat(((Existing) store.receive(request("hs-failed", null), SHA, T0, new Deadline(DUE, null), VERSION, SALES))
                .deliveryState()).isEqualTo("failed");
        assertThat(store.find(posted.id()).orElseThrow().channelId()).isEqualTo("C0SALES001");
        assertThat(store.events(failed.id())).extracting(HandoffEvent::kind).containsExactly("received", "failed");
    }

    // --- decisions ----------------------------------------------------------------------------------------------

    @Test
    void acceptingRecordsTheDecisionAnEventAndAnEditOfTheSalesMessage() {
        Handoff handoff = created("hs-1");
        Instant at = T0.plus(Duration.ofHours(1));

        Change change = store.decide(handoff.id(), accept(REP, at), SALES, MARKETING, null);

        assertThat(change.won()).isTrue();
        assertThat(change.handoff().status()).isEqualTo(HandoffStatus.ACCEPTED);
        assertThat(change.handoff().decision()).isEqualTo(accept(REP, at));
        assertThat(store.events(handoff.id())).extracting(HandoffEvent::kind, HandoffEvent::actor)
                .containsExactly(tuple("received", "system"), tuple("accepted", REP));
        assertThat(deliveries(handoff.id())).extracting(Row::kind, Row::lane).containsExactly(
                tuple("post_handoff", "post:" + SALES),
                tuple("update_handoff", "edit:" + SALES));
    }

    @Test
    void aRejectionAlsoOwesMarketingANotification() {
        Handoff handoff = created("hs-1");
        Instant at = T0.plus(Duration.ofHours(2));

        Change change = store.decide(handoff.id(), reject(REP, at), SALES, MARKETING, null);

        assertThat(change.won()).isTrue();
        assertThat(change.handoff().status()).isEqualTo(HandoffStatus.REJECTED);
        assertThat(change.handoff().decision()).isEqualTo(reject(REP, at));
        assertThat(store.events(handoff.id())).last()
                .isEqualTo(new HandoffEvent("rejected", REP, at, "Timing — no project this year"));
        assertThat(deliveries(handoff.id())).extracting(Row::kind, Row::lane, Row::nextAttemptAt).containsExactly(
                tuple("post_handoff", "post:" + SALES, T0),
                tuple("update_handoff", "edit:" + SALES, at),
                tuple("notify_marketing", "post:" + MARKETING, at));
    }

    @Test
    void onlyTheFirstDecisionWinsAndALaterOneChangesNothing() {
        Handoff handoff = created("hs-1");
        Instant first = T0.plusSeconds(60);
        store.decide(handoff.id(), accept(REP, first), SALES, MARKETING, null);
        List<Row> deliveriesBefore = deliveries(handoff.id());
        List<HandoffEvent> eventsBefore = store.events(handoff.id());

        Change late = store.decide(handoff.id(), reject(OTHER_REP, first.plusSeconds(1)), SALES, MARKETING, null);

        assertThat(late.won()).isFalse();
        assertThat(late.handoff().status()).isEqualTo(HandoffStatus.ACCEPTED);
        assertThat(late.handoff().decision()).isEqualTo(accept(REP, first));
        assertThat(deliveries(handoff.id())).isEqualTo(deliveriesBefore);
        assertThat(store.events(handoff.id())).isEqualTo(eventsBefore);
        assertThat(store.decide(handoff.id(), accept(OTHER_REP, first.plusSeconds(2)), SALES, MARKETING, null).won())
                .isFalse();
    }

    @Test
    void concurrentDecisionsHaveExactlyOneWinner() throws Exception {
        Handoff handoff = created("hs-race");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Change>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                String rep = "U0RACER00" + i;
                Decision decision = i % 2 == 0 ? accept(rep, T0.plusSeconds(i)) : reject(rep, T0.plusSeconds(i));
                Callable<Change> decide = () -> {
                    start.await();
                    return store.decide(handoff.id(), decision, SALES, MARKETING, null);
                };
                results.add(pool.submit(decide));
            }
            start.countDown();
            List<Change> changes = new ArrayList<>();
            for (Future<Change> result : results) {
                changes.add(result.get());
            }

            assertThat(changes).filteredOn(Change::won).hasSize(1);
            Decision winner = changes.stream().filter(Change::won).findFirst().orElseThrow().handoff().decision();
            assertThat(store.find(handoff.id()).orElseThrow().decision()).isEqualTo(winner);
            assertThat(changes).allSatisfy(c -> assertThat(c.handoff().decision()).isEqualTo(winner));
            assertThat(store.events(handoff.id())).hasSize(2);
            // The post, the update, marketing's notice for a rejection, and the assignee told once that a racer decided.
            assertThat(deliveries(handoff.id())).hasSize(winner.outcome() == HandoffStatus.REJECTED ? 4 : 3);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- marketing's answer to a rejection ----------------------------------------------------------------------

    @Test
    void onlyARejectedHandoffCanBeAnswered() {
        Handoff pending = created("hs-pending");
        Handoff accepted = created("hs-accepted");
        store.decide(accepted.id(), accept(REP, T0), SALES, MARKETING, null);
        MarketingOutcome recycle = new MarketingOutcome(MarketingOutcome.Kind.RECYCLED, MARKETER, T0.plusSeconds(9));

        assertThat(store.answerRejection(pending.id(), recycle, SALES, MARKETING).won()).isFalse();
        assertThat(store.answerRejection(accepted.id(), recycle, SALES, MARKETING).won()).isFalse();
        assertThat(store.find(pending.id()).orElseThrow().marketingOutcome()).isNull();
        assertThat(store.find(accepted.id()).orElseThrow().marketingOutcome()).isNull();
        assertThat(deliveries(pending.id())).hasSize(1);
        assertThat(deliveries(accepted.id())).hasSize(2);
    }

    @Test
    void recyclingARejectionIsRecordedOnceAndUpdatesBothMessages() {
        Handoff handoff = created("hs-1");
        store.decide(handoff.id(), reject(REP, T0.plusSeconds(60)), SALES, MARKETING, null);
        Instant at = T0.plusSeconds(120);
        MarketingOutcome recycle = new MarketingOutcome(MarketingOutcome.Kind.RECYCLED, MARKETER, at);

        Change change = store.answerRejection(handoff.id(), recycle, SALES, MARKETING);

        assertThat(change.won()).isTrue();
        assertThat(change.handoff().marketingOutcome()).isEqualTo(recycle);
        assertThat(change.handoff().status()).isEqualTo(HandoffStatus.REJECTED);
        assertThat(store.events(handoff.id())).last().isEqualTo(new HandoffEvent("recycled", MARKETER, at, null));
        assertThat(deliveries(handoff.id())).extracting(Row::kind, Row::lane).endsWith(
                tuple("update_marketing", "edit:" + MARKETING),
                tuple("update_handoff", "edit:" + SALES));
        assertThat(deliveries(handoff.id())).extracting(Row::kind).doesNotContain("contest");

        MarketingOutcome contestLater = new MarketingOutcome(MarketingOutcome.Kind.CONTESTED, "U0MKT0002",
                at.plusSeconds(5));
        List<Row> before = deliveries(handoff.id());
        Change second = store.answerRejection(handoff.id(), contestLater, SALES, MARKETING);

        assertThat(second.won()).isFalse();
        assertThat(second.handoff().marketingOutcome()).isEqualTo(recycle);
        assertThat(deliveries(handoff.id())).isEqualTo(before);
    }

    @Test
    void contestingARejectionAlsoAsksForASecondLookInTheSalesChannel() {
        Handoff handoff = created("hs-1");
        store.decide(handoff.id(), reject(REP, T0.plusSeconds(60)), SALES, MARKETING, null);
        MarketingOutcome contest = new MarketingOutcome(MarketingOutcome.Kind.CONTESTED, MARKETER, T0.plusSeconds(90));

        Change change = store.answerRejection(handoff.id(), contest, SALES, MARKETING);

        assertThat(change.won()).isTrue();
        assertThat(change.handoff().marketingOutcome()).isEqualTo(contest);
        assertThat(deliveries(handoff.id())).extracting(Row::kind, Row::lane).containsExactly(
                tuple("post_handoff", "post:" + SALES),
                tuple("update_handoff", "edit:" + SALES),
                tuple("notify_marketing", "post:" + MARKETING),
                tuple("update_marketing", "edit:" + MARKETING),
                tuple("update_handoff", "edit:" + SALES),
                tuple("contest", "post:" + SALES));
    }

    // --- delivery lanes -----------------------------------------------------------------------------------------

    @Test
    void onlyTheOldestPendingDeliveryOfEachLaneIsDue() {
        Handoff first = created("hs-1");
        Handoff second = created("hs-2");
        store.decide(first.id(), reject(REP, T0.plusSeconds(10)), SALES, MARKETING, null);

        List<Delivery> heads = dueLaneHeads(T0.plusSeconds(10), 10);

        // post:sales has two posts (first is head); edit:sales and post:marketing one each.
        assertThat(heads).extracting(Delivery::handoffId, Delivery::kind, Delivery::lane).containsExactly(
                tuple(first.id(), DeliveryKind.POST_HANDOFF, "post:" + SALES),
                tuple(first.id(), DeliveryKind.UPDATE_HANDOFF, "edit:" + SALES),
                tuple(first.id(), DeliveryKind.NOTIFY_MARKETING, "post:" + MARKETING));
        assertThat(heads).extracting(Delivery::handoffId).doesNotContain(second.id());

        delivered(heads.get(0), T0.plusSeconds(11));

        assertThat(dueLaneHeads(T0.plusSeconds(11), 10)).extracting(Delivery::handoffId, Delivery::kind)
                .contains(tuple(second.id(), DeliveryKind.POST_HANDOFF))
                .doesNotContain(tuple(first.id(), DeliveryKind.POST_HANDOFF));
    }

    @Test
    void aDeliveryIsNotDueBeforeItsTime() {
        Instant later = T0.plus(Duration.ofHours(1));
        created("hs-later", REP, later, DUE);

        assertThat(dueLaneHeads(later.minusMillis(1), 10)).isEmpty();
        assertThat(dueLaneHeads(later, 10)).hasSize(1);
        assertThat(nextDue()).contains(later);
    }

    @Test
    void aHeadWaitingToRetryHoldsBackItsWholeLane() {
        created("hs-1");
        created("hs-2");
        Delivery head = dueLaneHeads(T0, 10).get(0);
        Instant retryAt = T0.plusSeconds(30);

        retryLater(head, retryAt, "ratelimited");

        assertThat(dueLaneHeads(T0.plusSeconds(29), 10)).isEmpty();
        assertThat(dueLaneHeads(retryAt, 10)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(head.id());
            assertThat(d.attempts()).isEqualTo(1);
        });
    }

    @Test
    void dueLaneHeadsHonoursItsLimitAndEmptyWhenAllIsDone() {
        Handoff handoff = created("hs-1");
        store.decide(handoff.id(), reject(REP, T0), SALES, MARKETING, null);

        assertThat(dueLaneHeads(T0, 2)).hasSize(2);
        for (Delivery head : dueLaneHeads(T0, 10)) {
            delivered(head, T0);
        }

        assertThat(dueLaneHeads(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        assertThat(nextDue()).isEmpty();
        assertThat(store.deliveryCounts()).isEqualTo(Map.of("done", 3));
    }

    @Test
    void postingOwesTheAssigneeADirectMessage() {
        Handoff handoff = created("hs-1");
        Delivery post = dueLaneHeads(T0, 10).get(0);

        posted(post, "C0SALES001", "1741100000.000100", REP, T0.plusSeconds(1));

        assertThat(deliveries(handoff.id())).extracting(Row::kind, Row::lane, Row::state).containsExactly(
                tuple("post_handoff", "post:" + SALES, "done"),
                tuple("dm_assignee", "post:dm:" + REP, "pending"));
        Handoff stored = store.find(handoff.id()).orElseThrow();
        assertThat(stored.channelId()).isEqualTo("C0SALES001");
        assertThat(stored.messageTs()).isEqualTo("1741100000.000100");
    }

    // --- the Home tab's list ------------------------------------------------------------------------------------

    @Test
    void openForListsPendingHandoffsOfTheUserOrNobodySoonestDueFirst() {
        Handoff mineLater = created("mine-later", REP, T0, DUE.plus(Duration.ofHours(2)));
        Handoff unassigned = created("unassigned", null, T0, DUE.plus(Duration.ofHours(1)));
        Handoff mineSoon = created("mine-soon", REP, T0, DUE);
        created("someone-else", OTHER_REP, T0, DUE.minus(Duration.ofHours(1)));
        created("by-email", "rep@freightline.example", T0, DUE);
        Handoff decided = created("decided", REP, T0, DUE.minus(Duration.ofHours(2)));
        store.decide(decided.id(), accept(REP, T0), SALES, MARKETING, null);

        List<Handoff> open = store.openFor(REP, 10);

        assertThat(open).extracting(Handoff::externalId)
                .containsExactly("mine-soon", "by-email", "unassigned", "mine-later");
        assertThat(open).extracting(Handoff::id).contains(mineLater.id(), unassigned.id(), mineSoon.id());
        assertThat(store.openFor(REP, 2)).extracting(Handoff::externalId).containsExactly("mine-soon", "by-email");
        assertThat(store.openFor(OTHER_REP, 10)).extracting(Handoff::externalId)
                .containsExactly("someone-else", "by-email", "unassigned");
    }

    @Test
    void anEmailAssigneeLeavesTheOpenListOfOthersOnceResolved() {
        Handoff byEmail = created("by-email", "rep@freightline.example", T0, DUE);

        store.assigneeResolved(byEmail.id(), REP, T0);

        assertThat(store.openFor(REP, 10)).extracting(Handoff::externalId).containsExactly("by-email");
        assertThat(store.openFor(OTHER_REP, 10)).isEmpty();
    }

    @Test
    void assigneeOnlyDecisionsRequireTheAssigneeAtCommitTime() {
        Handoff handoff = created("hs-assignee-only", REP, T0, DUE);

        Change byOther = store.decide(handoff.id(), accept(OTHER_REP, T0), null, SALES, MARKETING, null, true);
        assertThat(byOther.won()).isFalse();
        assertThat(byOther.handoff().status()).isEqualTo(HandoffStatus.PENDING);

        Change byAssignee = store.decide(handoff.id(), accept(REP, T0), null, SALES, MARKETING, null, true);
        assertThat(byAssignee.won()).isTrue();
        assertThat(byAssignee.handoff().decision().by()).isEqualTo(REP);
    }
}
