package dev.handshake.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The app's acknowledgement of a Socket Mode envelope, seen as the answer an HTTP request would have got, so that a
 * test reads both transports alike: status 200 (Slack counts an acknowledgement as success, and a client call only
 * returns once one came), and as the body the acknowledgement's payload (a slash command's reply, a modal's errors),
 * empty when it had none. {@link Replay#of} delivers the envelope again.
 */
public final class SocketModeAck implements HttpResponse<String> {

    private final SocketModeServer server;
    private final String envelopeId;
    private final SocketModeServer.Ack ack;

    SocketModeAck(SocketModeServer server, String envelopeId, SocketModeServer.Ack ack) {
        this.server = Objects.requireNonNull(server, "server == null");
        this.envelopeId = Objects.requireNonNull(envelopeId, "envelopeId == null");
        this.ack = Objects.requireNonNull(ack, "ack == null");
    }

    public String envelopeId() {
        return envelopeId;
    }

    /** The connection the acknowledgement came on. */
    public long connection() {
        return ack.connection();
    }

    SocketModeServer server() {
        return server;
    }

    @Override
    public int statusCode() {
        return 200;
    }

    @Override
    public String body() {
        return ack.payload() == null ? "" : Json.write(ack.payload());
    }

    @Override
    public HttpHeaders headers() {
        return HttpHeaders.of(ack.payload() == null ? Map.of() : Map.of("Content-Type", List.of("application/json")),
                (name, value) -> true);
    }

    @Override
    public HttpRequest request() {
        throw new UnsupportedOperationException("an envelope is not an HTTP request; Replay.of delivers it again");
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return URI.create("socket-mode:" + envelopeId);
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    @Override
    public String toString() {
        return "acknowledgement of envelope " + envelopeId + " on connection " + ack.connection() + ": " + body();
    }
}
