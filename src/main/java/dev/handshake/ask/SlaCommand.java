package dev.handshake.ask;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One {@code /sla} command, declared by the capability that answers it: the words that call it (its name first,
 * then its aliases), its lines on the help card, which of its questions only answer, and its handler. A question
 * that only answers stores and sends nothing (its answer goes back in the acknowledgement), so the replay guard does
 * not remember it: a replay just gets the answer again. Any other is remembered, so a replay has no second effect.
 */
public record SlaCommand(List<String> words, List<HelpLine> help, Predicate<SlaQuery> onlyAnswersWhen,
        Handler handler) {

    /** Answers a {@code /sla} command in the acknowledgement; called on Bolt's request thread, within 3 seconds. */
    @FunctionalInterface
    public interface Handler {

        Answer answer(SlaRequest request);

        /** The answer as the acknowledgement's body; a handler whose answers repeat may keep the JSON it wrote. */
        default String json(SlaRequest request) {
            return answer(request).json();
        }
    }

    public SlaCommand {
        words = List.copyOf(words);
        help = List.copyOf(help);
        Objects.requireNonNull(onlyAnswersWhen, "onlyAnswersWhen == null");
        Objects.requireNonNull(handler, "handler == null");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a /sla command needs at least one word");
        }
    }

    /** A command that always only answers ({@code onlyAnswers}), or never does. */
    public SlaCommand(List<String> words, List<HelpLine> help, boolean onlyAnswers, Handler handler) {
        this(words, help, query -> onlyAnswers, handler);
    }

    /** A question: it stores and sends nothing, and is answered again when Slack's request is replayed. */
    public static SlaCommand question(List<String> words, List<HelpLine> help, Handler handler) {
        return new SlaCommand(words, help, true, handler);
    }

    /** A command with an effect (it stores something or owes Slack a call): a replayed request is not run again. */
    public static SlaCommand withEffect(List<String> words, List<HelpLine> help, Handler handler) {
        return new SlaCommand(words, help, false, handler);
    }

    /**
     * A question, except when {@code hasEffect} tells that this one stores something or owes Slack a call (
     * {@code /sla stats … chart}): those are remembered, so a replayed request is not run again.
     */
    public static SlaCommand questionUnless(List<String> words, List<HelpLine> help, Predicate<SlaQuery> hasEffect,
            Handler handler) {
        Objects.requireNonNull(hasEffect, "hasEffect == null");
        return new SlaCommand(words, help, hasEffect.negate(), handler);
    }

    /** Whether answering this question stores and sends nothing. */
    public boolean onlyAnswers(SlaQuery query) {
        return onlyAnswersWhen.test(query);
    }

    /** The word it is known by, its first. */
    public String name() {
        return words.get(0);
    }
}
