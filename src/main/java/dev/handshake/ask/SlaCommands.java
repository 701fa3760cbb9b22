package dev.handshake.ask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code /sla} registry: every command the app answers, by its words. The parser and the help card read it,
 * so a command is reached by exactly the words it declares; text that starts with none of them is a lookup in the
 * agreement. Built once at start-up, where it refuses two commands claiming one word, a word that cannot be typed
 * as one, and a help line that advertises a word its command does not declare. Immutable; thread-safe.
 */
public final class SlaCommands {

    /** The word at the end of a question that posts its answer in the channel; no command may take it. */
    static final String SHARE = "share";

    private final List<SlaCommand> commands;
    private final Map<String, SlaCommand> byWord;
    private final SlaCommand.Handler lookup;

    /** {@code lookup} answers text that starts with no command's word: a term looked up in the agreement. */
    public SlaCommands(List<SlaCommand> commands, SlaCommand.Handler lookup) {
        this.commands = List.copyOf(commands);
        this.lookup = Objects.requireNonNull(lookup, "lookup == null");
        Map<String, SlaCommand> words = new LinkedHashMap<>();
        for (SlaCommand command : this.commands) {
            for (String word : command.words()) {
                checkWord(word, command);
                SlaCommand earlier = words.putIfAbsent(word, command);
                if (earlier != null) {
                    throw new IllegalStateException("/sla " + word + " is claimed by two commands: /sla "
                            + earlier.name() + " and /sla " + command.name() + "; each word may call one command");
                }
            }
            for (HelpLine line : command.help()) {
                checkHelp(line, command);
            }
        }
        if (!words.containsKey("help")) {
            throw new IllegalStateException("no /sla help command: /sla on its own asks for help");
        }
        this.byWord = Map.copyOf(words);
    }

    /** Parses the text typed after {@code /sla}; never fails, whatever the text. */
    public SlaQuery parse(String text) {
        return SlaQuery.parse(text, byWord::containsKey);
    }

    /** Who answers the question: the command of its word, or the lookup. */
    public SlaCommand.Handler handlerFor(SlaQuery query) {
        SlaCommand command = query.isLookup() ? null : byWord.get(query.command());
        return command == null ? lookup : command.handler();
    }

    /** Whether answering this text stores and sends nothing: a lookup, or a command declared a question. */
    public boolean onlyAnswers(String text) {
        SlaQuery query = parse(text);
        SlaCommand command = query.isLookup() ? null : byWord.get(query.command());
        return command == null || command.onlyAnswers(query);
    }

    /** Every command's help lines, in the order the commands were registered. */
    public List<HelpLine> helpLines() {
        List<HelpLine> lines = new ArrayList<>();
        commands.forEach(command -> lines.addAll(command.help()));
        return List.copyOf(lines);
    }

    private static void checkWord(String word, SlaCommand command) {
        if (word == null || word.isEmpty() || !word.equals(word.toLowerCase(Locale.ROOT))
                || !word.equals(word.strip()) || word.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalStateException("/sla " + command.name() + " declares the word \"" + word
                    + "\": a command word is one lower-case word");
        }
        if (word.equals(SHARE)) {
            throw new IllegalStateException("/sla " + command.name() + " declares the word \"share\", which ends "
                    + "any question to post its answer in the channel");
        }
    }

    /** A help line's example must call its own command, so the card never shows a word that would be looked up. */
    private static void checkHelp(HelpLine line, SlaCommand command) {
        String example = line.example();
        String prefix = "/sla ";
        String word = example.startsWith(prefix) ? example.substring(prefix.length()).split(" ", 2)[0] : "";
        if (!command.words().contains(word)) {
            throw new IllegalStateException("the help line \"" + example + "\" of /sla " + command.name()
                    + " does not start with /sla and one of its words " + command.words());
        }
    }
}
