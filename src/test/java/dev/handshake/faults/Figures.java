package dev.handshake.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures one scenario publishes (kills survived, faults injected, inputs tried, lost, duplicate posts…): printed,
 * and appended as one line to {@code target/fault-figures.txt} so RELIABILITY.md can quote a run.
 */
final class Figures {

    static final Path FILE = Path.of("target", "fault-figures.txt");

    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Figures(String scenario) {
        this.scenario = scenario;
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Prints and records the figures; call once, after the scenario's assertions passed. */
    void publish() {
        String line = Instant.now() + " scale=" + Scale.current().name().toLowerCase() + " " + scenario + ": "
                + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
        System.out.println("[fault figures] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
