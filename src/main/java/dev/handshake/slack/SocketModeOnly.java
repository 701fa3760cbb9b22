package dev.handshake.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware, in place of the signature check, for an app served over Socket Mode: Slack's requests come
 * through the app's own authenticated connection and carry no signature, so a request that did not come that way
 * cannot be verified and is refused (401).
 */
final class SocketModeOnly implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(SocketModeOnly.class);

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.isSocketMode()) {
            return chain.next(req);
        }
        log.info("Refused a Slack request ({}) that did not come over Socket Mode", req.getRequestType());
        return Response.json(401, "{\"error\":\"not a Socket Mode request\"}");
    }
}
