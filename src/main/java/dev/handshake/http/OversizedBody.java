package dev.handshake.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a request whose declared body is over the server's limit with the JSON 413, after reading the body to its
 * end (up to {@link #READ_AT_MOST}) so that a client still sending it gets that answer rather than a reset
 * connection. Bodies without a declared length are bounded while they are read, by the handler this one wraps.
 */
final class OversizedBody extends Handler.Wrapper {

    /** Beyond this a declared body is refused unread: reading it would only cost bandwidth. */
    static final long READ_AT_MOST = 16L * 1024 * 1024;

    private final long limit;

    OversizedBody(long limit, Handler next) {
        super(next);
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        if (length <= limit) {
            return super.handle(request, response, callback);
        }
        if (length > READ_AT_MOST) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return true;
        }
        Content.Source.consumeAll(request, Callback.from(() -> {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
            JsonErrorHandler.writeJson(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
        }, callback::failed));
        return true;
    }
}
