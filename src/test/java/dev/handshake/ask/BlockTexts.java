package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.util.json.GsonFactory;
import java.util.ArrayList;
import java.util.List;

/** Reads the text out of rendered blocks, and checks them against Block Kit's limits. */
final class BlockTexts {

    private BlockTexts() {}

    /** Every text in the blocks, in order, one per line. */
    static String all(Answer answer) {
        return String.join("\n", texts(answer.blocks()));
    }

    static List<String> texts(List<LayoutBlock> blocks) {
        List<String> texts = new ArrayList<>();
        for (LayoutBlock block : blocks) {
            if (block instanceof HeaderBlock header) {
                texts.add(header.getText().getText());
            } else if (block instanceof SectionBlock section) {
                if (section.getText() != null) {
                    texts.add(section.getText().getText());
                }
                if (section.getFields() != null) {
                    section.getFields().forEach(f -> texts.add(f.getText()));
                }
            } else if (block instanceof ContextBlock context) {
                for (ContextBlockElement element : context.getElements()) {
                    texts.add(((TextObject) element).getText());
                }
            }
        }
        return texts;
    }

    static String header(Answer answer) {
        return ((HeaderBlock) answer.blocks().get(0)).getText().getText();
    }

    /** The texts of the section blocks (not fields), in order. */
    static List<String> sectionTexts(Answer answer) {
        return answer.blocks().stream()
                .filter(b -> b instanceof SectionBlock s && s.getText() != null)
                .map(b -> ((SectionBlock) b).getText().getText())
                .toList();
    }

    static String lastContext(Answer answer) {
        LayoutBlock last = answer.blocks().get(answer.blocks().size() - 1);
        assertThat(last).isInstanceOf(ContextBlock.class);
        return ((TextObject) ((ContextBlock) last).getElements().get(0)).getText();
    }

    static String json(Answer answer) {
        return GsonFactory.createSnakeCase().toJson(answer.blocks());
    }

    /** Fails when the answer would be rejected by Slack as invalid blocks. */
    static void assertWithinSlackLimits(Answer answer) {
        assertThat(answer.text()).isNotBlank().hasSizeLessThanOrEqualTo(3000);
        assertThat(answer.blocks()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        for (LayoutBlock block : answer.blocks()) {
            if (block instanceof HeaderBlock header) {
                assertThat(header.getText().getText()).isNotBlank().hasSizeLessThanOrEqualTo(150);
            } else if (block instanceof SectionBlock section) {
                if (section.getText() != null) {
                    assertThat(section.getText().getText()).isNotBlank().hasSizeLessThanOrEqualTo(3000);
                } else {
                    assertThat(section.getFields()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
                    section.getFields().forEach(f ->
                            assertThat(f.getText()).isNotBlank().hasSizeLessThanOrEqualTo(2000));
                }
            } else if (block instanceof ContextBlock context) {
                assertThat(context.getElements()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
                context.getElements().forEach(e ->
                        assertThat(((TextObject) e).getText()).isNotBlank().hasSizeLessThanOrEqualTo(3000));
            } else {
                assertThat(block).isInstanceOf(DividerBlock.class);
            }
        }
    }
}
