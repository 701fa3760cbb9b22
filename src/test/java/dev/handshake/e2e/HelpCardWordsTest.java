package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.config.Settings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /sla} word the help card shows is answered by its command, through the real app: the agreement is
 * given a glossary term named after each of those words, so a word that reached the lookup instead of its command
 * would answer with that term's card.
 */
class HelpCardWordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLA_EXAMPLE = Pattern.compile("`(/sla[^`]*)`");
    private static final String DECOY = "DECOY-LOOKUP";
    private static final String CONTROL = "zzdecoy";

    @Test
    void everyWordOnTheHelpCardIsAnsweredByItsCommandAndNoneFallsThroughToTheGlossary() throws Exception {
        Agreement shipped = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        List<String> examples;
        try (RunningApp plain = RunningApp.start()) {
            examples = examples(plain);
        }
        Set<String> words = new LinkedHashSet<>();
        for (String example : examples) {
            String first = example.substring("/sla".length()).strip().split(" ", 2)[0].toLowerCase(Locale.ROOT);
            // The card's lookup examples ask a stage by its id: those words are meant for the lookup.
            if (!first.isEmpty() && shipped.stage(first).isEmpty() && shipped.persona(first).isEmpty()) {
                words.add(first);
            }
        }
        assertThat(words).as("the commands on the help card").contains("stages", "personas", "persona", "goals",
                "terms", "stats", "export", "away", "back");

        try (RunningApp app = RunningApp.start(Map.of(Settings.AGREEMENT_FILE, withDecoys(words).toString()),
                Clock.systemUTC())) {
            assertThat(examples(app)).as("the decoys change nothing on the card").isEqualTo(examples);
            assertThat(allText(ask(app, CONTROL))).as("a looked-up word shows its decoy")
                    .contains(DECOY + " " + CONTROL);
            for (String example : examples) {
                String text = example.substring("/sla".length()).strip();
                String answer = allText(ask(app, text));
                assertThat(answer).as(example).doesNotContain(DECOY).doesNotContain("No term");
                assertThat(answer.strip()).as(example).isNotEmpty();
            }
        }
    }

    /** Every {@code /sla …} example the help card shows, in its examples and its explanations. */
    private static List<String> examples(RunningApp app) throws Exception {
        List<String> examples = new ArrayList<>();
        Matcher m = SLA_EXAMPLE.matcher(allText(ask(app, "help")));
        while (m.find()) {
            if (!examples.contains(m.group(1))) {
                examples.add(m.group(1));
            }
        }
        assertThat(examples).as("examples on the help card").hasSizeGreaterThan(8);
        return examples;
    }

    private static JsonNode ask(RunningApp app, String text) throws Exception {
        HttpResponse<String> response = app.client().slashCommand("/sla", text, "U0ASKER001", "C0GENERAL1");
        assertThat(response.statusCode()).as(text + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String allText(JsonNode answer) {
        StringBuilder out = new StringBuilder(answer.path("text").asText()).append('\n');
        answer.path("blocks").findValues("text").forEach(t -> out.append(t.isTextual() ? t.asText()
                : t.path("text").asText()).append('\n'));
        return out.toString();
    }

    /** The shipped agreement with a glossary term per word (and the control word), after its own terms. */
    private static Path withDecoys(Set<String> words) throws IOException {
        String shipped = Files.readString(Path.of("sla.yml"));
        assertThat(shipped.strip().lines().filter(line -> !line.startsWith(" ")).reduce((a, b) -> b))
                .as("the glossary is the shipped agreement's last section").hasValue("glossary:");
        StringBuilder text = new StringBuilder(shipped.stripTrailing()).append('\n');
        List<String> all = new ArrayList<>(words);
        all.add(CONTROL);
        for (String word : all) {
            text.append("  - id: decoy-").append(word).append('\n')
                    .append("    name: Decoy ").append(word).append('\n')
                    .append("    aliases: [\"").append(word).append("\"]\n")
                    .append("    definition: ").append(DECOY).append(' ').append(word).append('\n');
        }
        Path file = Files.createTempFile("help-words-sla", ".yml");
        Files.writeString(file, text);
        return file;
    }
}
