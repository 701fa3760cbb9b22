package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A stand-in for Slack's Socket Mode server: a real WebSocket server (Jetty's, not the app's own WebSocket library) on
 * 127.0.0.1 that behaves as Slack documents. {@link FakeSlack}'s {@code apps.connections.open} hands out its URLs,
 * each good for one connection; every connection gets {@code hello}; each envelope goes to one open connection (round
 * robin) and must be acknowledged with its {@code envelope_id}; {@link #announceDisconnect} sends Slack's
 * {@code disconnect} message (no new envelopes go there, and the socket closes after a grace period),
 * {@link #drop} cuts a connection without any message. Delivery is at least once, as Slack's: an envelope not
 * acknowledged when its connection closes is delivered again, with the same envelope id, on an open connection
 * (events with {@code retry_attempt} counted up). Every acknowledgement is recorded, whichever connection brings it.
 * Thread-safe.
 */
public final class SocketModeServer implements AutoCloseable {

    /** An acknowledgement: the envelope it names, its payload (null when it has none), the connection it came on. */
    public record Ack(String envelopeId, JsonNode payload, long connection, Instant at) {}

    private final Clock clock;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "socket-mode-standin");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final Recording<Ack> acks = new Recording<>();
    private final Recording<String> strayMessages = new Recording<>();
    private final Recording<Long> hellos = new Recording<>();
    private final Recording<Long> closes = new Recording<>();

    // Guarded by this.
    private final Map<Long, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Sent> envelopes = new LinkedHashMap<>();
    private final List<String> waiting = new ArrayList<>();
    private long nextConnection;

    /** One WebSocket connection from the app (public: Jetty calls its methods through method handles). */
    public final class Connection implements Session.Listener.AutoDemanding {
        private final long number = connectionNumbers.incrementAndGet();
        private Session session;
        private boolean open;
        private boolean leaving;

        private Connection() {
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            synchronized (SocketModeServer.this) {
                session = opened;
                open = true;
                connections.put(number, this);
            }
            ObjectNode hello = Json.object().put("type", "hello").put("num_connections", openCount());
            hello.putObject("debug_info").put("host", "applink-standin").put("build_number", 1)
                    .put("approximate_connection_time", 18060);
            hello.putObject("connection_info").put("app_id", FakeSlack.APP_ID);
            // Counted before it is sent: the app may act on it (close an old connection) before send returns here.
            hellos.add(number);
            send(Json.write(hello));
            deliverWaiting();
        }

        @Override
        public void onWebSocketText(String text) {
            JsonNode message;
            try {
                message = Json.parse(text);
            } catch (IllegalArgumentException e) {
                strayMessages.add(text);
                return;
            }
            String envelopeId = message.path("envelope_id").asText("");
            boolean known;
            synchronized (SocketModeServer.this) {
                Sent sent = envelopes.get(envelopeId);
                known = sent != null;
                if (known) {
                    sent.acknowledged = true;
                }
            }
            if (!known) {
                strayMessages.add(text);
                return;
            }
            JsonNode payload = message.get("payload");
            acks.add(new Ack(envelopeId, payload == null || payload.isNull() ? null : payload, number,
                    clock.instant()));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            gone();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            gone();
        }

        private void gone() {
            List<String> again = new ArrayList<>();
            synchronized (SocketModeServer.this) {
                if (!open) {
                    return;
                }
                open = false;
                connections.remove(number);
                // What Slack sent here and never saw acknowledged, it delivers again elsewhere.
                envelopes.forEach((id, sent) -> {
                    if (sent.connection == number && !sent.acknowledged) {
                        again.add(id);
                    }
                });
            }
            closes.add(number);
            for (String id : again) {
                redeliver(id);
            }
        }

        /** Sends one text frame and waits for it to be written, so frames never overlap. */
        synchronized boolean send(String text) {
            Session current;
            synchronized (SocketModeServer.this) {
                current = open ? session : null;
            }
            if (current == null) {
                return false;
            }
            Callback.Completable written = new Callback.Completable();
            current.sendText(text, written);
            try {
                written.get(5, TimeUnit.SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
    }

    /** An envelope as last sent, and where. */
    private static final class Sent {
        final String type;
        final ObjectNode envelope;
        long connection;
        boolean acknowledged;
        int attempts;

        Sent(String type, ObjectNode envelope) {
            this.type = type;
            this.envelope = envelope;
        }
    }

    private SocketModeServer(Clock clock) throws Exception {
        this.clock = clock;
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("socket-mode-standin-http");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.addMapping("/link/", (request, response, callback) -> {
                Fields query = org.eclipse.jetty.server.Request.extractQueryParameters(request);
                String ticket = query.getValue("ticket");
                if (ticket == null || !tickets.remove(ticket)) {
                    // Slack's URLs are good for one connection only.
                    Response.writeError(request, response, callback, 401);
                    return null;
                }
                return new Connection();
            });
        }));
        server.setStopTimeout(1000);
        server.start();
    }

    /** Starts a stand-in on a free port. */
    public static SocketModeServer start(Clock clock) {
        Objects.requireNonNull(clock, "clock == null");
        try {
            return new SocketModeServer(clock);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Socket Mode stand-in", e);
        }
    }

    /** A new URL for one connection, as {@code apps.connections.open} answers. */
    public String newUrl() {
        String ticket = UUID.randomUUID().toString();
        tickets.add(ticket);
        return "ws://127.0.0.1:" + connector.getLocalPort() + "/link/?ticket=" + ticket;
    }

    // ---- sending

    /**
     * Sends an envelope of {@code type} ({@code slash_commands}, {@code interactive}, {@code events_api}) carrying
     * {@code payload} to one open connection, or to the next one to open; returns its envelope id.
     */
    public String send(String type, ObjectNode payload, boolean acceptsResponsePayload) {
        return send(type, payload, acceptsResponsePayload, null);
    }

    /** The same, for an event Slack is retrying ({@code retryAttempt} 1 to 3) under a new envelope. */
    public String send(String type, ObjectNode payload, boolean acceptsResponsePayload, Integer retryAttempt) {
        String id = UUID.randomUUID().toString();
        ObjectNode envelope = Json.object().put("envelope_id", id);
        envelope.set("payload", payload);
        envelope.put("type", type).put("accepts_response_payload", acceptsResponsePayload);
        if ("events_api".equals(type)) {
            envelope.put("retry_attempt", retryAttempt == null ? 0 : retryAttempt)
                    .put("retry_reason", retryAttempt == null ? "" : "timeout");
        }
        synchronized (this) {
            envelopes.put(id, new Sent(type, envelope));
        }
        deliver(id);
        return id;
    }

    /**
     * Sends an envelope again as Slack does when it saw no acknowledgement: the same envelope id and payload, with
     * {@code retry_attempt} counted up for an event, to an open connection (the next in turn).
     */
    public void redeliver(String envelopeId) {
        synchronized (this) {
            Sent sent = envelopes.get(envelopeId);
            if (sent == null) {
                throw new IllegalArgumentException("no envelope " + envelopeId);
            }
            if ("events_api".equals(sent.type)) {
                sent.envelope.put("retry_attempt", sent.attempts).put("retry_reason", "timeout");
            }
        }
        deliver(envelopeId);
    }

    private void deliver(String id) {
        while (true) {
            Connection target;
            String text;
            synchronized (this) {
                Sent sent = envelopes.get(id);
                target = nextOpen();
                if (target == null) {
                    waiting.add(id);
                    return;
                }
                sent.connection = target.number;
                sent.attempts++;
                text = Json.write(sent.envelope);
            }
            if (target.send(text)) {
                return;
            }
        }
    }

    private void deliverWaiting() {
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(waiting);
            waiting.clear();
        }
        ids.forEach(this::deliver);
    }

    /** The next connection in turn that is open and not announced to close; null when there is none. */
    private Connection nextOpen() {
        List<Connection> usable = connections.values().stream().filter(c -> c.open && !c.leaving).toList();
        if (usable.isEmpty()) {
            return null;
        }
        return usable.get((int) (nextConnection++ % usable.size()));
    }

    // ---- connections

    /**
     * Sends Slack's {@code disconnect} message with {@code reason} on a connection, sends it no new envelopes, and
     * closes it after {@code grace} (Slack's {@code warning} comes about ten seconds ahead).
     */
    public void announceDisconnect(long connection, String reason, Duration grace) {
        Connection target;
        synchronized (this) {
            target = connections.get(connection);
            if (target == null) {
                throw new IllegalArgumentException("connection " + connection + " is not open");
            }
            target.leaving = true;
        }
        ObjectNode message = Json.object().put("type", "disconnect").put("reason", reason);
        message.putObject("debug_info").put("host", "applink-standin");
        target.send(Json.write(message));
        timers.schedule(() -> close(target, 1001, "refreshing"), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cuts a connection at once, without a close handshake, as a network failure would. */
    public void drop(long connection) {
        Connection target;
        synchronized (this) {
            target = connections.get(connection);
        }
        if (target != null) {
            Session session;
            synchronized (this) {
                session = target.session;
            }
            session.disconnect();
            target.gone();
        }
    }

    private void close(Connection connection, int code, String reason) {
        Session session;
        synchronized (this) {
            session = connection.open ? connection.session : null;
        }
        if (session != null) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /** The numbers of the connections open now, in the order they opened. */
    public synchronized List<Long> openConnections() {
        return connections.values().stream().filter(c -> c.open).map(c -> c.number).toList();
    }

    private synchronized int openCount() {
        return (int) connections.values().stream().filter(c -> c.open).count();
    }

    /** Waits until {@code count} connections are open; returns their numbers. */
    public List<Long> awaitOpenConnections(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (openConnections().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " open Socket Mode connections within " + timeout
                        + " but " + openConnections().size() + " are open");
            }
            sleep(10);
        }
        return openConnections();
    }

    /** How many connections were opened in all (each got a hello). */
    public int helloCount() {
        return hellos.all().size();
    }

    /** Waits until {@code count} connections have closed in all. */
    public List<Long> awaitCloses(int count, Duration timeout) {
        return closes.await(number -> true, count, timeout, "closed Socket Mode connections");
    }

    // ---- acknowledgements

    /** Waits for the first acknowledgement of {@code envelopeId}. */
    public Ack awaitAck(String envelopeId, Duration timeout) {
        return acks.await(ack -> ack.envelopeId().equals(envelopeId), 1, timeout, "acknowledgements of " + envelopeId)
                .get(0);
    }

    /** Waits until {@code envelopeId} was acknowledged {@code count} times; returns every acknowledgement of it. */
    public List<Ack> awaitAcks(String envelopeId, int count, Duration timeout) {
        return acks.await(ack -> ack.envelopeId().equals(envelopeId), count, timeout,
                "acknowledgements of " + envelopeId);
    }

    public List<Ack> acks(String envelopeId) {
        return acks.matching(ack -> ack.envelopeId().equals(envelopeId));
    }

    /** Fails unless no acknowledgement of {@code envelopeId} has come by the end of {@code during}. */
    public void assertNoAck(String envelopeId, Duration during) {
        acks.assertCountStays(ack -> ack.envelopeId().equals(envelopeId), 0, during,
                "acknowledgements of " + envelopeId);
    }

    /** The ids of the envelopes sent and not acknowledged (yet). */
    public synchronized List<String> unacknowledged() {
        return envelopes.entrySet().stream().filter(e -> !e.getValue().acknowledged).map(Map.Entry::getKey).toList();
    }

    /** How many times an envelope was sent, redeliveries included. */
    public synchronized int attempts(String envelopeId) {
        Sent sent = envelopes.get(envelopeId);
        return sent == null ? 0 : sent.attempts;
    }

    /** Messages from the app that were not an acknowledgement of an envelope sent. */
    public List<String> strayMessages() {
        return strayMessages.all();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping a test server; nothing waits for it.
        }
    }
}
