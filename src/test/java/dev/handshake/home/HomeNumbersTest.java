package dev.handshake.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.clock.Quarter;
import dev.handshake.stats.CoreNumbers;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HomeNumbers}: Homes rendered together share a read, and none takes numbers read before it began. */
class HomeNumbersTest {

    private static final Period Q4 = Period.quarter(new Quarter(2026, 4));
    private static final Period Q1 = Period.quarter(new Quarter(2027, 1));

    /** What each read was asked for, and when it began (nanoTime). */
    private record Read(Period period, List<String> users, long began) {}

    private final List<Read> reads = new CopyOnWriteArrayList<>();
    /** The outbox's senders, as many as the renders of a test (the common pool may have one thread). */
    private final ExecutorService renderers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        renderers.shutdownNow();
    }

    /** A reader whose numbers say whose they are: each user's handoffs are the length of their id, the team's 100. */
    private Stats.TeamAndReps read(Period period, List<String> users) {
        reads.add(new Read(period, users, System.nanoTime()));
        Map<String, CoreNumbers> reps = new LinkedHashMap<>();
        users.forEach(user -> reps.put(user, numbers(user.length())));
        return new Stats.TeamAndReps(numbers(100), reps);
    }

    private static CoreNumbers numbers(long handoffs) {
        return new CoreNumbers(handoffs, 0, 0, 0, 0, Optional.empty());
    }

    @Test
    void homesRenderedTogetherShareOneReadAndEachGetsItsOwnNumbers() {
        HomeNumbers shared = new HomeNumbers(this::read, Duration.ofMillis(300));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Stats.TeamAndRep>> renders = new ArrayList<>();
        for (String user : List.of("U1", "U22", "U333")) {
            renders.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return shared.numbers(Q4, user);
            }, renderers));
        }
        go.countDown();

        List<Stats.TeamAndRep> got = renders.stream().map(CompletableFuture::join).toList();
        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.period()).isEqualTo(Q4);
            assertThat(read.users()).containsExactlyInAnyOrder("U1", "U22", "U333");
        });
        assertThat(got).extracting(numbers -> numbers.team().handoffs()).containsOnly(100L);
        assertThat(got).extracting(numbers -> numbers.rep().handoffs()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aRenderThatBeginsWhileAReadIsUnderWayWaitsForANewOne() throws Exception {
        CountDownLatch firstReadBegan = new CountDownLatch(1);
        CountDownLatch finishFirstRead = new CountDownLatch(1);
        HomeNumbers shared = new HomeNumbers((period, users) -> {
            Stats.TeamAndReps answer = read(period, users);
            if (reads.size() == 1) {
                firstReadBegan.countDown();
                await(finishFirstRead);
            }
            return answer;
        }, Duration.ofMillis(20));

        CompletableFuture<Stats.TeamAndRep> first = render(shared, Q4, "U1");
        assertThat(firstReadBegan.await(5, TimeUnit.SECONDS)).isTrue();
        long secondBegan = System.nanoTime();
        CompletableFuture<Stats.TeamAndRep> second = render(shared, Q4, "U1");
        Thread.sleep(100);
        finishFirstRead.countDown();

        first.join();
        second.join();
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1).began()).as("the second render's read began after it did").isGreaterThan(secondBegan);
    }

    @Test
    void rendersOfDifferentQuartersDoNotShare() {
        HomeNumbers shared = new HomeNumbers(this::read, Duration.ofMillis(200));
        CompletableFuture<Stats.TeamAndRep> december = render(shared, Q4, "U1");
        CompletableFuture<Stats.TeamAndRep> january = render(shared, Q1, "U1");

        december.join();
        january.join();
        assertThat(reads).extracting(Read::period).containsExactlyInAnyOrder(Q4, Q1);
    }

    @Test
    void aFailedReadFailsEveryRenderThatJoinedItAndTheNextRenderReadsAfresh() {
        List<String> asked = new CopyOnWriteArrayList<>();
        HomeNumbers shared = new HomeNumbers((period, users) -> {
            asked.addAll(users);
            if (asked.size() <= 2) {
                throw new IllegalStateException("the database is gone");
            }
            return read(period, users);
        }, Duration.ofMillis(300));
        CompletableFuture<Stats.TeamAndRep> one = render(shared, Q4, "U1");
        CompletableFuture<Stats.TeamAndRep> two = render(shared, Q4, "U22");

        assertThat(one).failsWithin(Duration.ofSeconds(5));
        assertThat(two).failsWithin(Duration.ofSeconds(5));
        assertThat(shared.numbers(Q4, "U22").rep().handoffs()).isEqualTo(3);
    }

    private CompletableFuture<Stats.TeamAndRep> render(HomeNumbers shared, Period period, String user) {
        return CompletableFuture.supplyAsync(() -> shared.numbers(period, user), renderers);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
