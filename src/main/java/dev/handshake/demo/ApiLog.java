package dev.handshake.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last Web API calls the app made to the stand-in, for the page's "Web API calls" panel. Thread-safe. */
final class ApiLog {

    static final int KEPT = 200;

    /** One call: what the app asked for, about which conversation, and Slack's answer ({@code error} when not ok). */
    record Call(long seq, Instant at, String method, String conversation, String error) {}

    private final Deque<Call> calls = new ArrayDeque<>();
    private long seq;

    synchronized void add(Instant at, String method, String conversation, String error) {
        calls.addLast(new Call(++seq, at, method, conversation, error));
        if (calls.size() > KEPT) {
            calls.removeFirst();
        }
    }

    synchronized List<Call> recent() {
        return List.copyOf(calls);
    }
}
