package dev.handshake.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.IntakeSource;
import dev.handshake.agreement.InvalidAgreementException;
import dev.handshake.handoff.CanonicalBody;
import dev.handshake.handoff.HandoffRequestParser;
import dev.handshake.http.JsonIntake;
import dev.handshake.http.StrictJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code check sla.yml --sample <source> <file>}: runs a sample body through one intake source of the agreement, as
 * {@code POST /handoffs/<source>} would, without storing anything, and prints the canonical handoff it makes or
 * every problem with both paths.
 */
public final class SampleCheck {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final AgreementLoader loader;

    public SampleCheck(AgreementLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader == null");
    }

    /** 0 after printing the handoff the sample makes; 1 after printing why the agreement or the sample fails. */
    public int run(Path agreementFile, String sourceName, Path sample, PrintStream out) {
        Agreement agreement;
        try {
            agreement = loader.load(agreementFile).agreement();
        } catch (InvalidAgreementException e) {
            int count = e.problems().size();
            out.println(agreementFile + " is not a valid agreement: " + count
                    + (count == 1 ? " problem" : " problems"));
            out.println(e.describe());
            return done(out, 1);
        }
        MappedIntake mapping = new MappedIntake(agreement, new HandoffRequestParser(agreement));
        Optional<IntakeSource> source = mapping.source(sourceName);
        if (source.isEmpty()) {
            out.println(agreementFile + " has no intake source \"" + sourceName + "\"; "
                    + (mapping.sourceNames().isEmpty() ? "it has no intake.sources"
                    : "its sources are: " + String.join(", ", mapping.sourceNames())));
            return done(out, 1);
        }
        JsonNode body;
        try {
            byte[] bytes = Files.readAllBytes(sample);
            if (bytes.length > JsonIntake.MAX_BODY_BYTES) {
                out.println(sample + " is larger than " + JsonIntake.MAX_BODY_BYTES + " bytes: POST /handoffs/"
                        + sourceName + " would answer 413");
                return done(out, 1);
            }
            body = StrictJson.read(bytes);
        } catch (IOException e) {
            out.println(sample + " cannot be read: " + e.getMessage());
            return done(out, 1);
        } catch (StrictJson.MalformedJsonException e) {
            out.println(sample + " is not JSON (POST /handoffs/" + sourceName + " would answer 400): "
                    + e.getMessage());
            return done(out, 1);
        }
        if (body.isMissingNode()) {
            out.println(sample + " is empty (POST /handoffs/" + sourceName + " would answer 400)");
            return done(out, 1);
        }
        MappedIntake.Result result = mapping.map(source.get(), body);
        if (result instanceof MappedIntake.Invalid invalid) {
            int count = invalid.problems().size();
            out.println(sample + " does not make a valid handoff through \"" + sourceName + "\" (POST /handoffs/"
                    + sourceName + " would answer 422): " + count + (count == 1 ? " problem" : " problems"));
            for (MappedProblem problem : invalid.problems()) {
                out.println("  " + problem.path() + (problem.from() == null ? "" : " (from " + problem.from() + ")")
                        + ": " + problem.message());
            }
            return done(out, 1);
        }
        MappedIntake.Valid valid = (MappedIntake.Valid) result;
        out.println(sample + " through \"" + sourceName + "\" makes this handoff (the canonical body POST /handoffs "
                + "would take):");
        try {
            out.println(PRETTY.writeValueAsString(CanonicalBody.of(valid.request())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return done(out, 0);
    }

    private static int done(PrintStream out, int exit) {
        out.flush();
        return exit;
    }
}
