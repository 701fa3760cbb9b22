package dev.handshake.faults;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the app answered the suite's clients: the other side of the invariants. Thread-safe. */
final class Ledger {

    /** Intake ids the app answered 2xx (202 created, or 200 duplicate). */
    final Set<String> intakesAnswered = ConcurrentHashMap.newKeySet();
    /** Intake ids sent without any answer (the app was killed mid-request); a real sender sends them again. */
    final Set<String> intakesUnanswered = ConcurrentHashMap.newKeySet();
    /** Handoff ids whose Accept click the app answered 200. */
    final Set<Long> clicksAnswered = ConcurrentHashMap.newKeySet();
    final AtomicLong intakeRequests = new AtomicLong();
    final AtomicLong clickRequests = new AtomicLong();
    final AtomicLong noAnswer = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    void answered(String id) {
        intakesAnswered.add(id);
        intakesUnanswered.remove(id);
    }
}
