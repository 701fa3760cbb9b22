package dev.handshake.home;

import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The quarter's numbers for the App Homes being rendered: renders that begin within a short gathering window share
 * one read of the quarter. The team's numbers, its median above all (about half of a read), are the same for every
 * user, and one change (a decision) queues the Homes of two users at once: whoever decided and the assignee. A render
 * joins only a read that has not started yet, so every read sees each change committed before any of its renders
 * began: the numbers are as exact as a read of one's own.
 */
final class HomeNumbers {

    /** How long the first render of a read waits for others to join it. */
    static final Duration GATHER = Duration.ofMillis(25);
    /** The most users one read counts: each adds six columns to it. */
    static final int MOST_USERS = 16;

    /** Reads the team's numbers and those of each user given, for a period: {@link Stats#teamAndReps}. */
    @FunctionalInterface
    interface Reader {
        Stats.TeamAndReps read(Period period, List<String> userIds);
    }

    private final Reader reader;
    private final Duration gather;
    /** The read that renders may still join, if any. Guarded by {@code this}. */
    private Gathering open;

    HomeNumbers(Reader reader, Duration gather) {
        this.reader = Objects.requireNonNull(reader, "reader == null");
        this.gather = Objects.requireNonNull(gather, "gather == null");
    }

    /** The team's numbers for {@code period} and those of {@code userId}, from a read that begins after this call. */
    Stats.TeamAndRep numbers(Period period, String userId) {
        Objects.requireNonNull(userId, "userId == null");
        Gathering gathering;
        boolean first;
        synchronized (this) {
            first = open == null || !open.period.equals(period)
                    || open.users.size() >= MOST_USERS && !open.users.contains(userId);
            if (first) {
                open = new Gathering(period);
            }
            gathering = open;
            gathering.users.add(userId);
        }
        if (first) {
            read(gathering);
        }
        try {
            return gathering.read.join().forRep(userId);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void read(Gathering gathering) {
        try {
            Thread.sleep(gather.toMillis());
        } catch (InterruptedException e) {
            // Stopping: read at once with whoever joined.
            Thread.currentThread().interrupt();
        }
        List<String> users;
        synchronized (this) {
            if (open == gathering) {
                open = null;
            }
            users = List.copyOf(gathering.users);
        }
        try {
            gathering.read.complete(reader.read(gathering.period, users));
        } catch (RuntimeException e) {
            gathering.read.completeExceptionally(e);
        }
    }

    /** A read being gathered: its period, the users who joined it, and its result once read. */
    private static final class Gathering {
        final Period period;
        final LinkedHashSet<String> users = new LinkedHashSet<>();
        final CompletableFuture<Stats.TeamAndReps> read = new CompletableFuture<>();

        Gathering(Period period) {
            this.period = period;
        }
    }
}
