package dev.handshake.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackLanes;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.SlackTransport;
import dev.handshake.testing.InMemorySlack;
import dev.handshake.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's failure policy, one item at a time on the test's thread: a real SQLite file with the real
 * migrations, Slack in memory failing as asked, and a clock that moves only when told.
 */
class DispatcherTest {

    private static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");
    private static final String CHANNEL = "#sales-leads";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private final InMemorySlack slack = new InMemorySlack();
    private final SlackStatus status = new SlackStatus(clock, Duration.ofSeconds(60));
    private final List<String> gaveUp = new ArrayList<>();
    private Jdbi jdbi;
    private OutboxStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("outbox.db")).jdbi();
        Transactions writes = Transactions.direct(jdbi);
        store = new OutboxStore(jdbi, writes);
        outbox = new Outbox(store, writes, clock, 1);
        outbox.register(new SlackTransport(status, clock));
        outbox.register("post", SlackHandler.posting(item -> {
            slack.postMessage(CHANNEL, "hello " + item.subject(), null, null);
            return Sent.done();
        }).onGaveUp((handle, item, error, now) -> gaveUp.add(item.subject() + ": " + error)));
        outbox.register("view", SlackHandler.unpaced(item -> {
            slack.publishHome(item.subject(), null);
            return Sent.done();
        }).coalescing());
    }

    private OutboxItem due() {
        List<OutboxItem> heads = store.claimDue(clock.instant(), 10);
        assertThat(heads).hasSize(1);
        return heads.get(0);
    }

    private String state(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state || ' ' || coalesce(last_error, '') FROM outbox "
                + "WHERE id = :id").bind("id", id).mapTo(String.class).one()).strip();
    }

    private Instant nextAttempt(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT next_attempt_at FROM outbox WHERE id = :id")
                .bind("id", id).mapTo(Instant.class).one());
    }

    @Test
    void aSentItemIsDoneAndWhatItProducedIsRecordedWithIt() {
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "1", null));

        OutboxItem item = due();
        outbox.dispatcher().send(item);

        assertThat(slack.calls("chat.postMessage")).extracting(InMemorySlack.Call::text).containsExactly("hello 1");
        assertThat(state(item.id())).isEqualTo("done");
        assertThat(store.claimDue(clock.instant().plusSeconds(3600), 10)).isEmpty();
        assertThat(store.nextDue()).isEmpty();
    }

    @Test
    void aRateLimitWaitsForRetryAfterAndHoldsBackTheWholeLane() {
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "1", null));
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "2", null));
        slack.failNext("chat.postMessage", 1, InMemorySlack.rateLimited(7));

        OutboxItem first = due();
        outbox.dispatcher().send(first);

        assertThat(nextAttempt(first.id())).isEqualTo(T0.plusSeconds(7));
        assertThat(state(first.id())).isEqualTo("pending chat.postMessage: rate limited");
        clock.advance(Duration.ofSeconds(6));
        assertThat(store.claimDue(clock.instant(), 10)).as("nothing of the lane before Retry-After").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        OutboxItem again = due();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(1);
        outbox.dispatcher().send(again);
        assertThat(state(first.id())).isEqualTo("done");
        assertThat(due().subject()).isEqualTo("2");
    }

    @Test
    void transientFailuresBackOffWithJitterAndAreGivenUpAfterSeventyTwoHours() {
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "1", null));
        slack.failNext("chat.postMessage", 100, InMemorySlack.serverError());

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            OutboxItem item = due();
            outbox.dispatcher().send(item);
            Duration wait = Duration.between(clock.instant(), nextAttempt(item.id()));
            waits.add(wait);
            // 1 s doubling, each drawn between half and all of it.
            long capped = 1000L << attempt;
            assertThat(wait.toMillis()).as("wait after attempt %d", attempt + 1).isBetween(capped / 2, capped);
            clock.advance(wait);
        }
        assertThat(state(due().id())).isEqualTo("pending chat.postMessage: http_500");

        clock.advance(Duration.ofHours(72));
        OutboxItem late = due();
        outbox.dispatcher().send(late);

        assertThat(state(late.id())).isEqualTo("failed gave up after 72 h: chat.postMessage: http_500");
        assertThat(gaveUp).containsExactly("1: gave up after 72 h: chat.postMessage: http_500");
        assertThat(store.claimDue(clock.instant().plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void aPermanentFailureIsRecordedOnceNotRetriedAndShownWithItsFix() {
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "1", null));
        slack.failNext("chat.postMessage", 1, InMemorySlack.permanent("channel_not_found"));

        OutboxItem item = due();
        outbox.dispatcher().send(item);

        assertThat(state(item.id())).isEqualTo("failed chat.postMessage: channel_not_found");
        assertThat(gaveUp).containsExactly("1: chat.postMessage: channel_not_found");
        SlackStatus.Snapshot health = status.snapshot();
        assertThat(health.status()).isEqualTo("degraded");
        assertThat(health.problems().get(CHANNEL).fix()).contains("invite the app");
        assertThat(store.claimDue(clock.instant().plusSeconds(3600), 10)).isEmpty();
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void aRefusedTokenPausesSlackUntilTheNextProbeAndLeavesOtherTransportsAlone() {
        List<String> webhookCalls = new ArrayList<>();
        outbox.register(new Transport() {
            @Override
            public String name() {
                return "webhook";
            }

            @Override
            public Optional<Failure> classify(RuntimeException error) {
                return Optional.of(Failure.transientFailure(error.getMessage(), "http_503"));
            }
        });
        outbox.register("hook", new OutboxHandler() {
            @Override
            public String transport() {
                return "webhook";
            }

            @Override
            public Sent send(OutboxItem item) {
                webhookCalls.add(item.subject());
                return Sent.done();
            }
        });
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "1", null));
        slack.failNext("chat.postMessage", 1, InMemorySlack.invalidAuth());
        status.authFailed("invalid_auth");

        OutboxItem item = due();
        outbox.dispatcher().send(item);

        assertThat(state(item.id())).isEqualTo("pending chat.postMessage: invalid_auth");
        assertThat(nextAttempt(item.id())).isEqualTo(T0.plus(status.authProbeInterval()));
        assertThat(status.snapshot().status()).isEqualTo("unhealthy");

        outbox.add(new Owed("hook", "webhook:https://crm.example/hook", "42", null));
        OutboxItem hook = due();
        assertThat(hook.kind()).isEqualTo("hook");
        outbox.dispatcher().send(hook);
        assertThat(webhookCalls).containsExactly("42");
        assertThat(state(hook.id())).isEqualTo("done");
    }

    @Test
    void anItemIsKeptAcrossARestartUntilSent() {
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "1", null));
        slack.failNext("chat.postMessage", 1, InMemorySlack.serverError());
        outbox.dispatcher().send(due());

        Transactions writes = Transactions.direct(jdbi);
        OutboxStore reopened = new OutboxStore(Database.open("jdbc:sqlite:" + dir.resolve("outbox.db")).jdbi(), writes);
        clock.advance(Duration.ofMinutes(5));

        assertThat(reopened.claimDue(clock.instant(), 10)).singleElement()
                .satisfies(item -> assertThat(item.attempts()).isEqualTo(1));
        assertThat(reopened.counts()).containsEntry("pending", 1);
    }

    @Test
    void oneViewPublishCoversTheRequestsQueuedBeforeItButNotThoseAfter() {
        for (int i = 0; i < 3; i++) {
            outbox.add(new Owed("view", SlackLanes.home("U1"), "U1", null));
        }

        outbox.dispatcher().send(due());

        assertThat(slack.calls("views.publish")).hasSize(1);
        assertThat(store.claimDue(clock.instant(), 10)).isEmpty();
        // The one sent is kept as the record; the two it covered are deleted.
        assertThat(store.counts()).containsOnly(Map.entry("done", 1));

        outbox.add(new Owed("view", SlackLanes.home("U1"), "U1", null));
        outbox.dispatcher().send(due());
        assertThat(slack.calls("views.publish")).hasSize(2);
    }

    @Test
    void anItemWhoseKindHasNoHandlerIsRecordedAsFailed() {
        outbox.add(new Owed("unknown_kind", "post:C1", "1", null));

        OutboxItem item = due();
        outbox.dispatcher().send(item);

        assertThat(state(item.id())).isEqualTo("failed no handler for kind unknown_kind");
    }

    /** Sends every due item on the test's thread; returns how many sends were made. */
    private int sendAllDue() {
        return Drain.due(outbox, clock.instant());
    }

    private List<String> kept() {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind || ' ' || subject || ' ' || state FROM outbox ORDER BY id")
                .mapTo(String.class).list());
    }

    @Test
    void doneAndFailedItemsAreDeletedAfterTheirKindsRetentionAndPendingOnesNever() {
        outbox.register("reply", SlackHandler.unpaced(item -> {
            slack.respond("https://hooks.slack.com/x", "hi");
            return Sent.done();
        }).keptFor(Duration.ofHours(6)));
        outbox.register("record", SlackHandler.unpaced(item -> Sent.done()).keptFor(Outbox.FOREVER));
        outbox.add(new Owed("post", SlackLanes.post(CHANNEL), "old-done", null));
        outbox.add(new Owed("post", SlackLanes.post("#gone"), "old-failed", null));
        outbox.add(new Owed("reply", SlackLanes.reply("U1"), "reply", null));
        outbox.add(new Owed("record", "record:1", "record", null));
        outbox.add(new Owed("unknown_kind", "other:1", "unknown", null));
        slack.failNext("chat.postMessage", 1, InMemorySlack.serverError())
                .failNext("chat.postMessage", 1, InMemorySlack.permanent("channel_not_found"));
        sendAllDue(); // old-done waits to be retried; old-failed is refused for good; the rest are done or failed
        clock.advance(Duration.ofMinutes(1));
        sendAllDue();
        outbox.add(new Owed("post", SlackLanes.post("#paused"), "pending", null));
        slack.failNext("chat.postMessage", 1, InMemorySlack.rateLimited(60 * 60 * 24 * 40));
        sendAllDue(); // pending for 40 days
        assertThat(kept()).containsExactly("post old-done done", "post old-failed failed", "reply reply done",
                "record record done", "unknown_kind unknown failed", "post pending pending");

        clock.advance(Duration.ofHours(6));
        assertThat(outbox.dispatcher().prune(clock.instant())).isEqualTo(1);
        assertThat(kept()).doesNotContain("reply reply done").hasSize(5);

        clock.advance(Duration.ofDays(30));
        assertThat(outbox.dispatcher().prune(clock.instant())).isEqualTo(3);
        assertThat(kept()).containsExactly("record record done", "post pending pending");
        assertThat(outbox.dispatcher().prune(clock.instant().plus(Duration.ofDays(3650)))).isZero();
    }

    @Test
    void aLongBacklogIsDeletedInBatchesInOneRun() {
        for (int i = 0; i < 1203; i++) {
            outbox.add(new Owed("view", SlackLanes.home("U" + i), "U" + i, null));
        }
        sendAllDue();
        outbox.add(new Owed("view", SlackLanes.home("U0"), "U0", null));
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        sendAllDue(); // one more, done just now: kept

        assertThat(outbox.dispatcher().prune(clock.instant())).isEqualTo(1203);
        assertThat(store.counts()).containsExactly(java.util.Map.entry("done", 1));
    }
}
