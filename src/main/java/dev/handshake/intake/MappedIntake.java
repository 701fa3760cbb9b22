package dev.handshake.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.IntakeSource;
import dev.handshake.handoff.HandoffRequestParser;
import dev.handshake.handoff.NewHandoff;
import dev.handshake.http.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a body sent to {@code POST /handoffs/{source}} into a handoff request: the source's mapping makes the
 * canonical body, which then passes exactly the rules of {@code POST /handoffs}. Thread-safe.
 */
public final class MappedIntake {

    /** The outcome for one body. */
    public sealed interface Result permits Valid, Invalid {}

    /** The body makes this request; {@code canonicalSha256} is of the canonical body it was mapped to. */
    public record Valid(NewHandoff request, String canonicalSha256) implements Result {}

    /** Every problem, each with the canonical field and the mapping that filled it. */
    public record Invalid(List<MappedProblem> problems) implements Result {}

    private static final Pattern SEGMENT = Pattern.compile("\\[(\\d+)]|\\.([^.\\[]+)");

    private final Agreement agreement;
    private final HandoffRequestParser parser;

    public MappedIntake(Agreement agreement, HandoffRequestParser parser) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.parser = Objects.requireNonNull(parser, "parser == null");
    }

    /** The agreement's source of that name. */
    public Optional<IntakeSource> source(String name) {
        return agreement.intakeSource(name);
    }

    /** The names of the agreement's sources, in the order written. */
    public List<String> sourceNames() {
        return agreement.intakeSources().stream().map(IntakeSource::name).toList();
    }

    public Result map(IntakeSource source, JsonNode body) {
        SourceMapper.Mapped mapped = SourceMapper.map(source, body);
        HandoffRequestParser.Result parsed = parser.parse(mapped.canonical());
        List<MappedProblem> problems = new ArrayList<>(mapped.problems());
        if (parsed instanceof HandoffRequestParser.Invalid invalid) {
            for (Problem problem : invalid.problems()) {
                problems.add(new MappedProblem(problem.path(), origin(problem.path(), mapped.origins()),
                        problem.message()));
            }
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        HandoffRequestParser.Valid valid = (HandoffRequestParser.Valid) parsed;
        return new Valid(valid.request().from(source.name()), valid.canonicalSha256());
    }

    /**
     * The pointer or template that filled the field at {@code path}, or of the nearest field containing it (a
     * pointer then continued into the value, e.g. {@code /touches/3/at}); null when no mapping filled it.
     */
    static String origin(String path, Map<String, String> origins) {
        String prefix = path;
        while (!prefix.isEmpty()) {
            String from = origins.get(prefix);
            if (from != null) {
                boolean inside = !prefix.equals(path) && from.startsWith("/");
                return inside ? from + pointerOf(path.substring(prefix.length())) : from;
            }
            int cut = Math.max(prefix.lastIndexOf('.'), prefix.lastIndexOf('['));
            prefix = cut <= 0 ? "" : prefix.substring(0, cut);
        }
        return null;
    }

    /** {@code [3].at} as the pointer steps {@code /3/at}. */
    private static String pointerOf(String rest) {
        StringBuilder pointer = new StringBuilder();
        Matcher m = SEGMENT.matcher(rest);
        while (m.find()) {
            String step = m.group(1) != null ? m.group(1) : m.group(2);
            pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
