package dev.handshake.ask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What someone asked with {@code /sla <text>}: the command word that chose who answers (lower case; empty for a
 * lookup of the whole text in the agreement), the rest of the text (single-spaced), and whether the answer should
 * be posted in the channel. Parsed by {@link SlaCommands}, which knows the words.
 */
public record SlaQuery(String command, String argument, boolean share) {

    /** The words that list things; offered as suggestions when someone mistypes one. */
    static final List<String> LIST_COMMANDS = List.of("help", "stages", "personas", "goals", "terms");

    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    public SlaQuery {
        command = command == null ? "" : command;
        argument = argument == null ? "" : argument;
    }

    /**
     * Parses the text of a slash command; never fails, whatever the text. Empty text asks for {@code help}; a
     * first word {@code isCommand} knows (in any case) chooses its command; anything else is a lookup.
     */
    static SlaQuery parse(String text, Predicate<String> isCommand) {
        Objects.requireNonNull(isCommand, "isCommand == null");
        List<String> words = words(text);
        boolean share = !words.isEmpty() && lower(words.get(words.size() - 1)).equals(SlaCommands.SHARE);
        if (share) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty()) {
            return new SlaQuery("help", "", share);
        }
        String first = lower(words.get(0));
        if (!isCommand.test(first)) {
            return new SlaQuery("", String.join(" ", words), share);
        }
        return new SlaQuery(first, String.join(" ", words.subList(1, words.size())), share);
    }

    /** Whether this is a lookup of a term: no command word chose who answers. */
    public boolean isLookup() {
        return command.isEmpty();
    }

    /** The question as typed, without {@code share}: the command word and its argument. */
    public String text() {
        if (command.isEmpty()) {
            return argument;
        }
        return argument.isEmpty() ? command : command + " " + argument;
    }

    private static List<String> words(String text) {
        if (text == null) {
            return new ArrayList<>();
        }
        List<String> words = new ArrayList<>(Arrays.asList(WHITESPACE.split(text)));
        words.removeIf(String::isEmpty);
        return words;
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
