package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackWebApi;
import java.time.Clock;
import java.util.Objects;

/**
 * Posts each changed agreement version in the review channel, asking the two owners to acknowledge it, and keeps
 * that message up to date as they do: the outbox handlers of {@link AgreementVersions}' announcements.
 */
public final class Announcements {

    private final AgreementVersions versions;
    private final Agreement agreement;
    private final SlackWebApi slack;
    private final Clock clock;

    public Announcements(AgreementVersions versions, Agreement agreement, SlackWebApi slack, Clock clock) {
        this.versions = Objects.requireNonNull(versions, "versions == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public void register(Outbox outbox) {
        // An announcement's item is the record that it was owed (see AgreementVersions.register): kept.
        outbox.register(AgreementVersions.ANNOUNCE, SlackHandler.posting(this::announce).keptFor(Outbox.FOREVER));
        outbox.register(AgreementVersions.ANNOUNCE_EDIT, SlackHandler.unpaced(this::edit));
    }

    private Sent announce(OutboxItem item) {
        AgreementVersion version = versions.find(Long.parseLong(item.subject())).orElseThrow();
        VersionMessage.Rendered message = VersionMessage.render(version, agreement, versions.acks(version.id()));
        SlackWebApi.Posted posted = slack.postMessage(agreement.review().channel(), message.text(), message.blocks(),
                null);
        return Sent.done(handle -> versions.announced(handle, version.id(), posted.channel(), posted.ts(),
                clock.instant()));
    }

    private Sent edit(OutboxItem item) {
        AgreementVersion version = versions.find(Long.parseLong(item.subject())).orElseThrow();
        if (version.messageTs() != null) {
            VersionMessage.Rendered message = VersionMessage.render(version, agreement, versions.acks(version.id()));
            slack.updateMessage(version.channelId(), version.messageTs(), message.text(), message.blocks());
        }
        return Sent.done();
    }
}
