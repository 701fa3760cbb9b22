package dev.handshake.review;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;

import com.slack.api.model.view.View;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import java.util.List;

/** The "Mark as reviewed" modal: the outcome (keep as is, or change) and notes. */
public final class ReviewModal {

    static final int MAX_NOTES = 2000;

    private ReviewModal() {}

    public static View view(String period) {
        return View.builder()
                .type("modal")
                .callbackId(ReviewActions.MODAL)
                .privateMetadata(period)
                .title(viewTitle(t -> t.type("plain_text").text("SLA review " + period.substring(0,
                        Math.min(period.length(), 13)))))
                .submit(viewSubmit(t -> t.type("plain_text").text("Save")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        input(i -> i.blockId(ReviewActions.OUTCOME_BLOCK).label(plainText("Outcome"))
                                .element(radioButtons(r -> r.actionId(ReviewActions.OUTCOME_ACTION).options(List.of(
                                        option(plainText("Keep the agreement as is"), "keep"),
                                        option(plainText("Change the agreement"), "change")))))),
                        input(i -> i.blockId(ReviewActions.NOTES_BLOCK).label(plainText("Notes")).optional(true)
                                .element(plainTextInput(t -> t.actionId(ReviewActions.NOTES_ACTION).multiline(true)
                                        .maxLength(MAX_NOTES))))))
                .build();
    }
}
