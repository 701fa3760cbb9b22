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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
    private final RouteStore routes;
    private final Map<String, CompletableFuture<Optional<SlackWebApi.SlackUser>>> lookups = new ConcurrentHashMap<>();
    private final SlackWebApi slack;
    private final Agreement agreement;
    private final BusinessHours hours;
    private final Clock clock;

    private HandoffNotices(HandoffStore store, RouteStore routes, SlackWebApi slack, Agreement agreement,
            BusinessHours hours, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.routes = Objects.requireNonNull(routes, "routes == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Registers a handler for every kind of Slack call a handoff can owe. */
    public static void register(Outbox outbox, HandoffStore store, RouteStore routes, SlackWebApi slack,
            Agreement agreement, BusinessHours hours, Clock clock) {
        HandoffNotices notices = new HandoffNotices(store, routes, slack, agreement, hours, clock);
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
                ReassignNotice.thread(h, agreement, item.detail(), h.assignee(), notices.note(h)));
        notices.inThread(outbox, DeliveryKind.CONTACT_REMIND_THREAD, (h, item, now) ->
                ContactNotices.reminder(h, agreement, hours.between(now, h.sla().contactDueAt())));
        notices.inThread(outbox, DeliveryKind.CONTACT_ESCALATE, (h, item, now) ->
                ContactNotices.escalation(h, agreement));
        notices.posting(outbox, DeliveryKind.DM_ASSIGNEE, notices::directMessage);
        notices.unpaced(outbox, DeliveryKind.LINK_DM, notices::linkDirectMessage);
        notices.unpaced(outbox, DeliveryKind.LOOK_UP_ASSIGNEE, notices::lookUpAssignee);
        notices.posting(outbox, DeliveryKind.FALLBACK, notices::tellFallback);
        notices.inThread(outbox, DeliveryKind.UNAVAILABLE, (h, item, now) ->
                RoutingNotice.warning(h, agreement, item.detail()));
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
        Handoff handoff = handoff(item);
        Handoff toPost = handoff;
        if (handoff.assignee() == null) {
            // The lookup has a lane of its own, so the assignee's message need not wait for this post; the post waits
            // for it (joining it if it is under way) so it is posted with its assignee, as it always was.
            String input = store.assigneeInput(handoff.id()).orElse(null);
            if (input != null && input.contains("@")) {
                lookUp(handoff.id(), input);
                // Routed now, here or by the lookup's own lane meanwhile.
                toPost = store.find(handoff.id()).orElseThrow();
            }
        }
        Rendered message = HandoffMessage.render(toPost, agreement, decisionTime(toPost), null, note(toPost));
        SlackWebApi.Posted posted = slack.postMessage(agreement.handoff().salesChannel(), message.text(),
                message.blocks(), null);
        String assignee = toPost.assignee();
        return Sent.done(handle -> {
            store.posted(handle, handoff.id(), posted.channel(), posted.ts(), assignee, clock.instant());
            routes.postedAs(handle, handoff.id(), assignee, agreement.handoff().salesChannel(), clock.instant());
        });
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
        Rendered message = HandoffMessage.render(handoff, agreement, decisionTime(handoff), contactTime(handoff),
                note(handoff));
        slack.updateMessage(handoff.channelId(), handoff.messageTs(), message.text(), message.blocks());
        return Sent.done();
    }

    /**
     * The assignee's direct message, owed when the lead became theirs and sent in their own lane, so it never waits
     * for the sales channel's posts; it links to the channel message if that exists already, and otherwise gets
     * the link by an edit once it does. A lead that moved on before its message went out is not announced to the
     * rep it left.
     */
    private Sent directMessage(OutboxItem item) {
        Handoff handoff = handoff(item);
        String user = item.detail() != null ? item.detail() : handoff.assignee();
        if (user == null || (item.detail() != null && !item.detail().equals(handoff.assignee()))) {
            return Sent.done();
        }
        String permalink = handoff.messageTs() == null ? null : permalinkIfAny(handoff);
        Rendered rendered = AssigneeNotice.direct(handoff, agreement, permalink, note(handoff));
        SlackWebApi.Posted posted = slack.postMessage(user, rendered.text(), rendered.blocks(), null);
        return Sent.done(handle -> routes.directMessageSent(handle, handoff.id(), posted.channel(), posted.ts(),
                permalink != null, clock.instant()));
    }

    /**
     * The link to the handoff's channel message; null when Slack will never give one (the message is gone), so the
     * rep's message goes out without it rather than not at all. Rate limits and outages are retried as usual.
     */
    private String permalinkIfAny(Handoff handoff) {
        try {
            return slack.permalink(handoff.channelId(), handoff.messageTs());
        } catch (dev.handshake.slack.SlackCallException e) {
            if (e.kind() != dev.handshake.slack.SlackCallException.Kind.PERMANENT) {
                throw e;
            }
            log.warn("Handoff {}: Slack gives no link to its message ({}); the rep's message goes without it",
                    handoff.id(), e.error());
            return null;
        }
    }

    /** Adds the link to the channel message to an assignee's direct message sent before that message existed. */
    private Sent linkDirectMessage(OutboxItem item) {
        Handoff handoff = handoff(item);
        Optional<RouteStore.DirectMessage> sent = routes.directMessage(handoff.id());
        if (sent.isEmpty() || handoff.messageTs() == null) {
            return Sent.done();
        }
        String permalink = slack.permalink(handoff.channelId(), handoff.messageTs());
        Rendered rendered = AssigneeNotice.direct(handoff, agreement, permalink, note(handoff));
        slack.updateMessage(sent.get().channel(), sent.get().ts(), rendered.text(), rendered.blocks());
        return Sent.done();
    }

    /** Asks Slack who the assignee marketing gave by email is, then routes the lead (to them, or on). */
    private Sent lookUpAssignee(OutboxItem item) {
        Handoff handoff = handoff(item);
        String input = store.assigneeInput(handoff.id()).orElse(null);
        if (handoff.assignee() == null && handoff.status() == HandoffStatus.PENDING && input != null) {
            lookUp(handoff.id(), input);
        }
        return Sent.done();
    }

    /** Looks the email up in Slack, keeps what Slack said, and routes the handoff; whether it changed. */
    private boolean lookUp(long id, String email) {
        Optional<String> known = routes.router().profiles().userByEmail(email);
        Optional<SlackWebApi.SlackUser> user = known.isPresent() ? Optional.empty() : lookUpOnce(email);
        Instant now = clock.instant();
        user.ifPresent(found -> routes.router().profiles().record(new dev.handshake.routing.RepProfile(found.id(),
                found.name(), found.tz(), found.email() == null ? email : found.email(), found.deleted(), now)));
        if (known.isPresent()) {
            return routes.applyLookedUp(id, email, known.get(), agreement.handoff().salesChannel(), now);
        }
        if (user.isEmpty()) {
            log.warn("Handoff {}: no Slack user has the assignee's email; routing it as if none was given", id);
        }
        return routes.applyLookedUp(id, email, user.map(SlackWebApi.SlackUser::id).orElse(null),
                agreement.handoff().salesChannel(), now);
    }

    /**
     * {@code users.lookupByEmail}, once for an email however many senders ask at the same time (the post and the
     * lookup's own lane): the later ones wait for the answer of the first.
     */
    private Optional<SlackWebApi.SlackUser> lookUpOnce(String email) {
        String key = email.strip().toLowerCase(java.util.Locale.ROOT);
        CompletableFuture<Optional<SlackWebApi.SlackUser>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<SlackWebApi.SlackUser>> running = lookups.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Optional<SlackWebApi.SlackUser> answer = slack.userByEmail(email);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            lookups.remove(key, mine);
        }
    }

    /** Tells the pool's fallback that nobody can take the lead: a user group in its thread, a channel there. */
    private Sent tellFallback(OutboxItem item) {
        Handoff handoff = handoff(item);
        String target = item.detail();
        boolean group = target.startsWith("S");
        Rendered rendered = RoutingNotice.fallback(handoff, agreement,
                new dev.handshake.agreement.SlackTarget(group ? dev.handshake.agreement.SlackTarget.Kind.USER_GROUP
                        : dev.handshake.agreement.SlackTarget.Kind.CHANNEL, target), note(handoff));
        if (group) {
            String channel = handoff.channelId() != null ? handoff.channelId() : agreement.handoff().salesChannel();
            slack.postMessage(channel, rendered.text(), rendered.blocks(), handoff.messageTs());
        } else {
            slack.postMessage(target, rendered.text(), rendered.blocks(), null);
        }
        return Sent.done();
    }

    private String note(Handoff handoff) {
        return routes.note(handoff.id()).orElse(null);
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
