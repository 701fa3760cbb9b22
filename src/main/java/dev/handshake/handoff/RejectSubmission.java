package dev.handshake.handoff;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.handshake.agreement.Agreement;
import dev.handshake.db.Busy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The reject modal's submission: checks the reason and comment, then records the rejection (compare-and-set). */
final class RejectSubmission implements ViewSubmissionHandler {

    static final int MAX_COMMENT = 500;

    private final Handoffs handoffs;
    private final Agreement agreement;

    RejectSubmission(Handoffs handoffs, Agreement agreement) {
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        long id = HandoffListeners.parseId(view.getPrivateMetadata());
        Optional<Handoff> handoff = id < 0 ? Optional.empty() : handoffs.find(id);
        if (handoff.isEmpty()) {
            return ctx.ackWithErrors(Map.of(HandoffActions.REASON_BLOCK, "This lead is no longer in Handshake."));
        }
        Map<String, Map<String, ViewState.Value>> values = view.getState() == null
                || view.getState().getValues() == null ? Map.of() : view.getState().getValues();
        ViewState.Value reasonValue = value(values, HandoffActions.REASON_BLOCK, HandoffActions.REASON_ACTION);
        String key = reasonValue == null || reasonValue.getSelectedOption() == null ? null
                : reasonValue.getSelectedOption().getValue();
        Optional<String> reason = key == null ? Optional.empty() : RejectModal.reasonFor(key, handoff.get(), agreement);
        if (reason.isEmpty()) {
            return ctx.ackWithErrors(Map.of(HandoffActions.REASON_BLOCK, "Choose a reason from the list."));
        }
        ViewState.Value commentValue = value(values, HandoffActions.COMMENT_BLOCK, HandoffActions.COMMENT_ACTION);
        String comment = commentValue == null || commentValue.getValue() == null || commentValue.getValue().isBlank()
                ? null : commentValue.getValue().strip();
        if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            return ctx.ackWithErrors(Map.of(HandoffActions.COMMENT_BLOCK,
                    "Keep the comment to " + MAX_COMMENT + " characters."));
        }
        Outcome outcome;
        try {
            outcome = handoffs.reject(id, req.getPayload().getUser().getId(), reason.get(), comment);
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                return ctx.ackWithErrors(Map.of(HandoffActions.REASON_BLOCK, DecisionNotices.tryAgain()));
            }
            throw e;
        }
        if (outcome instanceof Outcome.Done) {
            return ctx.ack();
        }
        // Modal errors are plain text: no mentions or date tokens.
        String error = outcome instanceof Outcome.AlreadyDone done
                ? done.handoff().status() != HandoffStatus.PENDING
                        ? "Too late: this lead was already " + done.handoff().status().key() + "."
                        : "Too late: this lead is " + done.handoff().state().key() + " now."
                : outcome instanceof Outcome.NotAllowed
                ? "Only the assigned rep can reject this lead."
                : "This lead is no longer in Handshake.";
        return ctx.ackWithErrors(Map.of(HandoffActions.REASON_BLOCK, error));
    }

    private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values, String block, String action) {
        Map<String, ViewState.Value> inBlock = values.get(block);
        return inBlock == null ? null : inBlock.get(action);
    }
}
