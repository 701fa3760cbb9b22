package dev.handshake.review;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.handshake.agreement.Agreement;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.slack.Replies;
import dev.handshake.slack.SlackWebApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The review reminder's buttons and modal: Mark as reviewed (outcome and notes) and Remind me next week; and on the
 * action items of a review that decided to change the agreement, "I opened the change".
 */
public final class ReviewListeners {

    static final Duration SNOOZE = Duration.ofDays(7);

    private final ReviewStore store;
    private final Agreement agreement;
    private final SlackWebApi slack;
    private final AfterAck afterAck;
    private final Replies replies;
    private final Clock clock;

    /** {@code slack} and {@code afterAck} open the modal (its trigger expires in 3 s, too soon for the outbox). */
    public ReviewListeners(ReviewStore store, Agreement agreement, SlackWebApi slack, AfterAck afterAck,
            Replies replies, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
        this.replies = Objects.requireNonNull(replies, "replies == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public void register(App app) {
        app.blockAction(ReviewActions.DONE, this::done);
        app.blockAction(ReviewActions.SNOOZE, this::snooze);
        app.viewSubmission(ReviewActions.MODAL, this::submitted);
        app.blockAction(ReviewActions.CHANGE_OPENED, this::changeOpened);
    }

    /** "I opened the change": recorded once, by one of the agreement's two owners. */
    private Response changeOpened(BlockActionRequest req, ActionContext ctx) {
        String user = req.getPayload().getUser().getId();
        Optional<Review> review = review(req);
        if (review.isEmpty() || !"change".equals(review.get().outcome())) {
            reply(req, "This review is no longer known to Handshake.");
        } else if (!isOwner(user)) {
            reply(req, "Only the agreement's owners can say the change is open: the marketing owner and the sales "
                    + "owner named in sla.yml.");
        } else if (!store.changeOpened(review.get().period(), user, clock.instant(),
                channel -> ReviewReminders.actionItemsRefreshOf(review.get().period(), channel))) {
            String by = store.find(review.get().period()).map(Review::changeOpenedBy).orElse(null);
            reply(req, "Already recorded: " + Mrkdwn.mention(by) + " opened the change.");
        }
        return ctx.ack();
    }

    private boolean isOwner(String user) {
        return user.equals(agreement.owners().marketing().slackUser())
                || user.equals(agreement.owners().sales().slackUser());
    }

    private Response done(BlockActionRequest req, ActionContext ctx) {
        Optional<Review> review = review(req);
        if (review.isEmpty() || review.get().reviewed()) {
            reply(req, review.isEmpty() ? "This review is no longer known to Handshake."
                    : "Already marked reviewed by " + Mrkdwn.mention(review.get().reviewedBy()) + ".");
        } else {
            String triggerId = req.getPayload().getTriggerId();
            String period = review.get().period();
            afterAck.run("Opening the review modal", () -> slack.openView(triggerId, ReviewModal.view(period)));
        }
        return ctx.ack();
    }

    private Response snooze(BlockActionRequest req, ActionContext ctx) {
        Optional<Review> review = review(req);
        Instant until = clock.instant().plus(SNOOZE);
        if (review.isPresent() && store.snooze(review.get().period(), until)) {
            reply(req, "I'll post the review reminder again in a week, on <!date^" + until.getEpochSecond()
                    + "^{date_short_pretty}|" + until + ">, unless it is marked reviewed before.");
        } else {
            reply(req, "This review is already done.");
        }
        return ctx.ack();
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        String period = view.getPrivateMetadata();
        Map<String, Map<String, ViewState.Value>> values = view.getState() == null
                || view.getState().getValues() == null ? Map.of() : view.getState().getValues();
        ViewState.Value outcome = value(values, ReviewActions.OUTCOME_BLOCK, ReviewActions.OUTCOME_ACTION);
        String chosen = outcome == null || outcome.getSelectedOption() == null ? null
                : outcome.getSelectedOption().getValue();
        if (!"keep".equals(chosen) && !"change".equals(chosen)) {
            return ctx.ackWithErrors(Map.of(ReviewActions.OUTCOME_BLOCK, "Choose keep as is, or change."));
        }
        ViewState.Value notesValue = value(values, ReviewActions.NOTES_BLOCK, ReviewActions.NOTES_ACTION);
        String notes = notesValue == null || notesValue.getValue() == null || notesValue.getValue().isBlank()
                ? null : notesValue.getValue().strip();
        if (notes != null && notes.codePointCount(0, notes.length()) > ReviewModal.MAX_NOTES) {
            return ctx.ackWithErrors(Map.of(ReviewActions.NOTES_BLOCK,
                    "Keep the notes to " + ReviewModal.MAX_NOTES + " characters."));
        }
        if (period == null || store.find(period).isEmpty()) {
            return ctx.ackWithErrors(Map.of(ReviewActions.OUTCOME_BLOCK, "This review is no longer known."));
        }
        if (!store.reviewed(period, req.getPayload().getUser().getId(), chosen, notes, clock.instant(),
                channel -> ReviewReminders.refreshOf(period, channel),
                ReviewReminders.actionItemsOf(period, agreement.review().channel()))) {
            return ctx.ackWithErrors(Map.of(ReviewActions.OUTCOME_BLOCK, "Someone already marked it reviewed."));
        }
        return ctx.ack();
    }

    private Optional<Review> review(BlockActionRequest req) {
        String period = req.getPayload().getActions().get(0).getValue();
        return period == null || period.length() > 20 ? Optional.empty() : store.find(period);
    }

    private void reply(BlockActionRequest req, String text) {
        replies.tell(req.getPayload().getResponseUrl(), req.getPayload().getUser().getId(), text);
    }

    private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values, String block, String action) {
        Map<String, ViewState.Value> inBlock = values.get(block);
        return inBlock == null ? null : inBlock.get(action);
    }
}
