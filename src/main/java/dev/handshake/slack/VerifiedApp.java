package dev.handshake.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Bolt app for one workspace whose middleware chain is Bolt's default with two parts of ours in place of Bolt's:
 * request verification by {@link RequestSignature} (so no request reaches authorization or a listener unverified),
 * and authorization by {@link BotAuthorization}, which needs no answer from Slack to start or to serve a request.
 */
public final class VerifiedApp extends App {

    private final Middleware signatureCheck;
    private final Middleware authorization;

    public VerifiedApp(AppConfig config, RequestSignature signature, BotIdentity identity) {
        super(config);
        if (config.getSingleTeamBotToken() == null || config.isDistributedApp()) {
            throw new IllegalArgumentException("a VerifiedApp serves one workspace: set singleTeamBotToken");
        }
        this.signatureCheck = new SignatureMiddleware(Objects.requireNonNull(signature, "signature == null"));
        this.authorization = new BotAuthorization(config.getSingleTeamBotToken(),
                Objects.requireNonNull(identity, "identity == null"));
    }

    /** Bolt's default chain, in Bolt's order; Bolt's own would call {@code auth.test} and fail when Slack is away. */
    @Override
    protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
        List<Middleware> chain = new ArrayList<>();
        if (config.isSslCheckEnabled()) {
            chain.add(new SSLCheck(config.getVerificationToken()));
        }
        chain.add(signatureCheck);
        chain.add(authorization);
        if (config.isIgnoringSelfEventsEnabled()) {
            chain.add(new IgnoringSelfEvents(config.getSlack().getConfig(),
                    config.isIgnoringSelfAssistantMessageEventsEnabled()));
        }
        return chain;
    }
}
