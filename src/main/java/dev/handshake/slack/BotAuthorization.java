package dev.handshake.slack;

import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Bolt's single-workspace authorization without a Slack call in the request: puts the bot token on every request's
 * context, and the bot's identity too once {@link BotIdentity} knows it. Bolt's own {@code SingleTeamAuthorization}
 * needs {@code auth.test} to answer before the app may start, and inside a request's 3-second window after that.
 */
final class BotAuthorization implements Middleware {

    private final String botToken;
    private final BotIdentity identity;

    BotAuthorization(String botToken, BotIdentity identity) {
        this.botToken = Objects.requireNonNull(botToken, "botToken == null");
        this.identity = Objects.requireNonNull(identity, "identity == null");
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType()) || MiddlewareOps.isNoTokenRequiredRequest(req)) {
            return chain.next(req);
        }
        Context context = req.getContext();
        context.setBotToken(botToken);
        // Until Slack has answered, the workspace is the one the (signature-checked) request names.
        identity.known().ifPresent(auth -> {
            context.setAuthTestResponse(auth);
            context.setBotUserId(auth.getUserId());
            context.setTeamId(auth.getTeamId());
            context.setEnterpriseId(auth.getEnterpriseId());
            context.setBotScopes(scopes(auth));
        });
        return chain.next(req);
    }

    private static List<String> scopes(AuthTestResponse auth) {
        var headers = auth.getHttpResponseHeaders();
        List<String> values = headers == null ? null : headers.get("x-oauth-scopes");
        return values == null || values.isEmpty() ? null : Arrays.asList(values.get(0).split(","));
    }
}
