package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.JsonColumn;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Sent;
import dev.handshake.people.Directory;
import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackReads;
import dev.handshake.slack.SlackWebApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the Slack messages a handoff owes, one outbox handler per {@link DeliveryKind}: its post in the sales
 * channel, the edits that keep that post (and marketing's) up to date, the notices in its thread and the direct
 * messages, each carrying the buttons of its next step; and, once the handoff moves on, the notices whose buttons no
 * longer apply are closed. Each is rendered from the handoff's state when it is sent; one that can never be sent is
 * recorded on the handoff as a {@code failed} event. Thread-safe.
 */
public final class HandoffNotices {

    static final Duration WAIT_FOR_POST = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(HandoffNotices.class);

    /** What a notice says, rendered when it is sent. */
    @FunctionalInterface
    private interface Notice {
        Rendered render(Handoff handoff, OutboxItem item, Instant now);
    }

    /** What the notices need besides the store and the outbox. */
    public record Parts(SlackWebApi slack, SlackReads reads, Directory directory, Agreement agreement,
            BusinessHours hours, Clock clock, Function<LocalDate, Set<String>> awayOn) {
        public Parts {
            Objects.requireNonNull(slack, "slack == null");
            Objects.requireNonNull(reads, "reads == null");
            Objects.requireNonNull(directory, "directory == null");
            Objects.requireNonNull(agreement, "agreement == null");
            Objects.requireNonNull(hours, "hours == null");
            Objects.requireNonNull(clock, "clock == null");
            Objects.requireNonNull(awayOn, "awayOn == null");
        }
    }

    private final HandoffStore store;
    private final RouteStore routes;
    private final Map<String, CompletableFuture<Optional<String>>> lookups = new ConcurrentHashMap<>();
    private final SlackWebApi slack;
    private final SlackReads reads;
    private final Directory directory;
    private final Agreement agreement;
    private final BusinessHours hours;
    private final Clock clock;
    private final Function<LocalDate, Set<String>> awayOn;
    private final Names names;

    private HandoffNotices(HandoffStore store, RouteStore routes, Parts parts) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.routes = Objects.requireNonNull(routes, "routes == null");
        this.slack = parts.slack();
        this.reads = parts.reads();
        this.directory = parts.directory();
        this.agreement = parts.agreement();
        this.hours = parts.hours();
        this.clock = parts.clock();
        this.awayOn = parts.awayOn();
        this.names = Names.from(directory::name);
    }

    /** Registers a handler for every kind of Slack call a handoff can owe. */
    public static void register(Outbox outbox, HandoffStore store, RouteStore routes, Parts parts) {
        HandoffNotices notices = new HandoffNotices(store, routes, parts);
        Agreement agreement = parts.agreement();
        BusinessHours hours = parts.hours();
        notices.posting(outbox, DeliveryKind.POST_HANDOFF, notices::postHandoff);
        notices.posting(outbox, DeliveryKind.NOTIFY_MARKETING, notices::postMarketing);
        notices.posting(outbox, DeliveryKind.UNCLAIMED_MARKETING, notices::postMarketing);
        notices.unpaced(outbox, DeliveryKind.UPDATE_HANDOFF, notices::updateHandoff);
        notices.unpaced(outbox, DeliveryKind.UPDATE_MARKETING, notices::updateMarketing);
        notices.unpaced(outbox, DeliveryKind.CLOSE_NOTICES, notices::closeNotices);
        notices.inThread(outbox, DeliveryKind.CONTEST, true, (h, item, now) ->
                ContestNotice.render(h, agreement, h.marketingOutcome() == null ? null : h.marketingOutcome().by(),
                        notices.names));
        notices.inThread(outbox, DeliveryKind.REMIND_THREAD, false, (h, item, now) ->
                ReminderNotice.thread(h, agreement, hours.between(now, h.dueAt()), notices.names));
        notices.inThread(outbox, DeliveryKind.ESCALATE, true, (h, item, now) ->
                EscalationNotice.render(h, agreement, item.detail(), notices.pool()));
        notices.inThread(outbox, DeliveryKind.REASSIGN_THREAD, false, (h, item, now) -> {
            Map<String, String> about = about(item.detail());
            // Rendered when sent: the lead may have moved on since, so the notice says who it went to then. A
            // reassignment by the stage's routing says why in a context line; one by hand names who made it.
            String by = about.get("by");
            return ReassignNotice.thread(h, agreement, about.get("from"), about.getOrDefault("to", h.assignee()), by,
                    by == null ? notices.note(h) : null, notices.names);
        });
        notices.inThread(outbox, DeliveryKind.REOPEN_THREAD, false, (h, item, now) ->
                ReopenNotice.thread(h, agreement, item.detail(), notices.names));
        notices.inThread(outbox, DeliveryKind.CONTACT_REMIND_THREAD, false, (h, item, now) ->
                ContactNotices.reminder(h, agreement, hours.between(now, h.sla().contactDueAt()), notices.names));
        notices.inThread(outbox, DeliveryKind.CONTACT_ESCALATE, false, (h, item, now) ->
                ContactNotices.escalation(h, agreement));
        // The assignee's direct message goes out at once, in the rep's own lane: it never waits for the channel.
        notices.posting(outbox, DeliveryKind.DM_ASSIGNEE, notices::directMessage);
        notices.unpaced(outbox, DeliveryKind.LINK_DM, notices::linkDirectMessage);
        notices.unpaced(outbox, DeliveryKind.LOOK_UP_ASSIGNEE, notices::lookUpAssignee);
        notices.posting(outbox, DeliveryKind.FALLBACK, notices::tellFallback);
        notices.inThread(outbox, DeliveryKind.UNAVAILABLE, false, (h, item, now) ->
                RoutingNotice.warning(h, agreement, item.detail()));
        notices.direct(outbox, DeliveryKind.REMIND_DM, h -> null, (h, item, now) ->
                ReminderNotice.direct(h, agreement, hours.between(now, h.dueAt()), h.channelId(),
                        notices.permalink(h)));
        notices.direct(outbox, DeliveryKind.REASSIGN_DM, h -> null, (h, item, now) ->
                AssigneeNotice.reassigned(h, agreement, h.channelId(), notices.permalink(h)));
        notices.direct(outbox, DeliveryKind.REOPEN_DM, h -> null, (h, item, now) ->
                AssigneeNotice.reopened(h, agreement, h.channelId(), notices.permalink(h)));
        notices.direct(outbox, DeliveryKind.CONTACT_REMIND_DM, h -> null, (h, item, now) ->
                ContactNotices.direct(h, agreement, hours.between(now, h.sla().contactDueAt()), h.channelId()));
        notices.direct(outbox, DeliveryKind.TOLD_ASSIGNEE, h -> null, (h, item, now) ->
                TakenOverNotice.render(h, agreement, h.channelId(), notices.permalink(h)));
        notices.inMarketingThread(outbox, DeliveryKind.UPHELD_MARKETING, (h, item, now) ->
                UpheldNotice.render(h, agreement, item.detail(), notices.names));
        notices.inMarketingThread(outbox, DeliveryKind.FOLLOWUP_REMIND, (h, item, now) -> {
            Instant by = notices.answerBy(h).orElse(now);
            return FollowupNotice.reminder(h, agreement, hours.between(now, by), notices.answerBy(h).orElse(null));
        });
        notices.posting(outbox, DeliveryKind.FOLLOWUP_ESCALATE, notices::tellMarketingOwner);
    }

    private void posting(Outbox outbox, DeliveryKind kind, Function<OutboxItem, Sent> send) {
        outbox.register(kind.key(), SlackHandler.posting(send).onGaveUp(this::recordFailure));
    }

    private void unpaced(Outbox outbox, DeliveryKind kind, Function<OutboxItem, Sent> send) {
        outbox.register(kind.key(), SlackHandler.unpaced(send).onGaveUp(this::recordFailure));
    }

    /**
     * A reply in the handoff's thread (in the sales channel, unthreaded, if the message never got posted); with
     * {@code buttons}, recorded so its buttons are closed once they no longer apply.
     */
    private void inThread(Outbox outbox, DeliveryKind kind, boolean buttons, Notice notice) {
        posting(outbox, kind, item -> {
            Handoff handoff = handoff(item);
            Rendered rendered = notice.render(handoff, item, clock.instant());
            String channel = handoff.channelId() != null ? handoff.channelId() : agreement.handoff().salesChannel();
            SlackWebApi.Posted posted = slack.postMessage(channel, rendered.text(), rendered.blocks(),
                    handoff.messageTs());
            return buttons ? recorded(handoff, kind, posted, null) : Sent.done();
        });
    }

    /** A reply in the thread of marketing's message about the handoff (in the marketing channel if there is none). */
    private void inMarketingThread(Outbox outbox, DeliveryKind kind, Notice notice) {
        posting(outbox, kind, item -> {
            Handoff handoff = handoff(item);
            Rendered rendered = notice.render(handoff, item, clock.instant());
            Optional<HandoffStore.MessageRef> message = store.marketingMessage(handoff.id());
            SlackWebApi.Posted posted = slack.postMessage(
                    message.map(HandoffStore.MessageRef::channel).orElse(agreement.handoff().marketingChannel()),
                    rendered.text(), rendered.blocks(), message.map(HandoffStore.MessageRef::ts).orElse(null));
            return recorded(handoff, kind, posted, null);
        });
    }

    /** A direct message to {@code to} of the handoff, or else to the user the item names; recorded with its buttons. */
    private void direct(Outbox outbox, DeliveryKind kind, Function<Handoff, String> to, Notice notice) {
        posting(outbox, kind, item -> {
            Handoff handoff = handoff(item);
            String user = to.apply(handoff) != null ? to.apply(handoff) : item.detail();
            Rendered rendered = notice.render(handoff, item, clock.instant());
            SlackWebApi.Posted posted = slack.postMessage(user, rendered.text(), rendered.blocks(), null);
            // A notice without buttons has nothing to close later.
            return kind == DeliveryKind.TOLD_ASSIGNEE ? Sent.done() : recorded(handoff, kind, posted, user);
        });
    }

    private Sent recorded(Handoff handoff, DeliveryKind kind, SlackWebApi.Posted posted, String user) {
        if (posted.channel() == null || posted.ts() == null) {
            return Sent.done();
        }
        return Sent.done(handle -> store.noticePosted(handle, handoff.id(), kind, posted.channel(), posted.ts(), user,
                clock.instant()));
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
        Rendered message = HandoffMessage.render(toPost, agreement, decisionTime(toPost), null, names, note(toPost));
        SlackWebApi.Posted posted = slack.postMessage(agreement.handoff().salesChannel(), message.text(),
                message.blocks(), null);
        String assignee = toPost.assignee();
        return Sent.done(handle -> {
            store.posted(handle, handoff.id(), posted.channel(), posted.ts(), assignee, clock.instant());
            routes.postedAs(handle, handoff.id(), assignee, agreement.handoff().salesChannel(), clock.instant());
        });
    }

    /** Marketing's message: a rejection to answer, or an unclaimed lead back with marketing. */
    private Sent postMarketing(OutboxItem item) {
        Handoff handoff = handoff(item);
        Rendered notice = MarketingNotice.render(handoff, agreement, pool(), answerBy(handoff).orElse(null));
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
                names, note(handoff));
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
        if (user == null || (item.detail() != null && !item.detail().equals(handoff.assignee()))
                || handoff.state() != HandoffState.PENDING) {
            return Sent.done();
        }
        String permalink = handoff.messageTs() == null ? null : permalinkIfAny(handoff);
        Rendered rendered = AssigneeNotice.direct(handoff, agreement, permalink, note(handoff));
        SlackWebApi.Posted posted = slack.postMessage(user, rendered.text(), rendered.blocks(), null);
        // Recorded twice over: for the link it may still need, and with its buttons, closed once they no longer apply.
        return Sent.done(handle -> {
            routes.directMessageSent(handle, handoff.id(), posted.channel(), posted.ts(), permalink != null,
                    clock.instant());
            if (posted.channel() != null && posted.ts() != null) {
                store.noticePosted(handle, handoff.id(), DeliveryKind.DM_ASSIGNEE, posted.channel(), posted.ts(),
                        user, clock.instant());
            }
        });
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
        // Once the lead moved on, its buttons were closed (or are being closed): the edit would bring them back.
        if (sent.isEmpty() || handoff.messageTs() == null || handoff.state() != HandoffState.PENDING) {
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
        Optional<String> user = userIdByEmail(email);
        if (user.isEmpty()) {
            log.warn("Handoff {}: no Slack user has the assignee's email; routing it as if none was given", id);
        }
        return routes.applyLookedUp(id, email, user.orElse(null), agreement.handoff().salesChannel(),
                clock.instant());
    }

    /**
     * The member with this email: kept from an earlier answer, or {@code users.lookupByEmail} asked once however many
     * senders ask at the same time (the post and the lookup's own lane); the later ones wait for the first's answer.
     */
    private Optional<String> userIdByEmail(String email) {
        var profiles = routes.router().profiles();
        Optional<String> known = profiles.userByEmail(email);
        if (known.isPresent()) {
            return known;
        }
        String key = email.strip().toLowerCase(java.util.Locale.ROOT);
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> running = lookups.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            // A sender that finished between the read above and the claim has kept its answer already.
            Optional<String> answer = profiles.userByEmail(email);
            if (answer.isEmpty()) {
                Optional<SlackWebApi.SlackUser> found = slack.userByEmail(email);
                // Kept before the claim is let go, so that no later sender finds neither and asks Slack again.
                found.ifPresent(user -> profiles.record(new dev.handshake.routing.RepProfile(user.id(), user.name(),
                        user.tz(), user.email() == null ? email : user.email(), user.deleted(), clock.instant())));
                answer = found.map(SlackWebApi.SlackUser::id);
            }
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
            return store.postFailed(handoff.id(), DeliveryKind.NOTIFY_MARKETING)
                    || store.postFailed(handoff.id(), DeliveryKind.UNCLAIMED_MARKETING)
                    ? Sent.gaveUp("the message to edit was never posted")
                    : Sent.later(WAIT_FOR_POST, "waiting for the message to be posted");
        }
        Rendered notice = MarketingNotice.render(handoff, agreement, pool(), answerBy(handoff).orElse(null));
        slack.updateMessage(message.get().channel(), message.get().ts(), notice.text(), notice.blocks());
        return Sent.done();
    }

    /** Replaces the buttons of every notice of the handoff that no longer applies with what became of it. */
    private Sent closeNotices(OutboxItem item) {
        Handoff handoff = handoff(item);
        List<HandoffStore.Notice> closed = new ArrayList<>();
        for (HandoffStore.Notice notice : store.openNotices(handoff.id())) {
            if (Notices.live(notice.kind(), handoff, notice.user())) {
                continue;
            }
            Rendered rendered = Notices.closed(handoff, agreement, notice.user());
            try {
                slack.updateMessage(notice.channel(), notice.ts(), rendered.text(), rendered.blocks());
            } catch (SlackCallException e) {
                if (e.kind() != SlackCallException.Kind.PERMANENT) {
                    throw e;
                }
                // Deleted, or in a conversation the app left: there are no buttons left to close.
                log.debug("Handoff {}: notice {} cannot be closed: {}", handoff.id(), notice.ts(), e.error());
            }
            closed.add(notice);
        }
        return Sent.done(handle -> closed.forEach(notice -> store.noticeClosed(handle, notice, clock.instant())));
    }

    /** The marketing owner, by direct message, or named in marketing's thread when the agreement has no user for them. */
    private Sent tellMarketingOwner(OutboxItem item) {
        Handoff handoff = handoff(item);
        Optional<HandoffStore.MessageRef> message = store.marketingMessage(handoff.id());
        String owner = item.detail();
        String link = message.map(m -> permalink(m.channel(), m.ts())).orElse(null);
        Rendered rendered = FollowupNotice.owner(handoff, agreement, link, owner != null);
        SlackWebApi.Posted posted = owner != null
                ? slack.postMessage(owner, rendered.text(), rendered.blocks(), null)
                : slack.postMessage(message.map(HandoffStore.MessageRef::channel)
                        .orElse(agreement.handoff().marketingChannel()), rendered.text(), rendered.blocks(),
                        message.map(HandoffStore.MessageRef::ts).orElse(null));
        return recorded(handoff, DeliveryKind.FOLLOWUP_ESCALATE, posted, owner);
    }

    private Sent waitForPost(Handoff handoff, DeliveryKind postKind) {
        return store.postFailed(handoff.id(), postKind)
                ? Sent.gaveUp("the message to edit was never posted")
                : Sent.later(WAIT_FOR_POST, "waiting for the message to be posted");
    }

    private void recordFailure(Handle handle, OutboxItem item, String error, Instant now) {
        store.deliveryFailed(handle, Long.parseLong(item.subject()), item.kind(), error, now);
    }

    private Handoff handoff(OutboxItem item) {
        return store.find(Long.parseLong(item.subject())).orElseThrow();
    }

    /** The link to the handoff's message in the sales channel, or null while it is not posted or has none. */
    private String permalink(Handoff handoff) {
        return handoff.channelId() == null || handoff.messageTs() == null ? null
                : permalink(handoff.channelId(), handoff.messageTs());
    }

    private String permalink(String channel, String ts) {
        try {
            return reads.permalink(channel, ts);
        } catch (SlackCallException e) {
            if (e.kind() != SlackCallException.Kind.PERMANENT) {
                throw e;
            }
            return null;
        }
    }

    /** The reps Reassign… offers: the agreement's pool, by name, with who is away today said so. */
    private List<Picker.Candidate> pool() {
        return Picker.pool(agreement, directory::name,
                awayOn.apply(LocalDate.ofInstant(clock.instant(), agreement.calendar().zone())));
    }

    /** When marketing's answer to the handoff's rejection is due, when the agreement sets a time. */
    private Optional<Instant> answerBy(Handoff handoff) {
        Duration window = agreement.handoff().rejectionFollowup();
        if (window == null || handoff.decision() == null) {
            return Optional.empty();
        }
        Instant from = handoff.lastMove() != null && handoff.lastMove().step() == Step.UPHOLD
                && handoff.lastMove().at() != null ? handoff.lastMove().at() : handoff.decision().at();
        return Optional.of(hours.plus(from, window));
    }

    /** A reassignment's detail: {"from": …, "to": …, "by": …}, or, as items owed before it said more, the rep alone. */
    private static Map<String, String> about(String detail) {
        if (detail == null || detail.isBlank()) {
            return Map.of();
        }
        return detail.startsWith("{") ? JsonColumn.fields(detail) : Map.of("from", detail);
    }

    private Duration contactTime(Handoff handoff) {
        return handoff.sla().contactedAt() == null || handoff.decision() == null ? null
                : hours.between(handoff.decision().at(), handoff.sla().contactedAt());
    }

    private Duration decisionTime(Handoff handoff) {
        return handoff.decision() == null ? null : hours.between(handoff.receivedAt(), handoff.decision().at());
    }
}
