package dev.handshake.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import dev.handshake.db.LockWait;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Bolt app whose request verification is ours ({@link RequestSignature}) in place of Bolt's, at the same
 * position in the default middleware chain, so no request reaches authorization or a listener unverified. Right
 * after it come, when given, the bound on database lock waits ({@link SlackLockWait}) and the refusal of repeated
 * requests ({@link ReplayGuard}).
 */
public final class VerifiedApp extends App {

    private final List<Middleware> verification;

    /** Verification only: no bound on lock waits, no refusal of repeats. */
    public VerifiedApp(AppConfig config, RequestSignature signature) {
        super(config);
        this.verification = List.of(new SignatureMiddleware(Objects.requireNonNull(signature, "signature == null")));
    }

    /**
     * Verification, then every request's database waits bounded through {@code lockWait} (a "try again" answer,
     * run with {@code afterAck} when it goes to a response URL), then repeats refused by what {@code seen} holds.
     */
    public VerifiedApp(AppConfig config, RequestSignature signature, LockWait lockWait, AfterAck afterAck,
            SeenRequests seen) {
        super(config);
        this.verification = List.of(new SignatureMiddleware(Objects.requireNonNull(signature, "signature == null")),
                new SlackLockWait(lockWait, afterAck), new ReplayGuard(seen));
    }

    @Override
    protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
        List<Middleware> defaults = super.buildDefaultMiddlewareList(config);
        List<Middleware> chain = new ArrayList<>(defaults.size());
        boolean replaced = false;
        for (Middleware middleware : defaults) {
            if (middleware instanceof RequestVerification) {
                chain.addAll(verification);
                replaced = true;
            } else {
                chain.add(middleware);
            }
        }
        if (!replaced) {
            chain.addAll(0, verification);
        }
        return chain;
    }
}
