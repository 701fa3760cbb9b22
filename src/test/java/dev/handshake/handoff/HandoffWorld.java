package dev.handshake.handoff;

import com.slack.api.model.view.View;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Drain;
import dev.handshake.outbox.Outbox;
import dev.handshake.home.HomeTab;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.outbox.Sent;
import dev.handshake.people.Directory;
import dev.handshake.people.Membership;
import dev.handshake.slack.SlackReads;
import dev.handshake.routing.RepProfiles;
import dev.handshake.routing.Router;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.Replies;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.SlackTransport;
import dev.handshake.testing.InMemorySlack;
import dev.handshake.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The handoff capability for fast unit tests: the shipped agreement ({@code sla.yml}: 4 business hours to decide,
 * a reminder at 75%, escalation, reassignment at most twice, 8 business hours to first contact), a real migrated
 * SQLite file, Slack in memory, a clock that moves only when told, and the outbox sent on the test's thread.
 */
final class HandoffWorld implements AutoCloseable {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final String REP = "U0123ABCD";
    static final String POOL_1 = "U05SDRAVA01";
    static final String POOL_2 = "U05SDRBEN02";
    static final String POOL_3 = "U05SDRCHL03";
    static final String SALES = "#sales-leads";
    static final String MARKETING = "#marketing-handoffs";
    static final String MANAGER = "U0MGR00001";
    static final String MARKETER = "U0MKT00001";
    static final String MARKETER_2 = "U0MKT00002";

    final ManualClock clock = new ManualClock(chicago("2026-11-30T10:00:00")); // a Monday, 10:00 in Chicago
    final InMemorySlack slack = new InMemorySlack();
    final Set<String> away = ConcurrentHashMap.newKeySet();
    final Agreement agreement;
    final BusinessHours hours;
    final Jdbi jdbi;
    final Interleaved writes;
    final Outbox outbox;
    final HandoffStore store;
    final Handoffs handoffs;
    final SlaClock slaClock;
    final Reads reads;
    private final Database database;

    private HandoffWorld(Path dir, Agreement agreement) {
        this.agreement = agreement;
        this.hours = new BusinessHours(agreement.calendar());
        this.database = Database.open("jdbc:sqlite:" + dir.resolve("handshake.db"));
        this.jdbi = database.jdbi();
        this.writes = new Interleaved(Transactions.direct(jdbi));
        this.outbox = new Outbox(new OutboxStore(jdbi, writes), writes, clock, 1);
        outbox.register(new SlackTransport(new SlackStatus(clock, Duration.ofSeconds(60)), clock));
        Replies.register(outbox, slack);
        this.store = new HandoffStore(jdbi, writes, outbox, HomeTab::publish);
        Router router = new Router(agreement, new RepProfiles(jdbi, writes), day -> away.stream()
                .collect(Collectors.toMap(user -> user, user -> day)));
        RouteStore routes = new RouteStore(jdbi, writes, outbox, agreement, hours, router);
        this.reads = new Reads(slack);
        HandoffNotices.register(outbox, store, routes, new HandoffNotices.Parts(slack, reads,
                new Directory(reads, clock), agreement, hours, clock, day -> Set.copyOf(away)));
        outbox.register(HomeTab.PUBLISH, SlackHandler.unpaced(item -> {
            slack.publishHome(item.subject(), View.builder().type("home").blocks(List.of()).build());
            return Sent.done();
        }).coalescing());
        this.handoffs = new Handoffs(store, routes, agreement, agreement.version(), hours, clock,
                new HandoffRoles(agreement, new Membership(reads, clock)));
        this.slaClock = new SlaClock(store, jdbi, writes, outbox, agreement, hours, clock, router);
    }

    /** The shipped agreement, in which anyone in the sales channel may decide. */
    static HandoffWorld open(Path dir) {
        return open(dir, "anyone");
    }

    /** The shipped agreement with {@code who_decides} set to {@code anyone} or {@code assignee}. */
    static HandoffWorld open(Path dir, String whoDecides) {
        try {
            Path file = dir.resolve("sla.yml");
            Files.writeString(file, Files.readString(Path.of("sla.yml"))
                    .replace("who_decides: anyone", "who_decides: " + whoDecides));
            return new HandoffWorld(dir, new AgreementLoader().load(file).agreement());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant chicago(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
    }

    /** Marketing hands over an MQL for {@code assignee} (a user id, or null for nobody) now. */
    Handoff receive(String externalId, String assignee) {
        return ((HandoffStore.Created) handoffs.receive(request(externalId, assignee), "0".repeat(64))).handoff();
    }

    /** Marketing sends {@code externalId} again, the same request; returns what intake says of its post. */
    String receiveAgain(String externalId) {
        return ((HandoffStore.Existing) handoffs.receive(request(externalId, REP), "0".repeat(64))).deliveryState();
    }

    private static NewHandoff request(String externalId, String assignee) {
        return new NewHandoff(externalId, "mql", new Lead("Dana Whitfield", "dana@northwind.example",
                "VP Operations", "Northwind Logistics", "ops-leader", 82, "webinar", null), assignee,
                "Asked for pricing", List.of("Fit score 60 or more"));
    }

    /** A handoff received and posted in the sales channel, as Slack saw it. */
    Handoff posted(String externalId, String assignee) {
        Handoff handoff = receive(externalId, assignee);
        deliver();
        return store.find(handoff.id()).orElseThrow();
    }

    /** Sends everything the outbox holds that is due now; returns how many sends were made. */
    int deliver() {
        return Drain.due(outbox, clock.instant());
    }

    void advanceTo(Instant when) {
        clock.advance(Duration.between(clock.instant(), when));
    }

    Handoff find(long id) {
        return store.find(id).orElseThrow();
    }

    List<String> events(long id) {
        return store.events(id).stream().map(HandoffEvent::kind).toList();
    }

    /** The states of a handoff's timers, by kind and round, e.g. {@code remind#0 -> fired}. */
    Map<String, String> timers(long id) {
        Map<String, String> timers = new TreeMap<>();
        jdbi.useHandle(handle -> handle.createQuery(
                        "SELECT kind, round, state FROM timers WHERE handoff_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> Map.entry(rs.getString("kind") + "#" + rs.getInt("round"), rs.getString("state")))
                .forEach(entry -> timers.put(entry.getKey(), entry.getValue())));
        return timers;
    }

    /** The users whose App Home a change owed a publish of, oldest first. */
    List<String> homesOwed() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT subject FROM outbox WHERE kind = :kind ORDER BY id")
                .bind("kind", HomeTab.PUBLISH).mapTo(String.class).list());
    }

    /** The outbox items owed for a handoff, oldest first, as {@code kind state}. */
    List<String> owed(long id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT kind || ' ' || state FROM outbox WHERE subject = :id ORDER BY id")
                .bind("id", String.valueOf(id)).mapTo(String.class).list());
    }

    @Override
    public void close() {
        database.close();
    }

    /**
     * Runs write transactions directly, and lets a test slip a committed change in just before the next one starts:
     * the moment between a check and its compare-and-set, where races happen.
     */
    static final class Interleaved implements Transactions {

        private final Transactions inner;
        private final AtomicReference<Runnable> next = new AtomicReference<>();

        Interleaved(Transactions inner) {
            this.inner = inner;
        }

        /** Runs {@code change} (in transactions of its own) right before the next write transaction. */
        void beforeNext(Runnable change) {
            next.set(change);
        }

        @Override
        public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
            Runnable change = next.getAndSet(null);
            if (change != null) {
                change.run();
            }
            return inner.inTransaction(work);
        }
    }

    /**
     * Slack's read methods as the workspace answers them: the sales managers' group ({@code S0SALESMGR1}) holds
     * {@link #MANAGER}, the marketing channel {@link #MARKETER} and {@link #MARKETER_2}; names are "User &lt;id&gt;"; links as Slack
     * builds them.
     */
    static final class Reads implements SlackReads {
        private final java.util.function.BinaryOperator<String> permalink;

        Reads(InMemorySlack slack) {
            this(slack::permalink);
        }

        /** {@code permalink} gives a message's link from its channel and ts. */
        Reads(java.util.function.BinaryOperator<String> permalink) {
            this.permalink = permalink;
        }

        @Override
        public Optional<SlackUser> user(String userId) {
            return Optional.of(new SlackUser(userId, "User " + userId, false, false));
        }

        @Override
        public List<String> userGroupMembers(String groupId) {
            return "S0SALESMGR1".equals(groupId) ? List.of(MANAGER) : List.of();
        }

        @Override
        public List<UserGroup> userGroups() {
            return List.of(new UserGroup("S0SALESMGR1", "sales-managers", "Sales managers"));
        }

        @Override
        public List<String> channelMembers(String channelId) {
            return "C0MARKETING".equals(channelId) ? List.of(MARKETER, MARKETER_2) : List.of();
        }

        @Override
        public Optional<String> channelId(String name) {
            return "marketing-handoffs".equals(name) ? Optional.of("C0MARKETING") : Optional.empty();
        }

        @Override
        public String permalink(String channelId, String messageTs) {
            return permalink.apply(channelId, messageTs);
        }
    }
}
