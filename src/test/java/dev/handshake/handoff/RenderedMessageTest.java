package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.divider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedMessageTest {

    @Test
    void refusesBlankOrOverlongFallbackText() {
        assertThatThrownBy(() -> new Rendered(" \n", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rendered("x".repeat(3001), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Rendered("x".repeat(3000), List.of()).text()).hasSize(3000);
    }

    @Test
    void refusesMoreBlocksThanSlackAllows() {
        List<LayoutBlock> fifty = Collections.nCopies(50, divider());
        List<LayoutBlock> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add(divider());

        assertThat(new Rendered("ok", fifty).blocks()).hasSize(50);
        assertThatThrownBy(() -> new Rendered("ok", fiftyOne)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsItsOwnCopyOfTheBlocks() {
        List<LayoutBlock> blocks = new ArrayList<>(List.of(divider()));
        Rendered rendered = new Rendered("ok", blocks);

        blocks.add(divider());

        assertThat(rendered.blocks()).hasSize(1);
    }
}
