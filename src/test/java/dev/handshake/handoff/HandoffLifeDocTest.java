package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/HANDOFFS.md draws the handoff's life as the code enforces it, not as it once was. */
class HandoffLifeDocTest {

    @Test
    void theDiagramInTheDocsIsTheTableInTheCode() throws Exception {
        String doc = Files.readString(Path.of("docs/HANDOFFS.md"));

        assertThat(doc).contains("```mermaid\n" + HandoffLife.mermaid() + "```");
    }
}
