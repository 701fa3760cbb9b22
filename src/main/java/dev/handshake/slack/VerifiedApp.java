package dev.handshake.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import dev.handshake.db.LockWait;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A Bolt app for one workspace whose middleware chain is Bolt's default with two parts of ours in place of Bolt's:
 * request verification by {@link RequestSignature} (so no request reaches authorization or a listener unverified),
 * and authorization by {@link BotAuthorization}, which needs no answer from Slack to start or to serve a request.
 * Between the two come, when given, the bound on database lock waits ({@link SlackLockWait}) and the refusal of
 * repeated requests ({@link ReplayGuard}). Over Socket Mode nothing is signed: the check is instead that the request
 * came through the app's own connection to Slack ({@link SocketModeOnly}).
 */
public final class VerifiedApp extends App {

    private final List<Middleware> verification;
    private final Middleware authorization;

    /** Verification and authorization only: no bound on lock waits, no refusal of repeats. */
    public VerifiedApp(AppConfig config, RequestSignature signature, BotIdentity identity) {
        this(config, identity, List.of(new SignatureMiddleware(Objects.requireNonNull(signature, "signature == null"))));
    }

    /**
     * Verification, then every request's database waits bounded through {@code lockWait} (a "try again" answer,
     * sent with {@code replies} when it goes to a response URL), then repeats refused by what {@code seen} holds
     * (except slash commands {@code onlyAnswered} says change nothing; among replicas the keys of {@code
     * joinedActions}, block actions whose listeners act only through write transactions on the request's thread, are
     * stored in those transactions), then authorization.
     */
    public VerifiedApp(AppConfig config, RequestSignature signature, BotIdentity identity, LockWait lockWait,
            Replies replies, SeenRequests seen, Predicate<SlashCommandRequest> onlyAnswered,
            Set<String> joinedActions) {
        this(config, identity, List.of(new SignatureMiddleware(Objects.requireNonNull(signature, "signature == null")),
                new SlackLockWait(lockWait, replies), new ReplayGuard(seen, onlyAnswered, joinedActions, lockWait)));
    }

    /**
     * For an app whose requests come over Socket Mode ({@link SocketModeLink}): any request that did not come through
     * the app's connection is refused, then the same lock-wait bound, replay guard and authorization as over HTTP.
     */
    public static VerifiedApp overSocketMode(AppConfig config, BotIdentity identity, LockWait lockWait,
            Replies replies, SeenRequests seen, Predicate<SlashCommandRequest> onlyAnswered,
            Set<String> joinedActions) {
        return new VerifiedApp(config, identity, List.of(new SocketModeOnly(), new SlackLockWait(lockWait, replies),
                new ReplayGuard(seen, onlyAnswered, joinedActions, lockWait)));
    }

    private VerifiedApp(AppConfig config, BotIdentity identity, List<Middleware> verification) {
        super(config);
        this.verification = verification;
        if (config.getSingleTeamBotToken() == null || config.isDistributedApp()) {
            throw new IllegalArgumentException("a VerifiedApp serves one workspace: set singleTeamBotToken");
        }
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
        chain.addAll(verification);
        chain.add(authorization);
        if (config.isIgnoringSelfEventsEnabled()) {
            chain.add(new IgnoringSelfEvents(config.getSlack().getConfig(),
                    config.isIgnoringSelfAssistantMessageEventsEnabled()));
        }
        return chain;
    }
}
