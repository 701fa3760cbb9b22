package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake Slack Web API: a real HTTP server on 127.0.0.1 that answers the methods the app uses the way Slack does,
 * enforces Block Kit limits, records every call, serves {@code response_url}s and upload URLs, and misbehaves on
 * request (see {@link Fault}). Point the SDK at {@link #apiUrl()} with {@code SlackConfig.setMethodsEndpointUrlPrefix}.
 *
 * <p>Thread-safe. Delayed answers are sent from a scheduler and hanging requests are parked, so neither ties up a
 * request thread, and {@link #close()} drops them at once.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String TEAM_ID = "T0TEST0001";
    public static final String TEAM_NAME = "Handshake Test";
    public static final String TEAM_DOMAIN = "handshake-test";
    public static final String BOT_USER_ID = "U0BOT00001";
    public static final String BOT_ID = "B0BOT00001";
    public static final String BOT_NAME = "handshake";
    public static final String APP_ID = "A0APP00001";

    private static final int REQUEST_THREADS = 16;

    private HttpServer server; // guarded by this; replaced by comeBack()
    private final int port;
    private final ExecutorService requestThreads;
    private final ScheduledExecutorService lateAnswers;
    private final Clock clock;
    private final String baseUrl;
    private final FakeSlackMethods methods;
    private final FaultScript faults = new FaultScript();
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final Recording<SlackCall> calls = new Recording<>();
    private final List<String> contractViolations = new CopyOnWriteArrayList<>();
    private static final Set<String> CONTRACT_ERRORS = Set.of("unknown_method", "missing_scope");
    private final Recording<ResponseUrlPost> responseUrlPosts = new Recording<>();
    private final Recording<FileUpload> uploads = new Recording<>();
    private final Set<HttpExchange> hanging = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<SocketModeServer> socketMode = new AtomicReference<>();
    private volatile String appToken;
    /** Requests received and not yet recorded and answered (or parked). */
    private final AtomicInteger handling = new AtomicInteger();
    private final AtomicReference<Duration> postingLimit = new AtomicReference<>(Duration.ZERO);
    private final Map<String, Instant> lastPostAt = new ConcurrentHashMap<>();

    private FakeSlack(Clock clock) throws IOException {
        this.clock = clock;
        this.requestThreads = Executors.newFixedThreadPool(REQUEST_THREADS, daemonThreads("fake-slack-http-"));
        this.lateAnswers = Executors.newScheduledThreadPool(2, daemonThreads("fake-slack-late-"));
        this.server = listen(0);
        this.port = server.getAddress().getPort();
        this.baseUrl = "http://127.0.0.1:" + port + "/";
        this.methods = new FakeSlackMethods(baseUrl, clock);
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
        // Counted from the moment the server hands a request over, so awaitRecorded also waits for queued ones.
        listening.setExecutor(task -> {
            handling.incrementAndGet();
            try {
                requestThreads.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        handling.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                handling.decrementAndGet();
                throw e;
            }
        });
        listening.createContext("/", this::handle);
        listening.start();
        return listening;
    }

    /** Starts a server on a free port, timing calls with the system clock. */
    public static FakeSlack start() {
        return start(Clock.systemUTC());
    }

    /** Starts a server on a free port; {@code clock} stamps each recorded call. */
    public static FakeSlack start(Clock clock) {
        Objects.requireNonNull(clock, "clock == null");
        try {
            return new FakeSlack(clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fake Slack", e);
        }
    }

    /** Stops at once: hanging and delayed requests lose their connection. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lateAnswers.shutdownNow();
        SocketModeServer standIn = socketMode.getAndSet(null);
        if (standIn != null) {
            standIn.close();
        }
        dropHanging();
        synchronized (this) {
            if (server != null) {
                server.stop(0);
            }
        }
        requestThreads.shutdownNow();
    }

    /**
     * Stops listening, as Slack unreachable: new connections are refused, hanging requests lose their connection.
     * Nothing is recorded while down (no request arrives). {@link #comeBack()} listens again on the same port.
     */
    public synchronized void goDown() {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        if (server == null) {
            return;
        }
        server.stop(0);
        server = null;
        dropHanging();
    }

    /** Listens again on the same port after {@link #goDown()}; recorded calls, faults and users are kept. */
    public synchronized void comeBack() {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                server = listen(port);
                return;
            } catch (IOException e) {
                // The port can take a moment to be free again after the stop.
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("cannot listen on port " + port + " again", e);
                }
                sleepBriefly();
            }
        }
    }

    /** Whether the server is listening (false between {@link #goDown()} and {@link #comeBack()}, and once closed). */
    public synchronized boolean isUp() {
        return server != null && !closed.get();
    }

    private void dropHanging() {
        hanging.forEach(FakeSlack::closeQuietly);
        hanging.clear();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/api/}, with the trailing slash the SDK expects. */
    public String apiUrl() {
        return baseUrl + "api/";
    }

    /** {@code http://127.0.0.1:<port>/hooks/<id>}, to use as a slash command's or interaction's response_url. */
    public String responseUrl(String id) {
        Objects.requireNonNull(id, "id == null");
        return baseUrl + "hooks/" + id;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create(baseUrl);
    }

    // ---- Socket Mode

    /**
     * Starts the stand-in for Slack's Socket Mode server: from now on {@code apps.connections.open} called with
     * {@code appLevelToken} answers with one of its URLs (with another token: Slack's errors).
     */
    public SocketModeServer startSocketMode(String appLevelToken) {
        Objects.requireNonNull(appLevelToken, "appLevelToken == null");
        SocketModeServer standIn = SocketModeServer.start(clock);
        if (!socketMode.compareAndSet(null, standIn)) {
            standIn.close();
            throw new IllegalStateException("the Socket Mode stand-in is already started");
        }
        appToken = appLevelToken;
        return standIn;
    }

    /** The Socket Mode stand-in; fails when it was not started. */
    public SocketModeServer socketMode() {
        SocketModeServer standIn = socketMode.get();
        if (standIn == null) {
            throw new IllegalStateException("the Socket Mode stand-in is not started");
        }
        return standIn;
    }

    /** {@code apps.connections.open}: only an app-level token opens a connection, and only the app's. */
    private ApiReply connectionsOpen(String token) {
        SocketModeServer standIn = socketMode.get();
        if (token == null || token.isBlank()) {
            return ApiReply.error("not_authed");
        }
        if (!token.startsWith("xapp-")) {
            return ApiReply.error("not_allowed_token_type");
        }
        if (standIn == null || !token.equals(appToken)) {
            return ApiReply.error("invalid_auth");
        }
        return ApiReply.ok(Json.object().put("url", standIn.newUrl()));
    }

    // ---- recorded calls

    /** Every Web API call so far (since the last {@link #reset()}), faulted ones included, in arrival order. */
    /**
     * Calls the app made that a Slack app installed from {@code manifest.yml} could not make: a method the fake does
     * not know ({@code unknown_method}) or one whose scope the manifest does not request ({@code missing_scope}).
     * Faults a test injected do not count.
     */
    public List<String> contractViolations() {
        return List.copyOf(contractViolations);
    }

    public List<SlackCall> calls() {
        return calls.all();
    }

    public List<SlackCall> calls(String method) {
        return calls.matching(call -> call.method().equals(method));
    }

    /** Waits for the first call of {@code method} (it may already have happened). */
    public SlackCall awaitCall(String method, Duration timeout) {
        return awaitCalls(method, 1, timeout).get(0);
    }

    /** Waits until at least {@code count} calls of {@code method} arrived; returns all of them so far. */
    public List<SlackCall> awaitCalls(String method, int count, Duration timeout) {
        return calls.await(call -> call.method().equals(method), count, timeout, "calls to " + method);
    }

    /** Fails unless no call of {@code method} has arrived by the end of {@code during} (earlier ones count too). */
    public void assertNoCall(String method, Duration during) {
        assertCallCount(method, 0, during);
    }

    /** Fails as soon as more than {@code expected} calls of {@code method} arrive, or at the end if fewer did. */
    public void assertCallCount(String method, int expected, Duration during) {
        calls.assertCountStays(call -> call.method().equals(method), expected, during, "calls to " + method);
    }

    public List<ResponseUrlPost> responseUrlPosts() {
        return responseUrlPosts.all();
    }

    public List<ResponseUrlPost> responseUrlPosts(String id) {
        return responseUrlPosts.matching(post -> post.id().equals(id));
    }

    public ResponseUrlPost awaitResponseUrlPost(String id, Duration timeout) {
        return responseUrlPosts.await(post -> post.id().equals(id), 1, timeout, "posts to response_url " + id).get(0);
    }

    public List<ResponseUrlPost> awaitResponseUrlPosts(int count, Duration timeout) {
        return responseUrlPosts.await(post -> true, count, timeout, "posts to response_urls");
    }

    public List<FileUpload> uploads() {
        return uploads.all();
    }

    public List<FileUpload> awaitUploads(int count, Duration timeout) {
        return uploads.await(upload -> true, count, timeout, "file uploads");
    }

    // ---- scripted behaviour

    /** Makes the next {@code times} calls of {@code method} (or of every method, with {@code "*"}) fail. */
    public void failNext(String method, int times, Fault fault) {
        faults.failNext(method, times, fault);
    }

    /** Makes every call of {@code method} (or of every method, with {@code "*"}) fail until {@link #clearFaults()}. */
    public void failAlways(String method, Fault fault) {
        faults.failAlways(method, fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Delays every Web API answer by this much, on top of any {@link Fault#delay}. */
    public void setLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency == null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + latency);
        }
        this.latency.set(latency);
    }

    /** A member that {@code users.lookupByEmail} finds; name and real name come from the email's local part. */
    public void addUser(String email, String userId) {
        String name = localPart(email, userId);
        addUser(email, userId, Character.toUpperCase(name.charAt(0)) + name.substring(1), "America/New_York");
    }

    /** A member with a given real name and IANA time zone (e.g. {@code Europe/Berlin}). */
    public void addUser(String email, String userId, String realName, String tz) {
        methods.addUser(new FakeUser(userId, email, localPart(email, userId), realName, tz));
    }

    private static String localPart(String email, String userId) {
        Objects.requireNonNull(email, "email == null");
        Objects.requireNonNull(userId, "userId == null");
        int at = email.indexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        return local.isEmpty() ? userId.toLowerCase(Locale.ROOT) : local;
    }

    /** Adds members to a channel ({@code #name} or id), as {@code conversations.members} then lists them. */
    public void addChannelMembers(String nameOrId, String... userIds) {
        methods.addChannelMembers(nameOrId, List.of(userIds));
    }

    /** Defines a user group (its id {@code S…}, handle and members), as the usergroups methods then show it. */
    public void addUserGroup(String groupId, String handle, String... userIds) {
        methods.addUserGroup(groupId, handle, handle.replace('-', ' '), List.of(userIds));
    }

    /** Deactivates a member: {@code users.info} then says {@code deleted: true}. */
    public void deactivate(String userId) {
        methods.deactivate(userId);
    }

    /**
     * The {@code user_change} event Slack sends about a member now, with the same user object {@code users.info}
     * answers (e.g. {@code deleted: true} after {@link #deactivate}), ready for {@code SlackClient.event}.
     */
    public String userChangeEvent(String userId) {
        ObjectNode event = Json.object().put("type", "user_change");
        event.set("user", methods.userJson(userId));
        event.put("cache_ts", clock.instant().getEpochSecond()).put("event_ts", clock.instant().getEpochSecond()
                + ".000100");
        return Json.write(event);
    }

    /**
     * Enforces Slack's posting limit: a {@code chat.postMessage} to a conversation (a channel, or a user's direct
     * messages) less than {@code interval} after the last one it accepted there is answered HTTP 429 with
     * {@code Retry-After}, as Slack does past about one message a second per channel. {@link Duration#ZERO} turns
     * it off.
     */
    public void enforcePostingLimit(Duration interval) {
        Objects.requireNonNull(interval, "interval == null");
        postingLimit.set(interval);
        lastPostAt.clear();
    }

    /**
     * The calls of {@code method} in {@code channel}: named as the app named it ({@code #name}, an id, a user id) or
     * by the id the fake gave it (as edits name it).
     */
    public List<SlackCall> calls(String method, String channel) {
        return calls.matching(inChannel(method, channel));
    }

    /** Waits until at least {@code count} calls of {@code method} in {@code channel} arrived; returns them all. */
    public List<SlackCall> awaitCalls(String method, String channel, int count, Duration timeout) {
        return calls.await(inChannel(method, channel), count, timeout, "calls to " + method + " in " + channel);
    }

    /** Fails as soon as more than {@code expected} calls of {@code method} in {@code channel} arrive, or fewer did. */
    public void assertCallCount(String method, String channel, int expected, Duration during) {
        calls.assertCountStays(inChannel(method, channel), expected, during, "calls to " + method + " in " + channel);
    }

    private java.util.function.Predicate<SlackCall> inChannel(String method, String channel) {
        String id = methods.channelFor(channel);
        return call -> call.method().equals(method)
                && (channel.equals(call.param("channel")) || id.equals(call.param("channel")));
    }

    /** The {@code chat.postMessage} calls to {@code channel} (as the app named it: {@code #name}, an id, a user id). */
    public List<SlackCall> posts(String channel) {
        return calls.matching(call -> call.method().equals("chat.postMessage") && channel.equals(call.param("channel")));
    }

    /** Waits until at least {@code count} posts to {@code channel} arrived; returns all of them so far. */
    public List<SlackCall> awaitPosts(String channel, int count, Duration timeout) {
        return calls.await(call -> call.method().equals("chat.postMessage") && channel.equals(call.param("channel")),
                count, timeout, "posts to " + channel);
    }

    /** Fails as soon as more than {@code expected} posts to {@code channel} arrive, or at the end if fewer did. */
    public void assertPostCount(String channel, int expected, Duration during) {
        calls.assertCountStays(call -> call.method().equals("chat.postMessage")
                && channel.equals(call.param("channel")), expected, during, "posts to " + channel);
    }

    /** The conversation id the fake uses for {@code #name} (or {@code name}); ids are returned unchanged. */
    public String channelFor(String nameOrId) {
        return methods.channelFor(nameOrId);
    }

    /** Forgets recorded calls, posts and uploads, faults and latency; users and channel ids stay. */
    public void reset() {
        faults.clear();
        latency.set(Duration.ZERO);
        calls.clear();
        responseUrlPosts.clear();
        uploads.clear();
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) {
        Instant at = clock.instant();
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/api/")) {
                handleApi(exchange, path.substring("/api/".length()), new String(body, StandardCharsets.UTF_8), at);
            } else if (path.startsWith("/hooks/")) {
                responseUrlPosts.add(new ResponseUrlPost(path.substring("/hooks/".length()),
                        new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Content-Type"), at));
                send(exchange, 200, ApiReply.JSON, "{\"ok\":true}", Map.of());
            } else if (path.startsWith("/upload/")) {
                uploads.add(new FileUpload(path.substring("/upload/".length()), body, at));
                send(exchange, 200, "text/plain; charset=utf-8", "OK - " + body.length, Map.of());
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "fake slack: no such path " + path, Map.of());
            }
        } catch (IOException e) {
            closeQuietly(exchange);
        }
    }

    /**
     * Waits until every request that reached the fake has been recorded (a delayed or hanging answer counts as
     * recorded), e.g. after killing a client, before reading what Slack did; false if that took longer than
     * {@code timeout}.
     */
    public boolean awaitRecorded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handling.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private void handleApi(HttpExchange exchange, String method, String rawBody, Instant at) {
        Map<String, String> params = params(exchange, rawBody);
        Fault fault = faults.take(method).orElse(null);
        String token = token(exchange, params);
        String lostAnswer = null;
        ApiReply reply;
        if (fault instanceof Fault.AnswerLost lost) {
            lostAnswer = answer(method, params).body(); // done in Slack; the caller gets the fault instead
            reply = ApiReply.forFault(lost.lostWith());
        } else if (fault != null && !(fault instanceof Fault.Delay)) {
            reply = ApiReply.forFault(fault);
        } else if ("apps.connections.open".equals(method)) {
            reply = connectionsOpen(token);
        } else if (overPostingLimit(method, params, at)) {
            reply = ApiReply.forFault(Fault.rateLimited(1));
        } else {
            reply = answer(method, params);
        }
        calls.add(new SlackCall(method, params, rawBody, token, at, reply.status(),
                reply.answeredWith(), reply.body(), reply.headers(), lostAnswer));
        if (fault == null && CONTRACT_ERRORS.contains(reply.answeredWith())) {
            contractViolations.add(method + " -> " + reply.body());
        }
        if (reply.hangs()) {
            hanging.add(exchange);
            if (closed.get() && hanging.remove(exchange)) {
                closeQuietly(exchange);
            }
            return;
        }
        Duration wait = latency.get().plus(fault instanceof Fault.Delay d ? d.delay() : Duration.ZERO);
        if (wait.isZero()) {
            send(exchange, reply);
            return;
        }
        try {
            lateAnswers.schedule(() -> send(exchange, reply), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closeQuietly(exchange);
        }
    }

    /** Whether this post comes too soon after the last one accepted in its conversation; if not, it is the last. */
    private boolean overPostingLimit(String method, Map<String, String> params, Instant at) {
        Duration interval = postingLimit.get();
        String channel = params.get("channel");
        if (interval.isZero() || !"chat.postMessage".equals(method) || channel == null) {
            return false;
        }
        boolean[] refused = new boolean[1];
        lastPostAt.compute(channel, (key, last) -> {
            if (last != null && at.isBefore(last.plus(interval))) {
                refused[0] = true;
                return last;
            }
            return at;
        });
        return refused[0];
    }

    private ApiReply answer(String method, Map<String, String> params) {
        try {
            return methods.answer(method, params);
        } catch (RuntimeException e) {
            // Malformed input the fake could not read; real Slack answers such requests with invalid_arguments too.
            return ApiReply.error("invalid_arguments", List.of("[ERROR] " + e.getMessage()));
        }
    }

    private static Map<String, String> params(HttpExchange exchange, String rawBody) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(FormCodec.decode(query));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            params.putAll(jsonFields(rawBody));
        } else {
            params.putAll(FormCodec.decode(rawBody));
        }
        return params;
    }

    private static Map<String, String> jsonFields(String rawBody) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (rawBody.isBlank()) {
            return fields;
        }
        JsonNode json;
        try {
            json = Json.parse(rawBody);
        } catch (IllegalArgumentException e) {
            return fields;
        }
        json.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                fields.put(field.getKey(), value.isTextual() ? value.asText() : Json.write(value));
            }
        });
        return fields;
    }

    private static String token(HttpExchange exchange, Map<String, String> params) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length());
        }
        return params.get("token");
    }

    private static void send(HttpExchange exchange, ApiReply reply) {
        send(exchange, reply.status(), reply.contentType(), reply.body(), reply.headers());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
            Map<String, String> headers) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            // The client gave up or the server is closing; nothing is waiting for this answer any more.
        } finally {
            closeQuietly(exchange);
        }
    }

    private static void closeQuietly(HttpExchange exchange) {
        try {
            exchange.close();
        } catch (RuntimeException e) {
            // Already closed by the server's shutdown.
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
