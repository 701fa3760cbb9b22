package dev.handshake.ask;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import java.util.List;

/**
 * The answer when nothing in the agreement matches: the question echoed back (escaped and cut, since it is
 * user text), up to three close terms, and how to list everything. Always shown only to the asker.
 */
final class UnknownTermAnswer {

    static final int ECHO_LIMIT = 80;
    private static final String LIST_EVERYTHING =
            "Type `/sla stages`, `/sla personas` or `/sla help` to see everything you can ask.";
    private static final String LIST_PERSONAS = "Type `/sla personas` to see them all.";

    private UnknownTermAnswer() {}

    static Answer term(String asked, List<String> suggestions) {
        return answer("term", asked, suggestions, LIST_EVERYTHING);
    }

    static Answer persona(String asked, List<String> suggestions) {
        return answer("persona", asked, suggestions, LIST_PERSONAS);
    }

    private static Answer answer(String what, String asked, List<String> suggestions, String howToList) {
        String echo = Snippets.code(asked, ECHO_LIMIT);
        String first = echo.isEmpty() ? "No " + what + " by that name" : "No " + what + " " + echo;
        String line = suggestions.isEmpty()
                ? first + ", and nothing close to it in the agreement."
                : first + ". Did you mean " + alternatives(suggestions) + "?";
        String text = line + "\n" + howToList;
        return new Answer(line, List.of(section(s -> s.text(markdownText(text)))), false);
    }

    /** "`a`", "`a` or `b`", "`a`, `b` or `c`". */
    private static String alternatives(List<String> suggestions) {
        List<String> codes = suggestions.stream().map(s -> Snippets.code(s, ECHO_LIMIT)).toList();
        if (codes.size() == 1) {
            return codes.get(0);
        }
        return String.join(", ", codes.subList(0, codes.size() - 1)) + " or " + codes.get(codes.size() - 1);
    }
}
