package dev.handshake.agreement;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Reads and validates an agreement file ({@code sla.yml}). Either returns the agreement, or throws
 * {@link InvalidAgreementException} listing every problem with its line. Thread-safe.
 */
public final class AgreementLoader {

    private final YAMLFactory yaml = new YAMLFactory();
    private final ObjectMapper mapper = new ObjectMapper(yaml);

    /** Reads the file as UTF-8 and validates it; problems name the file as given. */
    public LoadedAgreement load(Path file) {
        Objects.requireNonNull(file, "file == null");
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw invalid(source, "is a directory, not an agreement file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw invalid(source, "file not found (looked for " + file.toAbsolutePath().normalize() + ")");
        } catch (AccessDeniedException e) {
            throw invalid(source, "cannot be read: permission denied");
        } catch (IOException e) {
            throw invalid(source, "cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(source, "is not UTF-8 text; save it as UTF-8");
        }
        return validate(source, text, bytes);
    }

    /** Validates agreement text; {@code sourceName} is the file name used in problems, e.g. {@code sla.yml}. */
    public LoadedAgreement parse(String sourceName, String text) {
        Objects.requireNonNull(sourceName, "sourceName == null");
        Objects.requireNonNull(text, "text == null");
        return validate(sourceName, text, text.getBytes(StandardCharsets.UTF_8));
    }

    private LoadedAgreement validate(String source, String text, byte[] bytes) {
        String yamlText = text.startsWith("\uFEFF") ? text.substring(1) : text;
        SourceScan scan = SourceScan.of(yaml, yamlText);
        if (!scan.readable()) {
            throw new InvalidAgreementException(source, scan.problems());
        }
        Problems problems = new Problems(scan.index());
        scan.problems().forEach(problems::add);
        JsonNode root;
        try {
            root = mapper.readTree(yamlText);
        } catch (JacksonException e) {
            // The streaming pass read the same text without error, so this is not the user's doing.
            throw new IllegalStateException("YAML that parsed as a stream failed to parse as a tree", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw invalid(source, "the file is empty; see docs/AGREEMENT.md for what goes in it");
        }
        Agreement agreement = new AgreementValidator(problems).validate(root);
        if (agreement == null) {
            throw new InvalidAgreementException(source, problems.sorted());
        }
        return new LoadedAgreement(agreement, yamlText, sha256(bytes));
    }

    private static InvalidAgreementException invalid(String source, String message) {
        return new InvalidAgreementException(source, List.of(new AgreementProblem("", 0, message)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
