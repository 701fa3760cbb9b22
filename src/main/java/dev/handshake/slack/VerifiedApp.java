package dev.handshake.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Bolt app whose request verification is ours ({@link RequestSignature}) in place of Bolt's, at the same
 * position in the default middleware chain, so no request reaches authorization or a listener unverified.
 */
public final class VerifiedApp extends App {

    private final Middleware signatureCheck;

    public VerifiedApp(AppConfig config, RequestSignature signature) {
        super(config);
        this.signatureCheck = new SignatureMiddleware(Objects.requireNonNull(signature, "signature == null"));
    }

    @Override
    protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
        List<Middleware> defaults = super.buildDefaultMiddlewareList(config);
        List<Middleware> chain = new ArrayList<>(defaults.size());
        boolean replaced = false;
        for (Middleware middleware : defaults) {
            if (middleware instanceof RequestVerification) {
                chain.add(signatureCheck);
                replaced = true;
            } else {
                chain.add(middleware);
            }
        }
        if (!replaced) {
            chain.add(0, signatureCheck);
        }
        return chain;
    }
}
