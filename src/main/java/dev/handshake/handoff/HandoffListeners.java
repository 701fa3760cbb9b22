package dev.handshake.handoff;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.agreement.Agreement;
import dev.handshake.db.Busy;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Replies;
import dev.handshake.slack.SlackWebApi;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sales' Slack edge: Accept, Reject (and its modal) and Mark contacted, wherever they are clicked (the channel
 * message, a direct message, a reminder, the App Home). Who may is known without asking Slack, so each click is
 * recorded with compare-and-set before the ack; the modal opens after it; replies and message edits are owed to the
 * outbox.
 */
public final class HandoffListeners {

    private final Handoffs handoffs;
    private final Agreement agreement;
    private final SlackWebApi slack;
    private final AfterAck afterAck;
    private final Replies replies;
    private final Refusals refusals;
    private final Consumer<String> refreshHome;

    /**
     * {@code slack} and {@code afterAck} open the reject modal (its trigger expires in 3 s, too soon for the
     * outbox); {@code refreshHome} republishes the App Home of a user whose click on it changed nothing (a decision
     * owes the Home tabs it changes in its own transaction).
     */
    public HandoffListeners(Handoffs handoffs, Agreement agreement, SlackWebApi slack, AfterAck afterAck,
            Replies replies, Refusals refusals, Consumer<String> refreshHome) {
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
        this.replies = Objects.requireNonNull(replies, "replies == null");
        this.refusals = Objects.requireNonNull(refusals, "refusals == null");
        this.refreshHome = Objects.requireNonNull(refreshHome, "refreshHome == null");
    }

    public void register(App app) {
        app.blockAction(HandoffActions.ACCEPT, this::accept);
        app.blockAction(HandoffActions.REJECT, this::reject);
        app.viewSubmission(HandoffActions.REJECT_MODAL, new RejectSubmission(handoffs, agreement));
        app.blockAction(HandoffActions.CONTACTED, this::contacted);
    }

    private Response accept(BlockActionRequest req, ActionContext ctx) {
        long id = handoffId(req);
        String user = req.getPayload().getUser().getId();
        Outcome outcome;
        try {
            outcome = id < 0 ? new Outcome.Unknown() : handoffs.accept(id, user);
        } catch (RuntimeException e) {
            return busyOrThrow(e, req, ctx);
        }
        reply(req, refusals.explain(outcome, Step.ACCEPT));
        return ctx.ack();
    }

    private Response reject(BlockActionRequest req, ActionContext ctx) {
        long id = handoffId(req);
        String user = req.getPayload().getUser().getId();
        Outcome outcome;
        try {
            outcome = id < 0 ? new Outcome.Unknown() : handoffs.checkDecidable(id, user);
        } catch (RuntimeException e) {
            return busyOrThrow(e, req, ctx);
        }
        if (outcome instanceof Outcome.Done done) {
            String triggerId = req.getPayload().getTriggerId();
            afterAck.run("Opening the reject modal",
                    () -> slack.openView(triggerId, RejectModal.view(done.handoff(), agreement)));
        } else {
            reply(req, refusals.explain(outcome, Step.REJECT));
        }
        return ctx.ack();
    }

    private Response contacted(BlockActionRequest req, ActionContext ctx) {
        long id = handoffId(req);
        String user = req.getPayload().getUser().getId();
        Outcome outcome;
        try {
            outcome = id < 0 ? new Outcome.Unknown() : handoffs.markContacted(id, user);
        } catch (RuntimeException e) {
            return busyOrThrow(e, req, ctx);
        }
        reply(req, refusals.explain(outcome, Step.MARK_CONTACTED));
        return ctx.ack();
    }

    /**
     * Tells the clicking user why nothing changed: an ephemeral reply in place, or, for a click on the App Home
     * (which has no response URL), a direct message; a Home click also refreshes the Home tab either way.
     */
    private void reply(BlockActionRequest req, String text) {
        if (text == null) {
            return;
        }
        String user = req.getPayload().getUser().getId();
        replies.tell(req.getPayload().getResponseUrl(), user, text);
        if (req.getPayload().getResponseUrl() == null) {
            refreshHome.accept(user);
        }
    }

    private Response busyOrThrow(RuntimeException e, BlockActionRequest req, ActionContext ctx) {
        if (!Busy.isBusy(e)) {
            throw e;
        }
        // Not through the outbox: it could only store the reply behind the lock that made the click give up.
        replies.tellDespiteTheDatabase(req.getPayload().getResponseUrl(), req.getPayload().getUser().getId(),
                DecisionNotices.tryAgain());
        return ctx.ack();
    }

    static long handoffId(BlockActionRequest req) {
        var actions = req.getPayload().getActions();
        if (actions == null || actions.isEmpty()) {
            return -1;
        }
        return parseId(actions.get(0).getValue());
    }

    static long parseId(String value) {
        if (value == null || value.length() > 18 || !value.chars().allMatch(Character::isDigit) || value.isEmpty()) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
