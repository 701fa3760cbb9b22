package dev.handshake.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.handoff.HandoffStatus;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Handoffs;
import dev.handshake.handoff.Lead;
import dev.handshake.handoff.NewHandoff;
import dev.handshake.handoff.Outcome;
import dev.handshake.handoff.RouteStore;
import dev.handshake.people.Membership;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing at intake through the real parts: leads received by {@code Handoffs} on a real SQLite file with the real
 * migrations, routed in the intake transaction, decided and contacted as reps would; the rules checked over many
 * leads.
 */
class RouterTest {

    /** Tuesday, 10:00 in Chicago (the agreement's zone): every rep in that zone is at work. */
    private static final Instant TUESDAY_MORNING = Instant.parse("2026-12-08T16:00:00Z");
    private static final String AVA = "U05SDRAVA01";
    private static final String BEN = "U05SDRBEN02";
    private static final String CHLOE = "U05SDRCHL03";
    private static final String DEV = "U05SDRDEV04";
    private static final String SHA = "b".repeat(64);

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private Transactions writes;
    private Outbox outbox;
    private HandoffStore store;
    private RepProfiles profiles;
    private final Map<String, LocalDate> away = new ConcurrentHashMap<>();
    private final ManualClock clock = new ManualClock(TUESDAY_MORNING);
    private Handoffs handoffs;
    private Router router;
    private int received;

    @BeforeEach
    void openDatabase() {
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("handshake.db")).jdbi();
        writes = Transactions.direct(jdbi);
        outbox = new Outbox(new OutboxStore(jdbi, writes), writes, clock, 1);
        store = new HandoffStore(jdbi, writes, outbox);
        profiles = new RepProfiles(jdbi, writes);
    }

    private void agree(String routing) {
        Agreement agreement = RoutingAgreements.agreement(routing);
        BusinessHours hours = new BusinessHours(agreement.calendar());
        router = new Router(agreement, profiles, day -> away.entrySet().stream()
                .filter(e -> !e.getValue().isBefore(day))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        // Who may take each step is not under test here: routing happens at intake, before anyone acts.
        handoffs = new Handoffs(store, new RouteStore(jdbi, writes, outbox, agreement, hours, router), agreement,
                agreement.version(), hours, clock, (role, handoff, user) -> Membership.Check.yesIf(true));
    }

    private void named(String user, String name, String tz) {
        profiles.record(new RepProfile(user, name, tz, null, false, clock.instant()));
    }

    /** Receives a new lead (for {@code assignee}, or null) and returns its id. */
    private long receive(String assignee) {
        received++;
        var intake = handoffs.receive(new NewHandoff("lead-" + received, "mql",
                new Lead("Lead " + received, null, null, "Company " + received, null, null, null, null), assignee,
                null, List.of()), SHA);
        return ((HandoffStore.Created) intake).handoff().id();
    }

    private String assigneeOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT assignee_user FROM handoffs WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().orElse(null));
    }

    private String noteOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT route_note FROM handoffs WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().orElse(null));
    }

    private List<String> owed(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind || ' ' || lane FROM outbox WHERE subject = :id ORDER BY id")
                .bind("id", String.valueOf(id)).mapTo(String.class).list());
    }

    /** Open handoffs per rep, counted as the cap counts them, straight from the table. */
    private Map<String, Integer> openPerRep() {
        Map<String, Integer> open = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT assignee_user FROM handoffs WHERE state = 'pending' AND assignee_user IS NOT NULL
                        UNION ALL
                        SELECT decided_by FROM handoffs WHERE status = 'accepted' AND contacted_at IS NULL
                          AND contact_due_at IS NOT NULL""")
                .mapTo(String.class).forEach(user -> open.merge(user, 1, Integer::sum)));
        return open;
    }

    @Test
    void countsPerRepFollowTheWeightsOverManyLeads() {
        agree("""
                pool:
                  - U05SDRAVA01
                  - {user: U05SDRBEN02, weight: 2}
                  - {user: U05SDRCHL03, weight: 3}
                """);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            counts.merge(assigneeOf(receive(null)), 1, Integer::sum);
        }
        // Tolerance: within one lead of 600 × weight / 6 (the rotation's bound), i.e. exactly 100, 200, 300 here.
        assertThat(counts).containsOnlyKeys(AVA, BEN, CHLOE);
        assertThat(counts.get(AVA)).isBetween(99, 101);
        assertThat(counts.get(BEN)).isBetween(199, 201);
        assertThat(counts.get(CHLOE)).isBetween(299, 301);
    }

    /**
     * 600 leads while reps accept, reject and make first contact at random: no rep ever holds more open handoffs
     * than their cap (pending, or accepted and not yet contacted), and a lead that finds everyone at their cap goes
     * to the fallback.
     */
    @Test
    void capsAreNeverExceededOverManyLeads() {
        agree("""
                pool:
                  - U05SDRAVA01
                  - {user: U05SDRBEN02, weight: 2}
                  - {user: U05SDRCHL03, cap: 2}
                  - U05SDRDEV04
                cap: 4
                fallback: S0SALESMGR1
                """);
        Map<String, Integer> caps = Map.of(AVA, 4, BEN, 4, CHLOE, 2, DEV, 4);
        Random random = new Random(7);
        List<Long> pending = new ArrayList<>();
        List<Long> awaitingContact = new ArrayList<>();
        int toFallback = 0;
        int assigned = 0;
        for (int i = 0; i < 600; i++) {
            long id = receive(null);
            String assignee = assigneeOf(id);
            if (assignee == null) {
                toFallback++;
                assertThat(noteOf(id)).startsWith("nobody in the pool can take it (").contains("at cap 2", "at cap 4")
                        .endsWith("; it goes to the fallback, the user group S0SALESMGR1");
                assertThat(owed(id)).contains("fallback post:#sales-leads");
            } else {
                assigned++;
                pending.add(id);
            }
            Map<String, Integer> open = openPerRep();
            open.forEach((rep, count) -> assertThat(count).as("open handoffs of %s after lead %d", rep, received)
                    .isLessThanOrEqualTo(caps.get(rep)));
            // Reps work through their leads at random: decide some, contact some of the accepted ones.
            for (int j = 0; j < 2 && !pending.isEmpty() && random.nextInt(3) > 0; j++) {
                long decided = pending.remove(random.nextInt(pending.size()));
                String rep = assigneeOf(decided);
                Outcome outcome = random.nextBoolean() ? handoffs.accept(decided, rep)
                        : handoffs.reject(decided, rep, "Not a fit — wrong industry or region", null);
                assertThat(outcome).isInstanceOf(Outcome.Done.class);
                if (((Outcome.Done) outcome).handoff().decision().outcome().key().equals("accepted")) {
                    awaitingContact.add(decided);
                }
            }
            if (!awaitingContact.isEmpty() && random.nextInt(2) == 0) {
                long contacted = awaitingContact.remove(random.nextInt(awaitingContact.size()));
                String rep = assigneeOf(contacted);
                assertThat(handoffs.markContacted(contacted, rep)).isInstanceOf(Outcome.Done.class);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(assigned + toFallback).isEqualTo(600);
        assertThat(toFallback).as("leads that found everyone at their cap").isPositive();
        assertThat(assigned).as("leads assigned").isGreaterThan(toFallback);
    }

    @Test
    void theNoteNamesEveryoneSkippedAndWhyWithoutPingingThem() {
        agree("""
                pool: [U05SDRAVA01, U05SDRBEN02, U05SDRCHL03, U05SDRDEV04]
                """);
        named(AVA, "Ava Park", "America/Chicago");
        named(BEN, "Ben Ortiz", "America/Chicago");
        named(CHLOE, "Chloe Diaz", "America/Chicago");
        named(DEV, "Dev Shah", "Asia/Tokyo");
        away.put(BEN, LocalDate.parse("2026-12-09"));
        profiles.record(new RepProfile(CHLOE, "Chloe Diaz", "America/Chicago", null, true, clock.instant()));

        long first = receive(null);
        assertThat(assigneeOf(first)).isEqualTo(AVA);
        assertThat(noteOf(first)).isEqualTo("next in rotation; skipped Ben Ortiz: away until Wed, Dec 9; "
                + "Chloe Diaz: deactivated in Slack; Dev Shah: outside working hours (starts Wed 09:00 Asia/Tokyo)");
        assertThat(noteOf(first)).doesNotContain("<@", "<!");
        // Ava is the only one who can take leads now: the next goes to her too.
        assertThat(assigneeOf(receive(null))).isEqualTo(AVA);
        assertThat(owed(first)).containsExactlyInAnyOrder("post_handoff post:#sales-leads",
                "dm_assignee post:dm:" + AVA);
    }

    @Test
    void whenNobodyIsAtWorkTheLeadGoesToWhoeverStartsFirst() {
        agree("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                fallback: U04MBELL0SL
                """);
        named(AVA, "Ava Park", "America/Los_Angeles");
        named(BEN, "Ben Ortiz", "America/New_York");
        clock.advance(Duration.ofHours(10)); // 20:00 in Chicago: nobody's hours
        long id = receive(null);
        assertThat(assigneeOf(id)).isEqualTo(BEN);
        assertThat(noteOf(id)).isEqualTo("nobody is in working hours now; first to start, next in rotation; skipped "
                + "Ava Park: outside working hours (starts Wed 09:00 America/Los_Angeles)");
    }

    @Test
    void whenNobodyCanTakeALeadItGoesToTheFallbackUserWhoTakesNoTurn() {
        agree("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                fallback: U04MBELL0SL
                """);
        named(AVA, "Ava Park", "America/Chicago");
        named(BEN, "Ben Ortiz", "America/Chicago");
        named("U04MBELL0SL", "Marcus Bell", "America/Chicago");
        away.put(AVA, LocalDate.parse("2026-12-31"));
        away.put(BEN, LocalDate.parse("2026-12-08"));
        long id = receive(null);
        assertThat(assigneeOf(id)).isEqualTo("U04MBELL0SL");
        assertThat(noteOf(id)).isEqualTo("nobody in the pool can take it (Ava Park: away until Thu, Dec 31; "
                + "Ben Ortiz: away until Tue, Dec 8); it goes to the fallback, Marcus Bell");
        assertThat(owed(id)).contains("dm_assignee post:dm:U04MBELL0SL");

        // Ben is back the next day; he rejoins at the current turn and takes the next lead.
        clock.advance(Duration.ofDays(1));
        assertThat(assigneeOf(receive(null))).isEqualTo(BEN);
    }

    @Test
    void aLeadSentStraightToAnAwayRepIsRoutedOnWithANote() {
        agree("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                """);
        named(BEN, "Ben Ortiz", "America/Chicago");
        away.put(BEN, LocalDate.parse("2026-12-09"));
        long id = receive(BEN);
        assertThat(assigneeOf(id)).isEqualTo(AVA);
        assertThat(noteOf(id)).isEqualTo("sent to Ben Ortiz, who is away until Wed, Dec 9; next in rotation");
        assertThat(owed(id)).doesNotContain("dm_assignee post:dm:" + BEN).contains("dm_assignee post:dm:" + AVA);

        // A rep who can take it keeps it, whatever the rotation says.
        long straight = receive(AVA);
        assertThat(assigneeOf(straight)).isEqualTo(AVA);
        assertThat(noteOf(straight)).isNull();
    }

    @Test
    void aLeadSentStraightToAnAwayRepStaysWhenTheAgreementSaysSoAndTheEscalationTargetIsWarned() {
        agree("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                reassign_if_unavailable: false
                """);
        named(BEN, "Ben Ortiz", "America/Chicago");
        away.put(BEN, LocalDate.parse("2026-12-09"));
        long id = receive(BEN);
        assertThat(assigneeOf(id)).isEqualTo(BEN);
        assertThat(noteOf(id)).isEqualTo("sent to Ben Ortiz, who is away until Wed, Dec 9; kept with them");
        assertThat(owed(id)).contains("dm_assignee post:dm:" + BEN, "unavailable post:#sales-leads");
        String warning = jdbi.withHandle(h -> h.createQuery("SELECT detail FROM outbox WHERE kind = 'unavailable'")
                .mapTo(String.class).one());
        assertThat(warning).isEqualTo("This lead was sent to Ben Ortiz, who is away until Wed, Dec 9. It stays with "
                + "them because the agreement keeps such leads with the rep named (reassign_if_unavailable: false).");
    }

    @Test
    void theQueueShowsTheOrderOfTheNextLeadsAndWhoIsSkipped() {
        agree("""
                pool:
                  - U05SDRAVA01
                  - {user: U05SDRBEN02, weight: 2, cap: 2}
                  - U05SDRCHL03
                """);
        named(CHLOE, "Chloe Diaz", "America/Chicago");
        away.put(CHLOE, LocalDate.parse("2026-12-10"));
        // Ben (weight 2) takes the first lead; Ava is next, then Ben again; Chloe is away.
        assertThat(assigneeOf(receive(null))).isEqualTo(BEN);
        Router.Queue queue = jdbi.withHandle(h -> router.queue(h, "mql", clock.instant()));
        assertThat(queue.order()).extracting(rep -> rep.user()).containsExactly(AVA, BEN);
        assertThat(queue.skipped()).extracting(Skip::text).containsExactly("Chloe Diaz: away until Thu, Dec 10");
        assertThat(assigneeOf(receive(null))).isEqualTo(AVA);
        assertThat(assigneeOf(receive(null))).isEqualTo(BEN);
        // Ben now holds two open handoffs, his cap.
        queue = jdbi.withHandle(h -> router.queue(h, "mql", clock.instant()));
        assertThat(queue.order()).extracting(rep -> rep.user()).containsExactly(AVA);
        assertThat(queue.skipped()).extracting(Skip::text).containsExactly("U05SDRBEN02: at cap 2",
                "Chloe Diaz: away until Thu, Dec 10");
        assertThat(queue.open()).containsEntry(BEN, 2).containsEntry(AVA, 1);
    }

    @Test
    void aLeadReassignedByHandTakesItsTurnWithItAndARepOutsideThePoolTakesNone() {
        agree("""
                pool:
                  - U05SDRAVA01
                  - U05SDRBEN02
                  - U05SDRCHL03
                """);
        long avas = receive(null);
        assertThat(assigneeOf(avas)).isEqualTo(AVA);
        assertThat(assigneeOf(receive(null))).isEqualTo(BEN);
        assertThat(assigneeOf(receive(null))).isEqualTo(CHLOE);
        // A manager hands Ava's lead to Ben: Ava gets her turn back, Ben is charged the one he was handed.
        assertThat(handoffs.reassign(avas, DEV, BEN)).isInstanceOf(Outcome.Done.class);
        assertThat(assigneeOf(avas)).isEqualTo(BEN);
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            next.add(assigneeOf(receive(null)));
        }
        assertThat(next).containsExactly(AVA, CHLOE, AVA, BEN);
        // Seven leads: Ben holds three (one by hand), Ava and Chloe two each.
        assertThat(openPerRep()).containsEntry(AVA, 2).containsEntry(BEN, 3).containsEntry(CHLOE, 2);

        // Handed to Dev, who is not in the pool: Ben gets his turn back and the lead holds none of the pool's turns,
        // so taking it from Dev later gives nobody a turn.
        long bensStart = rotation().startOf(BEN);
        assertThat(handoffs.reassign(avas, AVA, DEV)).isInstanceOf(Outcome.Done.class);
        assertThat(rotation().startOf(BEN)).isEqualTo(bensStart - Rotation.SCALE);
        assertThat(rotation().turns()).doesNotContainKey(DEV);
        assertThat(poolOf(avas)).isNull();
    }

    @Test
    void aLeadTheEscalationTargetTakesGivesItsRepTheTurnBack() {
        agree("""
                pool:
                  - U05SDRAVA01
                  - U05SDRBEN02
                """);
        long avas = receive(null);
        assertThat(assigneeOf(avas)).isEqualTo(AVA);
        long avasStart = rotation().startOf(AVA);
        // Dev, the escalation target and not in the pool, takes Ava's lead himself.
        assertThat(handoffs.take(avas, DEV)).isInstanceOf(Outcome.Done.class);
        assertThat(rotation().startOf(AVA)).isEqualTo(avasStart - Rotation.SCALE);
        assertThat(rotation().turns()).doesNotContainKey(DEV);
        assertThat(poolOf(avas)).isNull();
    }

    /** The MQL stage's rotation as stored. */
    private Rotation rotation() {
        return jdbi.withHandle(h -> RotationStore.load(h, "mql"));
    }

    /** The pool whose turn the lead holds, as stored (null: none). */
    private String poolOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT route_pool FROM handoffs WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
    }

    @Test
    void aLeadNobodyTookInTimeIsNoLongerItsLastRepsLoad() {
        agree("""
                pool:
                  - U05SDRAVA01
                  - {user: U05SDRBEN02, weight: 2, cap: 2}
                """);
        long first = receive(BEN);
        long second = receive(BEN);
        Router.Queue queue = jdbi.withHandle(h -> router.queue(h, "mql", clock.instant()));
        assertThat(queue.skipped()).extracting(Skip::text).containsExactly("U05SDRBEN02: at cap 2");
        // As the clock leaves a lead after its last reassignment: back with marketing, its last rep still named; and
        // one marketing recycled from there (its status stays pending: sales never answered).
        jdbi.useHandle(h -> h.execute("UPDATE handoffs SET state = 'unclaimed' WHERE id = ?", first));
        jdbi.useHandle(h -> h.execute("UPDATE handoffs SET state = 'recycled' WHERE id = ?", second));
        assertThat(store.find(first).orElseThrow().status()).isEqualTo(HandoffStatus.PENDING);

        queue = jdbi.withHandle(h -> router.queue(h, "mql", clock.instant()));
        assertThat(queue.skipped()).isEmpty();
        assertThat(queue.open()).doesNotContainKey(BEN);
        assertThat(openPerRep()).doesNotContainKey(BEN);
    }
}
