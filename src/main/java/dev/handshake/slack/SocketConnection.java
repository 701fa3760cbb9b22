package dev.handshake.slack;

import java.net.URI;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One WebSocket connection of a {@link SocketModeLink}, on Java-WebSocket's client: it reports what happens to it to
 * the link, which decides everything. Java-WebSocket reads on its own thread per connection and pings the server,
 * closing the connection when no pong comes back in time.
 */
final class SocketConnection extends WebSocketClient {

    /** The TCP connect timeout; the link gives the whole opening (TLS, upgrade, Slack's hello) its own limit. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Seconds between pings, and without a pong before the connection counts as lost. */
    private static final int LOST_AFTER_SECONDS = 30;

    private final SocketModeLink link;
    private final int slot;
    private final long number;
    private volatile String announced;

    SocketConnection(URI uri, SocketModeLink link, int slot, long number) {
        super(uri, new Draft_6455(), Map.of(), CONNECT_TIMEOUT_MILLIS);
        this.link = link;
        this.slot = slot;
        this.number = number;
        setConnectionLostTimeout(LOST_AFTER_SECONDS);
        setDaemon(true);
        setTcpNoDelay(true);
    }

    /** Which of the link's connections this one is, or replaces. */
    int slot() {
        return slot;
    }

    /** A number for the log, counting every connection the link opened. */
    long number() {
        return number;
    }

    /** Slack announced it will close this connection, for this reason. */
    void announced(String reason) {
        announced = reason;
    }

    /** The reason Slack gave before closing this connection, or null when it gave none. */
    String announced() {
        return announced;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // Slack's hello, not the upgrade, says the connection is ready for envelopes.
    }

    @Override
    public void onMessage(String message) {
        link.received(this, message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        link.closed(this, code, reason, remote);
    }

    @Override
    public void onError(Exception error) {
        link.failed(this, error);
    }

    @Override
    public String toString() {
        return "Socket Mode connection " + number + " (slot " + slot + ")";
    }
}
