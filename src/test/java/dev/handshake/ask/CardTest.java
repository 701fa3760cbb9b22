package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CardTest {

    private static Answer answer(List<LayoutBlock> blocks) {
        return new Answer("fallback", blocks, false);
    }

    @Test
    void packsListLinesIntoFewSectionsInOrder() {
        List<String> lines = IntStream.range(0, 100).mapToObj(i -> "line " + i + " " + "z".repeat(90)).toList();

        List<LayoutBlock> blocks = new Card().list("*Title*", lines).blocks();

        assertThat(blocks).hasSize(4).allMatch(b -> b instanceof SectionBlock);
        String joined = String.join("\n", BlockTexts.texts(blocks));
        assertThat(joined).isEqualTo("*Title*\n" + String.join("\n", lines));
        BlockTexts.assertWithinSlackLimits(answer(blocks));
    }

    @Test
    void aListLineLongerThanASectionIsSplitWithoutLoss() {
        String longLine = "• " + "long words here ".repeat(500);
        List<String> lines = List.of("• first", longLine, "• last");

        List<LayoutBlock> blocks = new Card().list("*Title*", lines).blocks();

        BlockTexts.assertWithinSlackLimits(answer(blocks));
        assertThat(blocks.size()).isGreaterThanOrEqualTo(3);
        assertThat(String.join("", BlockTexts.texts(blocks)).replaceAll("\\s+", ""))
                .isEqualTo(("*Title*" + String.join("", lines)).replaceAll("\\s+", ""));
    }

    @Test
    void anEmptyListAddsNothing() {
        assertThat(new Card().list("*Title*", List.of()).text("  ").blocks()).isEmpty();
    }

    @Test
    void cutsAtFiftyBlocksAndCountsWhatWasLeftOut() {
        List<String> lines = IntStream.range(0, 80).mapToObj(i -> "item " + i + " " + "w".repeat(2900)).toList();

        List<LayoutBlock> blocks = new Card().header("H").list("", lines).blocks();

        assertThat(blocks).hasSize(50);
        assertThat(blocks.get(49)).isInstanceOf(ContextBlock.class);
        assertThat(BlockTexts.texts(blocks.subList(49, 50))).containsExactly("… and 32 more");
    }

    @Test
    void cutsOfNonListTextSayTheMessageWasShortened() {
        Card card = new Card();
        for (int i = 0; i < 60; i++) {
            card.text("paragraph " + i);
        }

        List<LayoutBlock> blocks = card.blocks();

        assertThat(blocks).hasSize(50);
        assertThat(BlockTexts.texts(blocks.subList(49, 50))).containsExactly("… shortened to fit in one Slack message");
    }

    @Test
    void fieldsGoTenToASectionAndAreCut() {
        List<String> fields = IntStream.range(0, 12).mapToObj(i -> i == 0 ? "a ".repeat(1500) : "f" + i).toList();

        List<LayoutBlock> blocks = new Card().fields(fields).blocks();

        assertThat(blocks).hasSize(2);
        assertThat(((SectionBlock) blocks.get(0)).getFields()).hasSize(10);
        assertThat(((SectionBlock) blocks.get(1)).getFields()).hasSize(2);
        assertThat(((SectionBlock) blocks.get(0)).getFields().get(0).getText()).hasSizeLessThanOrEqualTo(2000)
                .endsWith("…");
    }

    @Test
    void doesNotStackDividers() {
        List<LayoutBlock> blocks = new Card().divider().text("a").divider().divider().text("b").blocks();

        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(1)).isInstanceOf(DividerBlock.class);
    }

    @Test
    void aBlankHeaderStillHasText() {
        assertThat(BlockTexts.texts(new Card().header("  ").blocks())).containsExactly("(unnamed)");
    }
}
