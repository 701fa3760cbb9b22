package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.StageHandoff;
import java.util.List;
import java.util.Objects;

/** Reassign… to someone outside the pool: a picker of anyone in the workspace. Its private_metadata is the handoff id. */
public final class ReassignModal {

    private ReassignModal() {}

    public static View view(Handoff h, Agreement a) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String window = a.handoffFor(h.stage()).map(StageHandoff::responseTime).map(BusinessDurations::window)
                .orElse("a fresh deadline");
        String about = "Reassigning *" + HandoffText.leadSummary(h) + "* · " + HandoffText.stageName(h, a)
                + ". The rep gets a direct message with Accept and Reject, and " + window + " to decide.";
        return Views.view(v -> v
                .type("modal")
                .callbackId(HandoffActions.REASSIGN_MODAL)
                .privateMetadata(HandoffActions.value(h))
                .title(viewTitle(t -> t.type("plain_text").text("Reassign lead")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Reassign")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .notifyOnClose(false)
                .blocks(List.of(
                        context(List.of(markdownText(about))),
                        input(i -> i
                                .blockId(HandoffActions.REP_BLOCK)
                                .label(plainText("Reassign to"))
                                .element(usersSelect(s -> s
                                        .actionId(HandoffActions.REP_ACTION)
                                        .placeholder(plainText("Pick a rep"))))))));
    }
}
