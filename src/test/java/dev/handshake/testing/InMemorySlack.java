package dev.handshake.testing;

import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackWebApi;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link SlackWebApi} in memory, for fast unit tests: records every call, answers as Slack would (a post gets a
 * channel and a fresh {@code ts}), and fails on request the way {@code SlackApi} reports Slack's failures: a 429
 * with {@code Retry-After}, a transient error, a permanent one such as {@code channel_not_found}, a refused token.
 * The end-to-end tests use the HTTP {@link FakeSlack} instead. Thread-safe.
 */
public final class InMemorySlack implements SlackWebApi {

    /** One call as made: the method, where it went, its text and thread. */
    public record Call(String method, String channel, String text, String threadTs) {}

    private final List<Call> calls = new ArrayList<>();
    private final List<View> views = new ArrayList<>();
    private final Map<String, Deque<Function<String, SlackCallException>>> failures = new HashMap<>();
    private final Map<String, String> usersByEmail = new HashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000L);

    /** Slack's 429 with {@code Retry-After: seconds}. */
    public static Function<String, SlackCallException> rateLimited(int seconds) {
        return channel -> new SlackCallException("chat.postMessage", channel, SlackCallException.Kind.RATE_LIMITED,
                "ratelimited", Duration.ofSeconds(seconds), null);
    }

    /** A 5xx or a dropped connection. */
    public static Function<String, SlackCallException> serverError() {
        return channel -> new SlackCallException("chat.postMessage", channel, SlackCallException.Kind.TRANSIENT,
                "http_500", null, null);
    }

    /** An {@code ok:false} answer that no retry can change, such as {@code channel_not_found}. */
    public static Function<String, SlackCallException> permanent(String error) {
        return channel -> new SlackCallException("chat.postMessage", channel, SlackCallException.Kind.PERMANENT,
                error, null, null);
    }

    /** {@code invalid_auth}: Slack refuses the token. */
    public static Function<String, SlackCallException> invalidAuth() {
        return channel -> new SlackCallException("chat.postMessage", channel, SlackCallException.Kind.AUTH,
                "invalid_auth", null, null);
    }

    /** The next {@code times} calls of {@code method} fail with {@code failure}. */
    public synchronized InMemorySlack failNext(String method, int times, Function<String, SlackCallException> failure) {
        Deque<Function<String, SlackCallException>> queue = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(failure);
        }
        return this;
    }

    public synchronized InMemorySlack addUser(String email, String userId) {
        usersByEmail.put(email, userId);
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The views opened ({@code views.open}) and published ({@code views.publish}), in the order of the calls. */
    public synchronized List<View> views() {
        return List.copyOf(views);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private synchronized void call(String method, String channel, String text, String threadTs) {
        calls.add(new Call(method, channel, text, threadTs));
        Deque<Function<String, SlackCallException>> queue = failures.get(method);
        if (queue != null && !queue.isEmpty()) {
            throw queue.poll().apply(channel);
        }
    }

    @Override
    public AuthTestResponse authTest() {
        call("auth.test", null, null, null);
        AuthTestResponse response = new AuthTestResponse();
        response.setOk(true);
        response.setTeamId(FakeSlack.TEAM_ID);
        response.setUserId(FakeSlack.BOT_USER_ID);
        return response;
    }

    @Override
    public Posted postMessage(String channel, String text, List<LayoutBlock> blocks, String threadTs) {
        call("chat.postMessage", channel, text, threadTs);
        return new Posted(channel.startsWith("#") ? "C" + Integer.toHexString(channel.hashCode()).toUpperCase()
                : channel, nextTs());
    }

    @Override
    public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call("chat.update", channel, text, ts);
    }

    @Override
    public void postEphemeral(String channel, String user, String text, List<LayoutBlock> blocks) {
        call("chat.postEphemeral", channel, text, null);
    }

    @Override
    public void respond(String responseUrl, String text) {
        call("response_url", responseUrl, text, null);
    }

    @Override
    public synchronized void openView(String triggerId, View view) {
        call("views.open", null, null, null);
        views.add(view);
    }

    @Override
    public synchronized void publishHome(String userId, View view) {
        call("views.publish", userId, null, null);
        views.add(view);
    }

    @Override
    public void uploadFile(String channelId, String threadTs, String filename, String title, byte[] content,
            String comment) {
        call("files.uploadV2", channelId, comment, threadTs);
    }

    @Override
    public String openDirectMessage(String userId) {
        call("conversations.open", userId, null, null);
        return "D" + userId;
    }

    @Override
    public synchronized Optional<String> userIdByEmail(String email) {
        call("users.lookupByEmail", null, email, null);
        return Optional.ofNullable(usersByEmail.get(email));
    }

    @Override
    public synchronized Optional<Person> person(String userId) {
        call("users.info", null, userId, null);
        return usersByEmail.entrySet().stream().filter(e -> e.getValue().equals(userId)).findFirst()
                .map(e -> new Person(userId, userId, e.getKey()));
    }

    @Override
    public synchronized Optional<SlackUser> userByEmail(String email) {
        call("users.lookupByEmail", null, email, null);
        return Optional.ofNullable(usersByEmail.get(email))
                .map(id -> new SlackUser(id, id.toLowerCase(java.util.Locale.ROOT), "America/New_York", email, false));
    }

    @Override
    public Optional<SlackUser> userInfo(String userId) {
        call("users.info", userId, null, null);
        return Optional.of(new SlackUser(userId, userId.toLowerCase(java.util.Locale.ROOT), "America/New_York", null,
                false));
    }

    @Override
    public String permalink(String channel, String ts) {
        call("chat.getPermalink", channel, null, ts);
        return "https://" + FakeSlack.TEAM_DOMAIN + ".slack.com/archives/" + channel + "/p" + ts.replace(".", "");
    }

    private String nextTs() {
        long micros = ts.incrementAndGet();
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }
}
