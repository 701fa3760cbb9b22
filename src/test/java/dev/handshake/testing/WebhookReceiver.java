package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A webhook receiver as a CRM integration would run one, on a real loopback HTTP server: it checks every request's
 * signature with the official Standard Webhooks library (the verifier receivers use, not the app's code), processes
 * each {@code webhook-id} once (a repeat is answered 200 and counted, as the spec asks of receivers), and answers
 * as scripted: 2xx, errors, {@code Retry-After}, delays. Every request is recorded. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A secret as Standard Webhooks writes them: {@code whsec_} and 32 random bytes in base64. */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwC2b3a1TkLZg=";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived: its headers, its body, and whether the library verified it (and why not). */
    public record Delivery(String id, String timestamp, String signature, String body, boolean verified,
            String verifyError, int answered) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The event kind, from the body's {@code type} ({@code handoff.accepted} → {@code accepted}). */
        public String kind() {
            return json().path("type").asText().replaceFirst("^handoff\\.", "");
        }

        public long handoffId() {
            return json().path("data").path("handoff").path("id").asLong();
        }
    }

    /** What to answer: a status, headers, and a delay before answering. */
    public record Answer(int status, Map<String, String> headers, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        public static Answer retryAfter(int status, int seconds) {
            return new Answer(status, Map.of("Retry-After", Integer.toString(seconds)), Duration.ZERO);
        }

        public static Answer slow(Duration delay) {
            return new Answer(200, Map.of(), delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Webhook verifier;
    private final boolean checkTimestamp;
    private final Recording<Delivery> deliveries = new Recording<>();
    private final Set<String> processedIds = new LinkedHashSet<>();
    private final List<Delivery> processed = new ArrayList<>();
    private final ConcurrentLinkedQueue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Function<Delivery, Answer>> answers =
            new AtomicReference<>(delivery -> Answer.status(200));
    private int duplicates;

    private WebhookReceiver(boolean checkTimestamp) throws IOException {
        this.checkTimestamp = checkTimestamp;
        this.verifier = new Webhook(SECRET);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver that also rejects timestamps more than five minutes from this machine's clock (the library's). */
    public static WebhookReceiver start() {
        return start(true);
    }

    /**
     * {@code checkTimestamp} false: for tests that move the app's clock minutes ahead, the signature is still
     * checked by the library ({@link Webhook#sign}), only not the timestamp's distance from this machine's clock.
     */
    public static WebhookReceiver start(boolean checkTimestamp) {
        try {
            return new WebhookReceiver(checkTimestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/handshake");
    }

    /** How every request is answered from now on (scripted answers go first). */
    public void answer(Function<Delivery, Answer> how) {
        answers.set(how);
    }

    /** Answers the next requests with these, in order, before going back to {@link #answer}. */
    public void script(Answer... next) {
        scripted.addAll(List.of(next));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String error = verify(exchange, body, id, timestamp, signature);
            Delivery received = new Delivery(id, timestamp, signature, body, error == null, error, 0);
            Answer answer = scripted.poll();
            if (answer == null) {
                answer = answers.get().apply(received);
            }
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            int status = error != null ? 401 : answer.status();
            if (status >= 200 && status < 300) {
                synchronized (this) {
                    if (processedIds.add(id)) {
                        processed.add(received);
                    } else {
                        duplicates++;
                    }
                }
            }
            deliveries.add(new Delivery(id, timestamp, signature, body, error == null, error, status));
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String verify(HttpExchange exchange, String body, String id, String timestamp, String signature) {
        try {
            if (checkTimestamp) {
                verifier.verify(body, Map.copyOf(exchange.getRequestHeaders()));
                return null;
            }
            if (id == null || timestamp == null || signature == null) {
                return "missing headers";
            }
            String expected = verifier.sign(id, Long.parseLong(timestamp), body);
            for (String offered : signature.split(" ")) {
                if (offered.equals(expected)) {
                    return null;
                }
            }
            return "no matching signature";
        } catch (com.standardwebhooks.exceptions.WebhookVerificationException | WebhookSigningException
                | NumberFormatException e) {
            return e.getMessage();
        }
    }

    /** Every request, in arrival order. */
    public List<Delivery> deliveries() {
        return deliveries.all();
    }

    /** Waits until {@code count} distinct webhook ids were processed; returns them in the order processed. */
    public List<Delivery> awaitProcessed(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                if (processed.size() >= count) {
                    return List.copyOf(processed);
                }
            }
            if (System.nanoTime() > deadline) {
                synchronized (this) {
                    throw new AssertionError("expected " + count + " webhooks processed within " + timeout + " but got "
                            + processed.size() + "; all requests: " + deliveries.all().size());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until at least {@code count} requests arrived (answered however). */
    public List<Delivery> awaitRequests(int count, Duration timeout) {
        return deliveries.await(d -> true, count, timeout, "webhook requests");
    }

    public synchronized List<Delivery> processed() {
        return List.copyOf(processed);
    }

    /** Requests for an id already processed: each was answered 200 and not processed again. */
    public synchronized int duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
