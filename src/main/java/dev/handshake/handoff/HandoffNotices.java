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
    private final SlackWebApi slack;
    private final SlackReads reads;
    private final Directory directory;
    private final Agreement agreement;
    private final BusinessHours hours;
    private final Clock clock;
    private final Function<LocalDate, Set<String>> awayOn;
    private final Names names;

    private HandoffNotices(HandoffStore store, Parts parts) {
        this.store = Objects.requireNonNull(store, "store == null");
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
    public static void register(Outbox outbox, HandoffStore store, Parts parts) {
        HandoffNotices notices = new HandoffNotices(store, parts);
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
            // Rendered when sent: the lead may have moved on since, so the notice says who it went to then.
            return ReassignNotice.thread(h, agreement, about.get("from"), about.getOrDefault("to", h.assignee()),
                    about.get("by"), notices.names);
        });
        notices.inThread(outbox, DeliveryKind.REOPEN_THREAD, false, (h, item, now) ->
                ReopenNotice.thread(h, agreement, item.detail(), notices.names));
        notices.inThread(outbox, DeliveryKind.CONTACT_REMIND_THREAD, false, (h, item, now) ->
                ContactNotices.reminder(h, agreement, hours.between(now, h.sla().contactDueAt()), notices.names));
        notices.inThread(outbox, DeliveryKind.CONTACT_ESCALATE, false, (h, item, now) ->
                ContactNotices.escalation(h, agreement));
        notices.direct(outbox, DeliveryKind.DM_ASSIGNEE, h -> h.assignee(), (h, item, now) ->
                AssigneeNotice.render(h, agreement, h.channelId(), notices.permalink(h)));
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
        Rendered message = HandoffMessage.render(toPost, agreement, decisionTime(toPost), null, names);
        SlackWebApi.Posted posted = slack.postMessage(agreement.handoff().salesChannel(), message.text(),
                message.blocks(), null);
        String assignee = toPost.assignee();
        return Sent.done(handle -> store.posted(handle, handoff.id(), posted.channel(), posted.ts(), assignee,
                clock.instant()));
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
        Rendered message = HandoffMessage.render(handoff, agreement, decisionTime(handoff), contactTime(handoff), names);
        slack.updateMessage(handoff.channelId(), handoff.messageTs(), message.text(), message.blocks());
        return Sent.done();
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
