package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.SlackCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the end-to-end tests look for among the calls the app made to the fake Slack, waiting for them to arrive. */
final class SlackCalls {

    private SlackCalls() {}

    /** The successful posts {@code which} picks, once there are at least {@code count} (fails after {@code wait}). */
    static List<SlackCall> posts(FakeSlack slack, Predicate<SlackCall> which, int count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<SlackCall> found = successful(slack, which);
        while (found.size() < count && System.nanoTime() < deadline) {
            sleep(25);
            found = successful(slack, which);
        }
        assertThat(found).as("posts so far: %s", slack.calls("chat.postMessage")).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    private static List<SlackCall> successful(FakeSlack slack, Predicate<SlackCall> which) {
        return slack.calls("chat.postMessage").stream().filter(SlackCall::succeeded).filter(which).toList();
    }

    /** The latest edit of the message with this ts that satisfies {@code which}, waiting for it. */
    static SlackCall edit(FakeSlack slack, String ts, Predicate<SlackCall> which, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<SlackCall> edits = slack.calls("chat.update").stream()
                    .filter(call -> ts.equals(call.param("ts"))).filter(which).toList();
            if (!edits.isEmpty()) {
                return edits.get(edits.size() - 1);
            }
            sleep(25);
        }
        throw new AssertionError("no edit of " + ts + " as expected; edits: " + slack.calls("chat.update"));
    }

    /** Calls to this conversation: a channel as the app named it, or a user (their direct messages). */
    static Predicate<SlackCall> to(String channelOrUser) {
        return call -> channelOrUser.equals(call.param("channel"));
    }

    /** Replies in the thread of {@code message}. */
    static Predicate<SlackCall> inThread(SlackCall message) {
        String ts = ts(message);
        return call -> ts.equals(call.param("thread_ts"));
    }

    /** The action ids of the buttons and menus of a call's blocks, in order. */
    static List<String> actionIds(SlackCall call) {
        List<String> ids = new ArrayList<>();
        call.json("blocks").findValues("action_id").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The ts Slack gave the message a call posted. */
    static String ts(SlackCall call) {
        return call.response().path("ts").asText();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
