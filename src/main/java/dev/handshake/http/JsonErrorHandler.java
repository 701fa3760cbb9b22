package dev.handshake.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Replaces Jetty's HTML error pages with a small JSON body naming the status; never a stack trace. */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
        return writeJson(response, callback, code);
    }

    static boolean writeJson(Response response, Callback callback, int code) {
        String reason = code == HttpStatus.PAYLOAD_TOO_LARGE_413
                ? "request body too large"
                : HttpStatus.getMessage(code).toLowerCase(Locale.ROOT);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String body = "{\"error\":" + Json.quote(reason) + "}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /**
     * The same answers for errors Jetty gives before a request reaches the servlet context, such as a body over the
     * server's limit; the servlet error handler writes nothing there.
     */
    static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
            return writeJson(response, callback, code);
        }
    }
}
