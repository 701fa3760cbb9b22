package dev.handshake.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bolt middleware that refuses any request whose Slack signature does not verify (401). */
final class SignatureMiddleware implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(SignatureMiddleware.class);

    private final RequestSignature signature;

    SignatureMiddleware(RequestSignature signature) {
        this.signature = Objects.requireNonNull(signature, "signature == null");
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (MiddlewareOps.isNoSlackSignatureRequest(req.getRequestType())) {
            return chain.next(req);
        }
        RequestSignature.Verdict verdict = signature.verify(
                req.getHeaders().getFirstValue(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP),
                req.getRequestBodyAsString(),
                req.getHeaders().getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE));
        if (verdict == RequestSignature.Verdict.VALID) {
            return chain.next(req);
        }
        log.info("Refused a Slack request ({}): {}", req.getRequestType(), verdict);
        return Response.json(401, "{\"error\":\"invalid request signature\"}");
    }
}
