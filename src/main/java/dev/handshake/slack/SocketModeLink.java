package dev.handshake.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.request.DisconnectMessage;
import com.slack.api.socket_mode.request.EventsApiEnvelope;
import com.slack.api.socket_mode.request.HelloMessage;
import com.slack.api.socket_mode.request.InteractiveEnvelope;
import com.slack.api.socket_mode.request.SlashCommandsEnvelope;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's Socket Mode link to Slack, used instead of {@code /slack/events} when an app-level token is set: keeps
 * {@code wanted} WebSocket connections open, each on its own URL from {@code apps.connections.open}; runs every
 * envelope through the Bolt app on the link's own threads and acknowledges it on the connection it came from (or, if
 * that one has closed meanwhile, on another: Slack matches an acknowledgement by envelope id); opens the replacement
 * of a connection Slack announces it will close ({@code disconnect}) before the old one goes, and reopens a lost one
 * at once and then with growing pauses. A refused app token, or Socket Mode turned off for the app, is reported to
 * {@link SlackStatus} with its fix and tried again every {@code probeInterval}. Thread-safe.
 */
public final class SocketModeLink implements AutoCloseable {

    /** What {@code /health} shows of the link. */
    public record Snapshot(String state, Instant since, int connections, int wanted, Integer slackCount,
            String lastDisconnectReason, Instant lastDisconnectAt, SlackStatus.Problem problem) {}

    static final String CONNECTING = "connecting";
    static final String CONNECTED = "connected";
    static final String RECONNECTING = "reconnecting";

    /** From asking for a URL to Slack's hello: past this the attempt is given up and another made. */
    static final Duration HELLO_WITHIN = Duration.ofSeconds(10);
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /** Without any open connection for this long, the health check shows a problem. */
    static final Duration STALLED_AFTER = Duration.ofSeconds(30);
    /** Acknowledgements held while no connection is open, and for how long they are still worth sending. */
    static final int MAX_HELD_ACKS = 1000;
    static final Duration HOLD_ACKS_FOR = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SocketModeLink.class);
    private static final Gson GSON = GsonFactory.createSnakeCase();
    /** {@code apps.connections.open} errors that mean the app-level token itself is not accepted. */
    private static final Set<String> TOKEN_ERRORS = Set.of("invalid_auth", "not_authed", "account_inactive",
            "token_revoked", "token_expired", "not_allowed_token_type", "missing_scope", "no_permission");
    static final String FIX_APP_TOKEN = "Check SLACK_APP_TOKEN: it must be an app-level token (xapp-) with the "
            + "connections:write scope, from the app's Basic Information, App-Level Tokens";
    static final String FIX_LINK_DISABLED = "Turn Socket Mode on in the app's settings (Settings, Socket Mode), or "
            + "unset SLACK_APP_TOKEN and set the request URLs to serve Slack over HTTP";
    static final String FIX_NOT_CONNECTED = "Handshake keeps reconnecting on its own; if this lasts, check that this "
            + "host can open outgoing HTTPS (port 443) connections to slack.com and wss-primary.slack.com";
    static final String FIX_TOO_MANY = "Slack allows an app 10 Socket Mode connections: other processes of this app "
            + "hold the rest; lower SLACK_SOCKET_CONNECTIONS or stop them";

    private final MethodsClient api;
    private final SocketModeEnvelopes envelopes;
    private final SlackStatus status;
    private final Clock clock;
    private final Duration probeInterval;
    private final Slot[] slots;
    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor handlers;

    // Guarded by this.
    private boolean closing;
    private long opened;
    private String state = CONNECTING;
    private Instant since;
    private Integer slackCount;
    private String lastDisconnectReason;
    private Instant lastDisconnectAt;
    private String refusal;
    private boolean failureLogged;
    private final Deque<HeldAck> held = new ArrayDeque<>();

    /** One of the connections the link keeps: the one in use, its replacement being opened, the one it replaces. */
    private static final class Slot {
        SocketConnection current;
        SocketConnection opening;
        SocketConnection retiring;
        int failures;
        boolean openScheduled;
        Instant heldUntil = Instant.MIN;
    }

    private record HeldAck(String text, Instant at) {}

    /**
     * A link for {@code app} over {@code wanted} connections (1 to 10), opened with {@code appToken} through
     * {@code slack}'s Web API; nothing happens until {@link #start()}. {@code threads} envelopes are handled at once.
     */
    public SocketModeLink(App app, Slack slack, String appToken, int wanted, SlackStatus status, Clock clock,
            Duration probeInterval, int threads) {
        Objects.requireNonNull(appToken, "appToken == null");
        if (wanted < 1 || wanted > 10) {
            throw new IllegalArgumentException("Slack allows 1 to 10 Socket Mode connections, not " + wanted);
        }
        this.api = Objects.requireNonNull(slack, "slack == null").methods(appToken);
        this.envelopes = new SocketModeEnvelopes(app);
        this.status = Objects.requireNonNull(status, "status == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval == null");
        this.since = clock.instant();
        this.slots = new Slot[wanted];
        for (int i = 0; i < wanted; i++) {
            slots[i] = new Slot();
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "socket-mode-link");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger count = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
                runnable -> new Thread(runnable, "socket-mode-envelope-" + count.incrementAndGet()));
        this.handlers.allowCoreThreadTimeOut(true);
    }

    /** Starts opening the connections; returns at once (the app serves its other endpoints meanwhile). */
    public void start() {
        for (int i = 0; i < slots.length; i++) {
            scheduleOpen(i, Duration.ZERO);
        }
    }

    public synchronized Snapshot snapshot() {
        int open = openCount();
        String shown = open > 0 ? CONNECTED : CONNECTED.equals(state) ? RECONNECTING : state;
        Instant now = clock.instant();
        SlackStatus.Problem problem = open == 0 && !since.plus(STALLED_AFTER).isAfter(now)
                ? new SlackStatus.Problem("socket_mode", "not_connected", FIX_NOT_CONNECTED, since)
                : null;
        return new Snapshot(shown, since, open, slots.length, slackCount, lastDisconnectReason, lastDisconnectAt,
                problem);
    }

    // ---- opening connections

    private void scheduleOpen(int index, Duration delay) {
        synchronized (this) {
            Slot slot = slots[index];
            if (closing || slot.openScheduled || slot.opening != null) {
                return;
            }
            slot.openScheduled = true;
        }
        try {
            scheduler.schedule(() -> open(index), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    private void open(int index) {
        synchronized (this) {
            slots[index].openScheduled = false;
            if (closing || slots[index].opening != null) {
                return;
            }
        }
        URI uri;
        try {
            AppsConnectionsOpenResponse answer = connectionUrl();
            if (!answer.isOk()) {
                refused(index, answer.getError());
                return;
            }
            uri = URI.create(answer.getUrl());
        } catch (SlackApiException e) {
            String retryAfter = e.getResponse().header("Retry-After");
            if (e.getResponse().code() == 429 && retryAfter != null && retryAfter.trim().matches("\\d{1,5}")) {
                log.warn("Slack rate-limited opening a Socket Mode connection; trying again in {} s",
                        retryAfter.trim());
                scheduleOpen(index, Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
            } else {
                logFailure("Slack answered " + e.getResponse().code() + " to opening a Socket Mode connection");
                retryLater(index);
            }
            return;
        } catch (IOException | RuntimeException e) {
            logFailure("Cannot reach Slack to open a Socket Mode connection: " + e.getMessage());
            retryLater(index);
            return;
        }
        SocketConnection connection;
        synchronized (this) {
            if (closing) {
                return;
            }
            connection = new SocketConnection(uri, this, index, ++opened);
            slots[index].opening = connection;
            // Started under the lock, so that close() never misses a connection about to open (connect() only
            // starts the connection's thread).
            connection.connect();
        }
        try {
            scheduler.schedule(() -> helloOverdue(connection), HELLO_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    /** The link's only Web API call: a new WebSocket URL for the app (the URL is a credential: never logged). */
    private AppsConnectionsOpenResponse connectionUrl() throws IOException, SlackApiException {
        return api.appsConnectionsOpen(request -> request);
    }

    private void refused(int index, String error) {
        String reason = error == null ? "unknown_error" : error;
        if (!TOKEN_ERRORS.contains(reason)) {
            logFailure("Slack did not open a Socket Mode connection (" + reason + ")");
            retryLater(index);
            return;
        }
        status.linkRefused("app_token", reason, FIX_APP_TOKEN);
        synchronized (this) {
            if (!reason.equals(refusal)) {
                log.error("Slack refused SLACK_APP_TOKEN ({}): nothing from Slack reaches the app. {}; trying again "
                        + "every {} s", reason, FIX_APP_TOKEN, probeInterval.toSeconds());
                refusal = reason;
            }
        }
        scheduleOpen(index, probeInterval);
    }

    /** Logs the first failure to open a connection since the last success; the retries after it go to debug. */
    private void logFailure(String what) {
        boolean first;
        synchronized (this) {
            first = !failureLogged;
            failureLogged = true;
        }
        if (first) {
            log.warn("{}; trying again after 1, 2, 4 … up to {} s until it works", what, MAX_PAUSE.toSeconds());
        } else {
            log.debug("{}", what);
        }
    }

    private void retryLater(int index) {
        Duration pause;
        synchronized (this) {
            Slot slot = slots[index];
            slot.failures++;
            pause = pause(slot);
        }
        scheduleOpen(index, pause);
    }

    /** Nothing for the first attempt after a loss, then 1, 2, 4 … up to 30 seconds, a little jittered. */
    private Duration pause(Slot slot) {
        long millis = slot.failures == 0 ? 0
                : Math.min(MAX_PAUSE.toMillis(), 1000L << Math.min(slot.failures - 1, 10));
        millis = Math.round(millis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        Instant now = clock.instant();
        long held = slot.heldUntil.isAfter(now) ? Duration.between(now, slot.heldUntil).toMillis() : 0;
        return Duration.ofMillis(Math.max(millis, held));
    }

    private void helloOverdue(SocketConnection connection) {
        synchronized (this) {
            Slot slot = slots[connection.slot()];
            if (slot.opening != connection) {
                return;
            }
            slot.opening = null;
            log.warn("{} got no hello from Slack within {} s; opening another", connection, HELLO_WITHIN.toSeconds());
        }
        connection.close();
        retryLater(connection.slot());
    }

    // ---- what a connection reports

    void received(SocketConnection connection, String text) {
        JsonObject message;
        try {
            JsonElement parsed = GSON.fromJson(text, JsonElement.class);
            message = parsed != null && parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            message = null;
        }
        JsonElement type = message == null ? null : message.get("type");
        if (type == null || !type.isJsonPrimitive()) {
            log.info("Ignored a Socket Mode message that is not one of Slack's");
            return;
        }
        switch (type.getAsString()) {
            case HelloMessage.TYPE -> helloed(connection, GSON.fromJson(message, HelloMessage.class));
            case DisconnectMessage.TYPE -> disconnectAnnounced(connection,
                    GSON.fromJson(message, DisconnectMessage.class).getReason());
            case EventsApiEnvelope.TYPE, InteractiveEnvelope.TYPE, SlashCommandsEnvelope.TYPE -> dispatch(connection,
                    text);
            default -> log.debug("Ignored a Socket Mode message of type {}", type.getAsString());
        }
    }

    private void dispatch(SocketConnection connection, String text) {
        try {
            handlers.execute(() -> envelopes.handle(text).ifPresent(ack -> acknowledge(connection, ack)));
        } catch (RejectedExecutionException e) {
            // Unacknowledged, so Slack delivers it again (to this process once it has room, or to another).
            log.warn("Left a Socket Mode envelope unacknowledged: the app is shutting down or overloaded");
        }
    }

    private void helloed(SocketConnection connection, HelloMessage hello) {
        SocketConnection replaced;
        List<HeldAck> waiting;
        int open;
        synchronized (this) {
            Slot slot = slots[connection.slot()];
            if (slot.opening != connection) {
                replaced = null;
                waiting = List.of();
                open = -1;
            } else {
                slot.opening = null;
                replaced = slot.current;
                slot.current = connection;
                if (replaced != null) {
                    slot.retiring = replaced;
                }
                slot.failures = 0;
                slackCount = hello.getNumConnections();
                refusal = null;
                failureLogged = false;
                open = openCount();
                if (!CONNECTED.equals(state)) {
                    state = CONNECTED;
                    since = clock.instant();
                }
                waiting = new ArrayList<>(held);
                held.clear();
            }
        }
        if (open < 0) {
            connection.close();
            return;
        }
        status.linkAccepted();
        log.info("{} is ready: {} of {} open (Slack counts {} for the app)", connection, open, slots.length,
                hello.getNumConnections());
        if (replaced != null) {
            replaced.close(1000, "replaced");
        }
        Instant now = clock.instant();
        for (HeldAck ack : waiting) {
            if (ack.at().plus(HOLD_ACKS_FOR).isAfter(now)) {
                acknowledge(connection, ack.text());
            }
        }
    }

    private void disconnectAnnounced(SocketConnection connection, String reason) {
        String why = reason == null || reason.isBlank() ? "unknown" : reason;
        boolean replace;
        synchronized (this) {
            lastDisconnectReason = why;
            lastDisconnectAt = clock.instant();
            connection.announced(why);
            Slot slot = slots[connection.slot()];
            replace = slot.current == connection && slot.opening == null;
            if ("link_disabled".equals(why) || "too_many_websockets".equals(why)) {
                // Reconnecting at once would be refused again: wait for the admin (or the other process).
                slot.heldUntil = clock.instant().plus(probeInterval);
                replace = false;
            }
        }
        switch (why) {
            case "link_disabled" -> {
                status.linkRefused("socket_mode", why, FIX_LINK_DISABLED);
                log.error("Slack closes {}: Socket Mode is turned off for the app. {}", connection, FIX_LINK_DISABLED);
            }
            case "too_many_websockets" -> log.warn("Slack closes {}: too many connections. {}", connection,
                    FIX_TOO_MANY);
            default -> log.info("Slack will close {} ({}){}", connection, why,
                    replace ? "; opening its replacement" : "");
        }
        if (replace) {
            scheduleOpen(connection.slot(), Duration.ZERO);
        }
    }

    void closed(SocketConnection connection, int code, String reason, boolean remote) {
        Duration pause = null;
        synchronized (this) {
            if (closing) {
                return;
            }
            Slot slot = slots[connection.slot()];
            if (slot.retiring == connection) {
                slot.retiring = null;
                log.debug("{} closed after its replacement opened", connection);
                return;
            }
            if (slot.opening == connection) {
                slot.opening = null;
                slot.failures++;
                pause = pause(slot);
                log.warn("Could not open {} ({}{}); trying again in {} ms", connection, code,
                        reason == null || reason.isBlank() ? "" : ": " + reason, pause.toMillis());
            } else if (slot.current == connection) {
                slot.current = null;
                if (connection.announced() == null) {
                    lastDisconnectReason = "closed without notice (" + code + ")";
                    lastDisconnectAt = clock.instant();
                }
                boolean replacing = slot.opening != null || slot.openScheduled;
                if (!replacing) {
                    pause = pause(slot);
                    slot.failures++;
                }
                if (openCount() == 0) {
                    state = RECONNECTING;
                    since = clock.instant();
                }
                log.info("{} closed ({}{}, by {}); {}", connection, code,
                        reason == null || reason.isBlank() ? "" : ": " + reason, remote ? "Slack" : "the app",
                        replacing ? "its replacement is opening" : "reopening in " + pause.toMillis() + " ms");
            }
        }
        if (pause != null) {
            scheduleOpen(connection.slot(), pause);
        }
    }

    void failed(SocketConnection connection, Exception error) {
        // Java-WebSocket reports the close that follows; this only says why.
        log.info("{}: {}", connection, error.getMessage());
    }

    // ---- acknowledgements

    /** Sends {@code ack} on the envelope's connection, else on any open one, else holds it until one opens. */
    private void acknowledge(SocketConnection arrivedOn, String ack) {
        if (send(arrivedOn, ack)) {
            return;
        }
        List<SocketConnection> open = new ArrayList<>();
        synchronized (this) {
            for (Slot slot : slots) {
                open.add(slot.current);
                open.add(slot.retiring);
            }
        }
        for (SocketConnection connection : open) {
            if (send(connection, ack)) {
                return;
            }
        }
        synchronized (this) {
            if (held.size() >= MAX_HELD_ACKS) {
                held.removeFirst();
            }
            held.addLast(new HeldAck(ack, clock.instant()));
        }
        log.info("No Socket Mode connection is open: holding an acknowledgement until one is");
    }

    private static boolean send(SocketConnection connection, String text) {
        if (connection == null || !connection.isOpen()) {
            return false;
        }
        try {
            connection.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    private int openCount() {
        int open = 0;
        for (Slot slot : slots) {
            if (slot.current != null && slot.current.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /**
     * Stops opening connections and taking envelopes, lets the envelopes being handled finish and be acknowledged
     * (up to 10 seconds), then closes every connection; an envelope that arrives meanwhile stays unacknowledged, so
     * Slack delivers it again elsewhere or later.
     */
    @Override
    public void close() {
        List<SocketConnection> all = new ArrayList<>();
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        scheduler.shutdownNow();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Slot slot : slots) {
                all.add(slot.current);
                all.add(slot.opening);
                all.add(slot.retiring);
            }
        }
        all.stream().filter(Objects::nonNull).forEach(connection -> connection.close(1000, "shutting down"));
    }
}
