package dev.handshake.ask;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A shared answer pings nobody: mentions become names, everything else stays as it was. */
class UnmentionedTest {

    private final Unmentioned unmentioned = new Unmentioned(
            id -> Optional.ofNullable(Map.of("U05SDRAVA01", "Ava <Reyes>").get(id)),
            id -> Optional.ofNullable(Map.of("S0SALESMGR1", "sales-managers").get(id)));

    @Test
    void mentionsBecomeNamesAndUnknownPeopleTheirIds() {
        assertThat(unmentioned.text("Escalated to <!subteam^S0SALESMGR1>, among <@U05SDRAVA01>, <@U05SDRBEN02|ben> "
                + "and <!subteam^S0OTHERGRP1|@others>"))
                .isEqualTo("Escalated to the sales-managers group, among Ava &lt;Reyes&gt;, U05SDRBEN02 and user group "
                        + "S0OTHERGRP1");
    }

    @Test
    void everythingElseStaysAsItWas() {
        String text = "Due <!date^1796068800^{date_short_pretty} at {time}|2026-11-30 14:00> in <#C0SALES001> — "
                + "&lt;@U05SDRAVA01&gt; *bold* <https://example.com|a link>";
        assertThat(unmentioned.text(text)).isEqualTo(text);
        assertThat(unmentioned.text("<!here> and <!channel|channel>")).isEqualTo("here and channel");
    }

    @Test
    void sectionsFieldsAndContextsAreRewrittenAndTheAnswerStaysShared() {
        Answer shared = new Answer("<@U05SDRAVA01> owns it", List.of(
                section(s -> s.text(markdownText("Owner: <@U05SDRAVA01>"))
                        .fields(List.of(markdownText("*Group* <!subteam^S0SALESMGR1>")))),
                context(List.of(markdownText("Asked by <@U05SDRAVA01>")))), true);

        Answer rewritten = unmentioned.apply(shared);

        assertThat(rewritten.share()).isTrue();
        assertThat(rewritten.text()).isEqualTo("Ava &lt;Reyes&gt; owns it");
        SectionBlock section = (SectionBlock) rewritten.blocks().get(0);
        assertThat(section.getText().getText()).isEqualTo("Owner: Ava &lt;Reyes&gt;");
        assertThat(((MarkdownTextObject) section.getFields().get(0)).getText())
                .isEqualTo("*Group* the sales-managers group");
        ContextBlock context = (ContextBlock) rewritten.blocks().get(1);
        assertThat(((MarkdownTextObject) context.getElements().get(0)).getText()).isEqualTo("Asked by Ava &lt;Reyes&gt;");
    }
}
