package dev.handshake.ask;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import java.util.List;

/** The answer for a reserved command ({@code stats}, {@code export}, …) that no feature answers yet. */
final class OtherCommandAnswer {

    private OtherCommandAnswer() {}

    static Answer render(SlaQuery query) {
        String text = Snippets.code("/sla " + query.command(), 40)
                + " is not available yet. Type `/sla help` to see what you can ask.";
        return new Answer(text, List.of(section(s -> s.text(markdownText(text)))), false);
    }
}
