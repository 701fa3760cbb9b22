package dev.handshake.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a request that was already sent (for example by {@link SlackClient}) again, byte for byte: the same URI,
 * the same headers (so the same {@code X-Slack-Request-Timestamp} and {@code X-Slack-Signature}) and the same body,
 * read back from the request's body publisher. This is what a replay of a captured Slack request looks like. Over
 * Socket Mode, where nothing can be replayed from outside, it is Slack's redelivery of the envelope instead: the same
 * envelope id and payload, on the next connection. Thread-safe.
 */
public final class Replay {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Sends the request that produced {@code answer} once more and returns the new answer. */
    public HttpResponse<String> of(HttpResponse<?> answer) {
        return answer instanceof SocketModeAck ack ? again(ack) : of(answer, answer.request().uri());
    }

    /** The same, to another address (an app restarted on another port): only the URI differs. */
    public HttpResponse<String> of(HttpResponse<?> answer, URI uri) {
        if (answer instanceof SocketModeAck ack) {
            return again(ack);
        }
        HttpRequest original = answer.request();
        HttpRequest.Builder again = HttpRequest.newBuilder(uri)
                .timeout(original.timeout().orElse(Duration.ofSeconds(15)))
                .method(original.method(), HttpRequest.BodyPublishers.ofByteArray(body(original)));
        original.headers().map().forEach((name, values) -> values.forEach(value -> again.header(name, value)));
        try {
            return http.send(again.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("replaying " + original.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while replaying " + original.uri()));
        }
    }

    /** Delivers an acknowledged envelope again and waits for its next acknowledgement. */
    private static HttpResponse<String> again(SocketModeAck first) {
        SocketModeServer server = first.server();
        int before = server.acks(first.envelopeId()).size();
        server.redeliver(first.envelopeId());
        List<SocketModeServer.Ack> acks = server.awaitAcks(first.envelopeId(), before + 1, Duration.ofSeconds(15));
        return new SocketModeAck(server, first.envelopeId(), acks.get(before));
    }

    /** The body a request sent (empty when it had none). */
    public static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a request body", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the body of " + request.uri(), e);
        }
        return bytes.toByteArray();
    }
}
