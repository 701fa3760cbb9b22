package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.view.View;
import dev.handshake.agreement.Agreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RejectModalViewTest {

    private final Agreement agreement = agreement().build();
    private final Handoff handoff = handoff().build();

    @Test
    void isAModalThatComesBackToTheHandoff() {
        JsonNode view = RenderJson.tree(RejectModal.view(handoff, agreement));

        assertThat(view.path("type").asText()).isEqualTo("modal");
        assertThat(view.path("callback_id").asText()).isEqualTo(HandoffActions.REJECT_MODAL);
        assertThat(view.path("private_metadata").asText()).isEqualTo("42");
        assertThat(view.path("title").path("text").asText()).isEqualTo("Reject lead");
        assertThat(view.path("submit").path("text").asText()).isEqualTo("Reject");
        assertThat(view.path("close").path("text").asText()).isEqualTo("Cancel");
        assertThat(view.path("notify_on_close").asBoolean(true)).isFalse();
        assertThat(view.path("blocks").get(0).path("type").asText()).isEqualTo("context");
        assertThat(view.path("blocks").get(0).path("elements").get(0).path("text").asText())
                .isEqualTo("Rejecting *Dana Whitfield (Northwind Logistics)* · MQL");
    }

    @Test
    void reasonIsARequiredSelectOfAgreedReasonsThenUnmetCriteria() {
        JsonNode reason = block(RejectModal.view(handoff, agreement), HandoffActions.REASON_BLOCK);

        assertThat(reason.path("type").asText()).isEqualTo("input");
        assertThat(reason.path("optional").asBoolean(true)).isFalse();
        JsonNode select = reason.path("element");
        assertThat(select.path("type").asText()).isEqualTo("static_select");
        assertThat(select.path("action_id").asText()).isEqualTo(HandoffActions.REASON_ACTION);
        assertThat(texts(select)).containsExactly("Not a decision maker", "Bad contact data", "Already a customer",
                "Does not meet: Title is director or above", "Does not meet: Company has 200+ employees");
        assertThat(values(select)).containsExactly("r0", "r1", "r2", "c0", "c1");
    }

    @Test
    void commentIsAnOptionalMultilineInputOfAtMost500Characters() {
        JsonNode comment = block(RejectModal.view(handoff, agreement), HandoffActions.COMMENT_BLOCK);

        assertThat(comment.path("optional").asBoolean()).isTrue();
        JsonNode input = comment.path("element");
        assertThat(input.path("type").asText()).isEqualTo("plain_text_input");
        assertThat(input.path("action_id").asText()).isEqualTo(HandoffActions.COMMENT_ACTION);
        assertThat(input.path("multiline").asBoolean()).isTrue();
        assertThat(input.path("max_length").asInt()).isEqualTo(500);
    }

    @Test
    void everyOfferedKeyMapsBackToItsFullReason() {
        String longCriterion = "Has a budget owner named in the CRM and a signed-off project "
                + "plan for the next two quarters 🚚🚚🚚🚚🚚";
        Agreement a = agreement().entryCriteria(List.of("Title is director or above", longCriterion)).build();
        JsonNode select = block(RejectModal.view(handoff, a), HandoffActions.REASON_BLOCK).path("element");

        assertThat(texts(select)).allSatisfy(t -> {
            assertThat(t).hasSizeLessThanOrEqualTo(RejectModal.OPTION_TEXT_LIMIT);
            RenderJson.assertNoBrokenSurrogates(t);
        });
        assertThat(texts(select).get(4)).startsWith("Does not meet: Has a budget owner").endsWith("…");
        List<String> reasons = new ArrayList<>();
        for (String key : values(select)) {
            assertThat(key).hasSizeLessThanOrEqualTo(150);
            reasons.add(RejectModal.reasonFor(key, handoff, a).orElseThrow());
        }
        assertThat(reasons).containsExactly("Not a decision maker", "Bad contact data", "Already a customer",
                "Does not meet: Title is director or above", "Does not meet: " + longCriterion);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "r3", "c2", "r-1", "r01", " r0", "r0 ", "x0", "o", "Not a decision maker",
        "r99999999999999999999"})
    void forgedKeysHaveNoReason(String key) {
        assertThat(RejectModal.reasonFor(key, handoff, agreement)).isEmpty();
    }

    @Test
    void withNothingAgreedItStillOffersOneOption() {
        Agreement empty = agreement().rejectionReasons(List.of()).entryCriteria(List.of()).build();
        JsonNode select = block(RejectModal.view(handoff, empty), HandoffActions.REASON_BLOCK).path("element");

        assertThat(texts(select)).containsExactly(RejectModal.OTHER);
        assertThat(RejectModal.reasonFor(values(select).get(0), handoff, empty)).isEqualTo(Optional.of(RejectModal.OTHER));
    }

    @Test
    void leadNameInTheModalCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, null);

        View view = RejectModal.view(handoff().lead(hostile).build(), agreement);

        RenderJson.assertOnlyAppMarkup(RenderJson.strings(view), Set.of());
        assertThat(RenderJson.strings(view)).contains("Rejecting *&lt;!channel&gt; (&lt;@U0123ABCD&gt;)* · MQL");
    }

    private static JsonNode block(View view, String blockId) {
        for (JsonNode b : RenderJson.tree(view).path("blocks")) {
            if (blockId.equals(b.path("block_id").asText())) {
                return b;
            }
        }
        throw new AssertionError("no block " + blockId);
    }

    private static List<String> texts(JsonNode select) {
        List<String> out = new ArrayList<>();
        select.path("options").forEach(o -> out.add(o.path("text").path("text").asText()));
        return out;
    }

    private static List<String> values(JsonNode select) {
        List<String> out = new ArrayList<>();
        select.path("options").forEach(o -> out.add(o.path("value").asText()));
        return out;
    }
}
