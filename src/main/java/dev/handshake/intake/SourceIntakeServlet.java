package dev.handshake.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.IntakeSource;
import dev.handshake.handoff.HandoffReceipt;
import dev.handshake.http.BearerToken;
import dev.handshake.http.Json;
import dev.handshake.http.JsonIntake;
import dev.handshake.http.StrictJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /handoffs/{source}}: a CRM sends a lead in its own shape, and the agreement's mapping for that source
 * makes the canonical handoff of it. Same bearer token, limits and answers as {@code POST /handoffs}; a body that
 * maps to an invalid handoff gets 422 naming, for each problem, the canonical field and the mapping that filled it.
 */
public final class SourceIntakeServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SourceIntakeServlet.class);

    private final transient JsonIntake intake;
    private final transient MappedIntake mapping;
    private final transient HandoffReceipt receipt;

    /** {@code token} is null when no {@code HANDOFF_TOKEN} is set; intake then answers 503 explaining why. */
    public SourceIntakeServlet(BearerToken token, MappedIntake mapping, HandoffReceipt receipt) {
        this.intake = new JsonIntake(token, "handoff");
        this.mapping = Objects.requireNonNull(mapping, "mapping == null");
        this.receipt = Objects.requireNonNull(receipt, "receipt == null");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The token is checked before the source is looked up, so the sources are only named to a known sender.
        Optional<byte[]> body = intake.admit(request, response);
        if (body.isEmpty()) {
            return;
        }
        String name = sourceName(request.getPathInfo());
        Optional<IntakeSource> source = mapping.source(name);
        if (source.isEmpty()) {
            unknownSource(response, name);
            return;
        }
        JsonNode root;
        try {
            root = StrictJson.read(body.get());
        } catch (StrictJson.MalformedJsonException e) {
            JsonIntake.error(response, 400, e.getMessage());
            return;
        }
        if (root.isMissingNode()) {
            JsonIntake.error(response, 400, "the body is empty; send the JSON your " + name + " sends");
            return;
        }
        MappedIntake.Result mapped = mapping.map(source.get(), root);
        if (mapped instanceof MappedIntake.Invalid invalid) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", "invalid handoff");
            answer.put("source", name);
            answer.put("problems", invalid.problems());
            Json.write(response, 422, answer);
            return;
        }
        MappedIntake.Valid valid = (MappedIntake.Valid) mapped;
        receipt.store(response, valid.request(), valid.canonicalSha256(), log, "Handoff intake from " + name);
    }

    /** {@code hubspot} for {@code /hubspot} or {@code /hubspot/}. */
    private static String sourceName(String pathInfo) {
        if (pathInfo == null) {
            return "";
        }
        String name = pathInfo.substring(1);
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private void unknownSource(HttpServletResponse response, String name) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        String shown = name.codePointCount(0, name.length()) > 40
                ? name.substring(0, name.offsetByCodePoints(0, 40)) + "…" : name;
        String which = name.isEmpty() ? "name the intake source: POST /handoffs/<source>"
                : "no intake source \"" + shown + "\"";
        answer.put("error", mapping.sourceNames().isEmpty()
                ? which + "; the agreement has no intake.sources, so send the canonical body to POST /handoffs"
                : which + "; the agreement's sources are: " + String.join(", ", mapping.sourceNames()));
        answer.put("sources", mapping.sourceNames());
        Json.write(response, 404, answer);
    }
}
