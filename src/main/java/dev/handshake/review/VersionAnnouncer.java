package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.Ticker;
import dev.handshake.slack.SlackApi;
import dev.handshake.slack.SlackCallException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each changed agreement version in the review channel, asking the two owners to acknowledge it. What is not
 * announced yet stays owed in the database and is retried until Slack takes it. Owns one thread. Thread-safe.
 */
public final class VersionAnnouncer implements AutoCloseable {

    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(VersionAnnouncer.class);

    private final AgreementVersions versions;
    private final Agreement agreement;
    private final SlackApi slack;
    private final Clock clock;
    private final Ticker ticker;
    private final Set<String> reported = new HashSet<>();

    public VersionAnnouncer(AgreementVersions versions, Agreement agreement, SlackApi slack, Clock clock) {
        this.versions = Objects.requireNonNull(versions, "versions == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.ticker = new Ticker("agreement-announcer", RETRY, this::announcePending);
    }

    public void start() {
        ticker.start();
    }

    void announcePending() {
        try {
            for (AgreementVersion version : versions.unannounced()) {
                VersionMessage.Rendered message = VersionMessage.render(version, agreement, versions.acks(version.id()));
                SlackApi.Posted posted = slack.postMessage(agreement.review().channel(), message.text(),
                        message.blocks(), null);
                versions.announced(version.id(), posted.channel(), posted.ts(), clock.instant());
            }
        } catch (SlackCallException e) {
            if (reported.add(e.error())) {
                log.warn("Could not announce the agreement change in {} ({}); retrying every {} s",
                        agreement.review().channel(), e.error(), RETRY.toSeconds());
            }
        } catch (RuntimeException e) {
            log.warn("Could not announce the agreement change: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.close();
    }
}
