package dev.handshake.faults;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the app answered the suite's clients, request by request: the other side of the invariants. Every write
 * sent (a handoff, a batch of stage events, a click) is an {@link Attempt} with when it was sent and when and how it
 * ended, so a kill can be matched with the writes it cut off. Thread-safe.
 */
final class Ledger {

    /** How a request ended. */
    enum Ending {
        /** An HTTP answer came back (any status). */
        ANSWERED,
        /** The connection was cut or timed out after the request was sent: the app may or may not have acted. */
        CUT,
        /** The app was not listening (between a kill and the restart): nothing reached it. */
        NOT_LISTENING
    }

    /** One request sent to the app. {@code status} is 0 unless it was answered. */
    record Attempt(String kind, String id, long sentNanos, long endedNanos, Ending ending, int status) {

        /** True when the request had reached the app at {@code nanos} and had not been answered yet. */
        boolean inFlightAt(long nanos) {
            return ending != Ending.NOT_LISTENING && sentNanos <= nanos && endedNanos > nanos;
        }
    }

    /** Intake ids the app answered 2xx (202 created, or 200 duplicate). */
    final Set<String> intakesAnswered = ConcurrentHashMap.newKeySet();
    /** Intake ids sent without a final answer (cut, 500, 503): a real sender sends them again, same id. */
    final Set<String> intakesUnanswered = ConcurrentHashMap.newKeySet();
    /** Stage-event lead ids (one event each, stage {@code mql}) the app answered 200. */
    final Set<String> stageEventsAnswered = ConcurrentHashMap.newKeySet();
    final Set<String> stageEventsUnanswered = ConcurrentHashMap.newKeySet();
    /** Handoff ids whose Accept click the app answered 200. */
    final Set<Long> clicksAnswered = ConcurrentHashMap.newKeySet();
    /** Every request sent, in the order they ended. */
    final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    /** Requests sent and not ended yet, by a token of their own, with their kind. */
    final Map<Long, String> inFlight = new ConcurrentHashMap<>();
    /** Broken promises seen at the moment of an answer (a 503 "nothing stored" whose row exists). */
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicLong intakeRequests = new AtomicLong();
    final AtomicLong stageRequests = new AtomicLong();
    final AtomicLong clickRequests = new AtomicLong();
    /** Requests cut off after they were sent (the app killed mid-request): they may or may not have acted. */
    final AtomicLong noAnswer = new AtomicLong();
    /** Requests the app was not there to take (refused connection while it restarted). */
    final AtomicLong notListening = new AtomicLong();
    /** 503 answers that said nothing was stored (checked: no row). */
    final AtomicLong refusedNothingStored = new AtomicLong();
    /** 500s and 503 "outcome unknown": either way, settled by the retry. */
    final AtomicLong outcomeUnknown = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    void answered(String id) {
        intakesAnswered.add(id);
        intakesUnanswered.remove(id);
    }

    /** Marks a request as sent; pass the token to {@link #ended}. */
    long sending(String kind) {
        long token = tokens.incrementAndGet();
        inFlight.put(token, kind);
        return token;
    }

    void ended(long token, String kind, String id, long sentNanos, Ending ending, int status) {
        inFlight.remove(token);
        attempts.add(new Attempt(kind, id, sentNanos, System.nanoTime(), ending, status));
    }

    /** The requests that were in flight at {@code nanos} and were cut off (ended without an answer). */
    List<Attempt> cutAt(long nanos) {
        return attempts.stream().filter(a -> a.ending() == Ending.CUT && a.inFlightAt(nanos)).toList();
    }
}
