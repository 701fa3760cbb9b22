package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.BusinessHours;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackWebApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the Slack messages a handoff owes, one outbox handler per {@link DeliveryKind}: its post in the sales
 * channel, the edits that keep that post (and marketing's) up to date, the notices in its thread and the direct
 * messages. Each is rendered from the handoff's state when it is sent; one that can never be sent is recorded on
 * the handoff as a {@code failed} event. Thread-safe.
 */
public final class HandoffNotices {

    static final Duration WAIT_FOR_POST = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(HandoffNotices.class);

    /** What a notice says, rendered when it is sent. */
    @FunctionalInterface
    private interface Notice {
        Rendered render(Handoff handoff, OutboxItem item, Instant now);
    }

    private final HandoffStore store;
    private final SlackWebApi slack;
    private final Agreement agreement;
    private final BusinessHours hours;
    private final Clock clock;

    private HandoffNotices(HandoffStore store, SlackWebApi slack, Agreement agreement, BusinessHours hours,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Registers a handler for every kind of Slack call a handoff can owe. */
    public static void register(Outbox outbox, HandoffStore store, SlackWebApi slack, Agreement agreement,
            BusinessHours hours, Clock clock) {
        HandoffNotices notices = new HandoffNotices(store, slack, agreement, hours, clock);
        notices.posting(outbox, DeliveryKind.POST_HANDOFF, notices::postHandoff);
        notices.posting(outbox, DeliveryKind.NOTIFY_MARKETING, notices::notifyMarketing);
        notices.unpaced(outbox, DeliveryKind.UPDATE_HANDOFF, notices::updateHandoff);
        notices.unpaced(outbox, DeliveryKind.UPDATE_MARKETING, notices::updateMarketing);
        notices.inThread(outbox, DeliveryKind.CONTEST, (h, item, now) ->
                ContestNotice.render(h, agreement, h.marketingOutcome().by()));
        notices.inThread(outbox, DeliveryKind.REMIND_THREAD, (h, item, now) ->
                ReminderNotice.thread(h, agreement, hours.between(now, h.dueAt())));
        notices.inThread(outbox, DeliveryKind.ESCALATE, (h, item, now) ->
                EscalationNotice.render(h, agreement, item.detail()));
        notices.inThread(outbox, DeliveryKind.REASSIGN_THREAD, (h, item, now) ->
                ReassignNotice.thread(h, agreement, item.detail(), h.assignee()));
        notices.inThread(outbox, DeliveryKind.CONTACT_REMIND_THREAD, (h, item, now) ->
                ContactNotices.reminder(h, agreement, hours.between(now, h.sla().contactDueAt())));
        notices.inThread(outbox, DeliveryKind.CONTACT_ESCALATE, (h, item, now) ->
                ContactNotices.escalation(h, agreement));
        notices.direct(outbox, DeliveryKind.DM_ASSIGNEE, h -> h.assignee(), (h, item, now) ->
                AssigneeNotice.render(h, agreement, h.channelId()));
        notices.direct(outbox, DeliveryKind.REMIND_DM, h -> null, (h, item, now) ->
                ReminderNotice.direct(h, agreement, hours.between(now, h.dueAt()), h.channelId()));
        notices.direct(outbox, DeliveryKind.REASSIGN_DM, h -> null, (h, item, now) ->
                AssigneeNotice.reassigned(h, agreement, h.channelId()));
        notices.direct(outbox, DeliveryKind.CONTACT_REMIND_DM, h -> null, (h, item, now) ->
                ContactNotices.direct(h, agreement, hours.between(now, h.sla().contactDueAt()), h.channelId()));
    }

    private void posting(Outbox outbox, DeliveryKind kind, Function<OutboxItem, Sent> send) {
        outbox.register(kind.key(), SlackHandler.posting(send).onGaveUp(this::recordFailure));
    }

    private void unpaced(Outbox outbox, DeliveryKind kind, Function<OutboxItem, Sent> send) {
        outbox.register(kind.key(), SlackHandler.unpaced(send).onGaveUp(this::recordFailure));
    }

    /** A reply in the handoff's thread (in the sales channel, unthreaded, if the message never got posted). */
    private void inThread(Outbox outbox, DeliveryKind kind, Notice notice) {
        posting(outbox, kind, item -> {
            Handoff handoff = handoff(item);
            Rendered rendered = notice.render(handoff, item, clock.instant());
            String channel = handoff.channelId() != null ? handoff.channelId() : agreement.handoff().salesChannel();
            slack.postMessage(channel, rendered.text(), rendered.blocks(), handoff.messageTs());
            return Sent.done();
        });
    }

    /** A direct message to {@code to} of the handoff, or else to the user the item names. */
    private void direct(Outbox outbox, DeliveryKind kind, Function<Handoff, String> to, Notice notice) {
        posting(outbox, kind, item -> {
            Handoff handoff = handoff(item);
            String user = to.apply(handoff) != null ? to.apply(handoff) : item.detail();
            Rendered rendered = notice.render(handoff, item, clock.instant());
            slack.postMessage(user, rendered.text(), rendered.blocks(), null);
            return Sent.done();
        });
    }

    private Sent postHandoff(OutboxItem item) {
        Instant now = clock.instant();
        Handoff handoff = handoff(item);
        Handoff toPost = handoff;
        if (handoff.assignee() == null) {
            String input = store.assigneeInput(handoff.id()).orElse(null);
            if (input != null && input.contains("@")) {
                Optional<String> user = slack.userIdByEmail(input);
                if (user.isPresent()) {
                    store.assigneeResolved(handoff.id(), user.get(), now);
                    toPost = store.find(handoff.id()).orElseThrow();
                } else {
                    log.warn("Handoff {}: no Slack user has the assignee's email; posting it unassigned", handoff.id());
                }
            }
        }
        Rendered message = HandoffMessage.render(toPost, agreement, decisionTime(toPost));
        SlackWebApi.Posted posted = slack.postMessage(agreement.handoff().salesChannel(), message.text(),
                message.blocks(), null);
        String assignee = toPost.assignee();
        return Sent.done(handle -> store.posted(handle, handoff.id(), posted.channel(), posted.ts(), assignee,
                clock.instant()));
    }

    private Sent notifyMarketing(OutboxItem item) {
        Handoff handoff = handoff(item);
        Rendered notice = MarketingNotice.render(handoff, agreement);
        SlackWebApi.Posted posted = slack.postMessage(agreement.handoff().marketingChannel(), notice.text(),
                notice.blocks(), null);
        return Sent.done(handle -> store.marketingPosted(handle, handoff.id(), posted.channel(), posted.ts(),
                clock.instant()));
    }

    private Sent updateHandoff(OutboxItem item) {
        Handoff handoff = handoff(item);
        if (handoff.messageTs() == null) {
            return waitForPost(handoff, DeliveryKind.POST_HANDOFF);
        }
        Rendered message = HandoffMessage.render(handoff, agreement, decisionTime(handoff), contactTime(handoff));
        slack.updateMessage(handoff.channelId(), handoff.messageTs(), message.text(), message.blocks());
        return Sent.done();
    }

    private Sent updateMarketing(OutboxItem item) {
        Handoff handoff = handoff(item);
        Optional<HandoffStore.MessageRef> message = store.marketingMessage(handoff.id());
        if (message.isEmpty()) {
            return waitForPost(handoff, DeliveryKind.NOTIFY_MARKETING);
        }
        Rendered notice = MarketingNotice.render(handoff, agreement);
        slack.updateMessage(message.get().channel(), message.get().ts(), notice.text(), notice.blocks());
        return Sent.done();
    }

    private Sent waitForPost(Handoff handoff, DeliveryKind postKind) {
        return store.postFailed(handoff.id(), postKind)
                ? Sent.gaveUp("the message to edit was never posted")
                : Sent.later(WAIT_FOR_POST, "waiting for the message to be posted");
    }

    private void recordFailure(org.jdbi.v3.core.Handle handle, OutboxItem item, String error, Instant now) {
        store.deliveryFailed(handle, Long.parseLong(item.subject()), item.kind(), error, now);
    }

    private Handoff handoff(OutboxItem item) {
        return store.find(Long.parseLong(item.subject())).orElseThrow();
    }

    private Duration contactTime(Handoff handoff) {
        return handoff.sla().contactedAt() == null || handoff.decision() == null ? null
                : hours.between(handoff.decision().at(), handoff.sla().contactedAt());
    }

    private Duration decisionTime(Handoff handoff) {
        return handoff.decision() == null ? null : hours.between(handoff.receivedAt(), handoff.decision().at());
    }
}
