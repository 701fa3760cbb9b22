package dev.handshake.ask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What someone asked with {@code /sla <text>}: the kind of question, the command word that chose it,
 * the rest of the text (single-spaced), and whether the answer should be posted in the channel.
 */
public record SlaQuery(Kind kind, String command, String argument, boolean share) {

    /** The kinds of question {@code /sla} understands. */
    public enum Kind {
        HELP, STAGES, PERSONAS, PERSONA, GOALS, TERMS,
        /** Anything else: a stage, persona, KPI or glossary term by id, name or alias. */
        LOOKUP,
        /** A reserved command answered by another feature; {@link #command()} names it. */
        OTHER
    }

    /** Command words reserved for features answered outside this package. */
    public static final Set<String> OTHER_COMMANDS = Set.of("stats", "export", "away", "back", "queue");

    /** The words that list things; offered as suggestions when someone mistypes one. */
    static final List<String> LIST_COMMANDS = List.of("help", "stages", "personas", "goals", "terms");

    private static final String SHARE = "share";
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    public SlaQuery {
        Objects.requireNonNull(kind, "kind == null");
        command = command == null ? "" : command;
        argument = argument == null ? "" : argument;
    }

    /** Parses the text of a slash command; never fails, whatever the text. */
    public static SlaQuery parse(String text) {
        List<String> words = words(text);
        boolean share = !words.isEmpty() && lower(words.get(words.size() - 1)).equals(SHARE);
        if (share) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty()) {
            return new SlaQuery(Kind.HELP, "help", "", share);
        }
        String first = lower(words.get(0));
        String rest = String.join(" ", words.subList(1, words.size()));
        Kind kind = switch (first) {
            case "help", "?" -> Kind.HELP;
            case "stages" -> Kind.STAGES;
            case "personas", "persona" -> rest.isEmpty() ? Kind.PERSONAS : Kind.PERSONA;
            case "goals" -> Kind.GOALS;
            case "terms" -> Kind.TERMS;
            default -> OTHER_COMMANDS.contains(first) ? Kind.OTHER : Kind.LOOKUP;
        };
        if (kind == Kind.LOOKUP) {
            return new SlaQuery(kind, "", String.join(" ", words), share);
        }
        return new SlaQuery(kind, first, rest, share);
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
