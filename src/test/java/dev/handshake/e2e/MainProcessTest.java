package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an admin meets it: {@code check}, and start-up refusing bad settings or a bad agreement. */
class MainProcessTest {

    private record Run(int exit, String output) {}

    private static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.handshake.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.equals("HANDOFF_TOKEN")
                || k.startsWith("DATABASE_") || k.equals("AGREEMENT_FILE") || k.equals("PORT"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not finish");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void checkSummarisesAGoodAgreement() throws Exception {
        Run run = run(Map.of(), "check", "sla.yml");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Freightline", "mql").doesNotContain("Exception");
    }

    @Test
    void checkListsEveryProblemWithItsLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, Files.readString(Path.of("sla.yml"))
                .replace("who_decides: anyone", "who_decides: everybody")
                .replace("time_zone: America/Chicago", "time_zone: Mars/Olympus"));
        Run run = run(Map.of(), "check", bad.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("who_decides", "time_zone", bad + ":").doesNotContain("Exception", "\tat ");
    }

    @Test
    void checkWithASampleDryRunsAnIntakeSourceAndPrintsTheCanonicalHandoff() throws Exception {
        Run run = run(Map.of(), "check", "sla.yml", "--sample", "hubspot",
                "src/test/resources/intake/hubspot-contact.json");

        assertThat(run.exit()).as(run.output()).isZero();
        String json = run.output().substring(run.output().indexOf('{'));
        JsonNode handoff = new ObjectMapper().readTree(json);
        assertThat(handoff.path("id").asText()).isEqualTo("hs-51201-mql");
        assertThat(handoff.path("lead").path("score").asInt()).isEqualTo(64);
        assertThat(handoff.path("lead").path("phone").asText()).isEqualTo("+1 (503) 555-0187");
        assertThat(handoff.path("lead").path("touches")).hasSize(4);
        assertThat(handoff.path("lead").path("Page views").asText()).isEqualTo("23");
        assertThat(handoff.path("assignee").asText()).isEqualTo("avery.collins@freightline.example");
    }

    @Test
    void checkWithASampleThatMapsToAnInvalidHandoffListsEachProblemWithBothPaths(@TempDir Path dir) throws Exception {
        Path sample = dir.resolve("sample.json");
        Files.writeString(sample, Files.readString(Path.of("src/test/resources/intake/marketo-lead.json"))
                .replace("\"leadScore\": 71", "\"leadScore\": \"seventy-one\""));

        Run invalid = run(Map.of(), "check", "sla.yml", "--sample", "marketo", sample.toString());
        Run unknown = run(Map.of(), "check", "sla.yml", "--sample", "pardot", sample.toString());

        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.output()).contains("(POST /handoffs/marketo would answer 422): 1 problem",
                "  $.lead.score (from /leadScore): must be a whole number, was \"seventy-one\"");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("no intake source \"pardot\"", "hubspot, marketo, salesforce");
    }

    @Test
    void startingWithoutTheSecretsNamesEachOne() throws Exception {
        Run run = run(Map.of("PORT", "abc"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "PORT").doesNotContain("\tat ");
    }

    @Test
    void startingOnAPostgresqlServerThatIsNotThereNamesItWithoutItsPassword() throws Exception {
        Run run = run(Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token", "SLACK_SIGNING_SECRET", "secret",
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/handshake?user=app&password=hunter2-db"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("Cannot start Handshake: cannot connect to PostgreSQL at "
                        + "jdbc:postgresql://127.0.0.1:1/handshake?user=app&password=***")
                .doesNotContain("hunter2-db", "\tat ", "Exception");
    }

    @Test
    void startingWithABadAgreementListsItsProblems(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("sla.yml");
        Files.writeString(bad, "name: Half an agreement\n");
        Run run = run(Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token", "SLACK_SIGNING_SECRET", "secret",
                "AGREEMENT_FILE", bad.toString(), "DATABASE_URL", "jdbc:sqlite:" + dir.resolve("db.sqlite")));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("agreement file has problems", "stages").doesNotContain("\tat ");
    }
}
