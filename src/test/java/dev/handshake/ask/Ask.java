package dev.handshake.ask;

import java.util.List;

/** Asks {@code /sla} through the agreement's own registry, as the listener does: parsed, then answered. */
final class Ask {

    private Ask() {}

    static Answer answer(SlaAnswers answers, String text, AnswerContext context) {
        return answer(answers.commands(() -> context, context::today, List.of()), text);
    }

    static Answer answer(SlaCommands commands, String text) {
        SlaQuery query = commands.parse(text);
        return commands.handlerFor(query).answer(new SlaRequest(query, "U0ASKER001", "C0GENERAL1"));
    }
}
