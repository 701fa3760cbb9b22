package dev.handshake.handoff;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.handshake.agreement.Agreement;
import dev.handshake.db.Busy;
import dev.handshake.people.Directory;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Replies;
import dev.handshake.slack.SlackReads;
import dev.handshake.slack.SlackWebApi;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The buttons only marketing or the escalation target may press: Recycle to nurture and Contest (marketing),
 * Reassign… and Take it (the escalation target; marketing too may reassign an unclaimed lead), Uphold rejection and
 * Reopen (the escalation target). Who someone is may take a Slack call, so each click is acknowledged first; the
 * step is then checked and recorded on the app's own executor, and anyone it is not for is told why, privately.
 */
public final class LifecycleListeners {

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");

    private final Handoffs handoffs;
    private final Agreement agreement;
    private final SlackWebApi slack;
    private final Directory directory;
    private final AfterAck afterAck;
    private final Replies replies;
    private final Refusals refusals;
    private final Consumer<String> refreshHome;

    /** {@code refreshHome} republishes a user's App Home after they act on a handoff. */
    public LifecycleListeners(Handoffs handoffs, Agreement agreement, SlackWebApi slack, Directory directory,
            AfterAck afterAck, Replies replies, Refusals refusals, Consumer<String> refreshHome) {
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.directory = Objects.requireNonNull(directory, "directory == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
        this.replies = Objects.requireNonNull(replies, "replies == null");
        this.refusals = Objects.requireNonNull(refusals, "refusals == null");
        this.refreshHome = Objects.requireNonNull(refreshHome, "refreshHome == null");
    }

    public void register(App app) {
        app.blockAction(HandoffActions.RECYCLE, (req, ctx) -> step(req, ctx, Step.RECYCLE,
                (id, user) -> handoffs.answerRejection(id, user, MarketingOutcome.Kind.RECYCLED)));
        app.blockAction(HandoffActions.CONTEST, (req, ctx) -> step(req, ctx, Step.CONTEST,
                (id, user) -> handoffs.answerRejection(id, user, MarketingOutcome.Kind.CONTESTED)));
        app.blockAction(HandoffActions.TAKE, (req, ctx) -> step(req, ctx, Step.TAKE, handoffs::take));
        app.blockAction(HandoffActions.UPHOLD, (req, ctx) -> step(req, ctx, Step.UPHOLD, handoffs::uphold));
        app.blockAction(HandoffActions.REOPEN, (req, ctx) -> step(req, ctx, Step.REOPEN, handoffs::reopen));
        app.blockAction(HandoffActions.REASSIGN, this::pick);
        app.blockAction(HandoffActions.REASSIGN_OTHER, (req, ctx) -> {
            openPicker(req, HandoffListeners.handoffId(req));
            return ctx.ack();
        });
        app.viewSubmission(HandoffActions.REASSIGN_MODAL, this::picked);
    }

    /** A step on a handoff by the clicking user: the id in, the outcome out. */
    @FunctionalInterface
    private interface Move {
        Outcome apply(long id, String userId);
    }

    private Response step(BlockActionRequest req, ActionContext ctx, Step step, Move move) {
        long id = HandoffListeners.handoffId(req);
        String user = req.getPayload().getUser().getId();
        String responseUrl = req.getPayload().getResponseUrl();
        afterAck.run("Handoff step " + step.name().toLowerCase(java.util.Locale.ROOT), () ->
                settle(id < 0 ? new Outcome.Unknown() : attempt(() -> move.apply(id, user)), step, user, responseUrl));
        return ctx.ack();
    }

    /** Reassign…: a rep of the pool, or "Someone else…", which opens the picker of anyone. */
    private Response pick(BlockActionRequest req, ActionContext ctx) {
        var actions = req.getPayload().getActions();
        String chosen = actions == null || actions.isEmpty() || actions.get(0).getSelectedOption() == null ? null
                : actions.get(0).getSelectedOption().getValue();
        int colon = chosen == null ? -1 : chosen.indexOf(':');
        long id = colon < 0 ? -1 : HandoffListeners.parseId(chosen.substring(0, colon));
        String rep = colon < 0 ? null : chosen.substring(colon + 1);
        if (HandoffActions.SOMEONE_ELSE.equals(rep)) {
            openPicker(req, id);
        } else {
            reassign(id, req.getPayload().getUser().getId(), rep, req.getPayload().getResponseUrl());
        }
        return ctx.ack();
    }

    private void openPicker(BlockActionRequest req, long id) {
        String user = req.getPayload().getUser().getId();
        String responseUrl = req.getPayload().getResponseUrl();
        String triggerId = req.getPayload().getTriggerId();
        afterAck.run("Opening the reassign modal", () -> {
            Outcome check = id < 0 ? new Outcome.Unknown() : attempt(() -> handoffs.check(id, Step.REASSIGN, user));
            if (check instanceof Outcome.Done done) {
                slack.openView(triggerId, ReassignModal.view(done.handoff(), agreement));
            } else {
                settle(check, Step.REASSIGN, user, responseUrl);
            }
        });
    }

    private Response picked(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        long id = HandoffListeners.parseId(view.getPrivateMetadata());
        Map<String, Map<String, ViewState.Value>> values = view.getState() == null
                || view.getState().getValues() == null ? Map.of() : view.getState().getValues();
        Map<String, ViewState.Value> block = values.get(HandoffActions.REP_BLOCK);
        ViewState.Value value = block == null ? null : block.get(HandoffActions.REP_ACTION);
        String rep = value == null ? null : value.getSelectedUser();
        if (rep == null || !USER_ID.matcher(rep).matches()) {
            return ctx.ackWithErrors(Map.of(HandoffActions.REP_BLOCK, "Pick the rep to hand the lead to."));
        }
        reassign(id, req.getPayload().getUser().getId(), rep, null);
        return ctx.ack();
    }

    private void reassign(long id, String user, String rep, String responseUrl) {
        afterAck.run("Reassigning a handoff", () -> {
            if (id < 0 || rep == null || !USER_ID.matcher(rep).matches()) {
                settle(new Outcome.Unknown(), Step.REASSIGN, user, responseUrl);
                return;
            }
            Optional<SlackReads.SlackUser> member = directory.user(rep);
            if (member.isEmpty() || member.get().deleted() || member.get().bot()) {
                replies.tell(responseUrl, user, member.isPresent() && member.get().bot()
                        ? "<@" + rep + "> is an app, not a rep: pick someone else."
                        : "<@" + rep + "> is deactivated in Slack (or not in this workspace): pick someone else.");
                return;
            }
            settle(attempt(() -> handoffs.reassign(id, user, rep)), Step.REASSIGN, user, responseUrl);
        });
    }

    /** Runs a step; a database too busy to record it is an outcome the user is told about, not a failure. */
    private Outcome attempt(java.util.function.Supplier<Outcome> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                return null;
            }
            throw e;
        }
    }

    /** Tells the user why nothing changed (privately), or refreshes the Home tabs the change touches. */
    private void settle(Outcome outcome, Step step, String user, String responseUrl) {
        if (outcome == null) {
            replies.tell(responseUrl, user, DecisionNotices.tryAgain());
            return;
        }
        if (outcome instanceof Outcome.Done done) {
            refreshHome.accept(user);
            Handoff handoff = done.handoff();
            if (handoff.assignee() != null && !handoff.assignee().equals(user)) {
                refreshHome.accept(handoff.assignee());
            }
            return;
        }
        replies.tell(responseUrl, user, refusals.explain(outcome, step));
        if (responseUrl == null) {
            refreshHome.accept(user);
        }
    }
}
