package dev.handshake.agreement;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The streaming pass over the YAML text: records the line and written text of every node, and finds what the tree
 * would hide: syntax errors, duplicate keys (YAML keeps only the last), aliases and extra documents.
 */
final class SourceScan {

    private final SourceIndex index;
    private final List<AgreementProblem> problems;
    private final boolean readable;

    private SourceScan(SourceIndex index, List<AgreementProblem> problems, boolean readable) {
        this.index = index;
        this.problems = List.copyOf(problems);
        this.readable = readable;
    }

    SourceIndex index() {
        return index;
    }

    List<AgreementProblem> problems() {
        return problems;
    }

    /** False when the text is not valid YAML, so there is no tree to validate. */
    boolean readable() {
        return readable;
    }

    static SourceScan of(YAMLFactory factory, String text) {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> scalars = new HashMap<>();
        List<AgreementProblem> problems = new ArrayList<>();
        Deque<Map<String, Integer>> keysSeen = new ArrayDeque<>();
        int depth = 0;
        int documents = 0;
        try (YAMLParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                int line = parser.currentTokenLocation().getLineNr();
                if (depth == 0 && ++documents > 1) {
                    problems.add(new AgreementProblem("", line,
                            "a second YAML document starts here; keep the whole agreement in one document"));
                    break;
                }
                if (!pointer.isEmpty()) {
                    lines.putIfAbsent(pointer, line);
                }
                if (parser.isCurrentAlias()) {
                    problems.add(new AgreementProblem(readable(pointer), line,
                            "YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
                }
                switch (token) {
                    case START_OBJECT -> {
                        keysSeen.push(new HashMap<>());
                        depth++;
                    }
                    case START_ARRAY -> depth++;
                    case END_OBJECT -> {
                        keysSeen.pop();
                        depth--;
                    }
                    case END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        Integer first = keysSeen.peek().putIfAbsent(parser.currentName(), line);
                        if (first != null) {
                            problems.add(new AgreementProblem(readable(pointer), line, "\"" + parser.currentName()
                                    + "\" is given twice in this mapping (first on line " + first + ")"));
                        }
                    }
                    default -> scalars.put(pointer, parser.getText());
                }
            }
        } catch (JacksonException e) {
            return new SourceScan(SourceIndex.empty(), List.of(syntaxProblem(e)), false);
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
        return new SourceScan(new SourceIndex(lines, scalars), problems, true);
    }

    private static AgreementProblem syntaxProblem(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String message = "YAML syntax error: " + oneLine(yaml.getProblem());
            if (yaml.getContext() != null && yaml.getContextMark() != null
                    && yaml.getContextMark().getLine() != yaml.getProblemMark().getLine()) {
                message += " (" + oneLine(yaml.getContext()) + " that starts on line "
                        + (yaml.getContextMark().getLine() + 1) + ")";
            }
            return new AgreementProblem("", yaml.getProblemMark().getLine() + 1, message);
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
        String original = e.getOriginalMessage() == null ? "unreadable YAML" : e.getOriginalMessage();
        return new AgreementProblem("", line, "YAML syntax error: " + oneLine(original.lines().findFirst().orElse("")));
    }

    private static String oneLine(String text) {
        if (text.contains("(TAB)")) {
            return "a tab is used for indentation; indent with spaces";
        }
        return text.strip().replaceAll("\\s+", " ");
    }

    /** Turns a JSON pointer back into the readable path used in problems. */
    static String readable(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String part : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                path.append('[').append(key).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(key);
            }
        }
        return path.toString();
    }
}
