package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The modal a rep fills in to reject a lead: a required reason, chosen from the agreement's rejection reasons
 * and the stage's entry criteria ("Does not meet: …"), and an optional comment for marketing.
 */
public final class RejectModal {

    /** Slack's limit on a select option's text. */
    static final int OPTION_TEXT_LIMIT = 75;
    /** Slack's limit on a static select's options. */
    static final int MAX_OPTIONS = 100;
    static final int COMMENT_MAX_LENGTH = 500;
    static final String DOES_NOT_MEET = "Does not meet: ";
    /** Offered only when the agreement gives nothing to choose from, since a select needs at least one option. */
    static final String OTHER = "Other (explain in the comment)";

    private static final String OTHER_KEY = "o";

    private RejectModal() {}

    /** The modal; its private_metadata is the handoff id. */
    public static View view(Handoff h, Agreement a) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String about = "Rejecting *" + HandoffText.leadSummary(h) + "* · " + HandoffText.stageName(h, a);
        List<OptionObject> options = options(h, a);
        return Views.view(v -> v
                .type("modal")
                .callbackId(HandoffActions.REJECT_MODAL)
                .privateMetadata(HandoffActions.value(h))
                .title(viewTitle(t -> t.type("plain_text").text("Reject lead")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Reject")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .notifyOnClose(false)
                .blocks(List.of(
                        context(List.of(markdownText(about))),
                        input(i -> i
                                .blockId(HandoffActions.REASON_BLOCK)
                                .label(plainText("Reason"))
                                .element(staticSelect(s -> s
                                        .actionId(HandoffActions.REASON_ACTION)
                                        .placeholder(plainText("Choose a reason"))
                                        .options(options)))),
                        input(i -> i
                                .blockId(HandoffActions.COMMENT_BLOCK)
                                .optional(true)
                                .label(plainText("Comment for marketing"))
                                .element(plainTextInput(p -> p
                                        .actionId(HandoffActions.COMMENT_ACTION)
                                        .multiline(true)
                                        .maxLength(COMMENT_MAX_LENGTH)
                                        .placeholder(plainText("What should marketing know?"))))))));
    }

    /** The full reason text for an option value the modal offered; empty for any value it could not have sent. */
    public static Optional<String> reasonFor(String optionValue, Handoff h, Agreement a) {
        if (optionValue == null) {
            return Optional.empty();
        }
        return choices(h, a).stream().filter(c -> c.key().equals(optionValue)).findFirst().map(Choice::reason);
    }

    private static List<OptionObject> options(Handoff h, Agreement a) {
        return choices(h, a).stream()
                .map(c -> option(plainText(Mrkdwn.truncate(c.reason(), OPTION_TEXT_LIMIT)), c.key()))
                .toList();
    }

    /** The reasons on offer, keyed by position so option values stay short and stable: r0, r1, …, c0, c1, …. */
    private static List<Choice> choices(Handoff h, Agreement a) {
        List<Choice> choices = new ArrayList<>();
        List<String> reasons = a.handoff().rejectionReasons();
        for (int i = 0; i < reasons.size() && choices.size() < MAX_OPTIONS; i++) {
            if (!SlackText.isBlank(reasons.get(i))) {
                choices.add(new Choice("r" + i, reasons.get(i).strip()));
            }
        }
        List<String> criteria = a.stage(h.stage()).map(Stage::entryCriteria).orElse(List.of());
        for (int i = 0; i < criteria.size() && choices.size() < MAX_OPTIONS; i++) {
            if (!SlackText.isBlank(criteria.get(i))) {
                choices.add(new Choice("c" + i, DOES_NOT_MEET + criteria.get(i).strip()));
            }
        }
        if (choices.isEmpty()) {
            choices.add(new Choice(OTHER_KEY, OTHER));
        }
        return choices;
    }

    private record Choice(String key, String reason) {}
}
