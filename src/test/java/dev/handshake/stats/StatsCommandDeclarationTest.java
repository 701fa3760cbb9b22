package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.ask.SlaCommand;
import dev.handshake.ask.SlaCommands;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /sla stats} as it declares itself: a question, except with {@code chart}, which owes a direct message. */
class StatsCommandDeclarationTest {

    private static final SlaCommand.Handler ELSEWHERE = request -> {
        throw new AssertionError("answered by another command");
    };

    @TempDir
    Path dir;

    private final List<String> charts = new ArrayList<>();
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private SlaCommands commands() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("stats.db"));
        Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        Stats stats = new Stats(database.jdbi(), agreement, new BusinessHours(agreement.calendar()),
                Clock.systemUTC());
        SlaCommand command = new StatsCommand(stats, (period, user) -> charts.add(user), Clock.systemUTC(),
                ZoneId.of("America/Chicago")).command();
        assertThat(command.words()).containsExactly("stats");
        return new SlaCommands(List.of(SlaCommand.question(List.of("help"), List.of(), ELSEWHERE), command),
                ELSEWHERE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats", "stats last quarter", "STATS 30d share", "stats chartreuse"})
    void withoutAChartItOnlyAnswers(String text) {
        assertThat(commands().onlyAnswers(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats chart", "stats last quarter chart", "stats 2026-Q3 CHART share", "stats graph"})
    void withAChartItHasAnEffectSoAReplayIsNotRunAgain(String text) {
        assertThat(commands().onlyAnswers(text)).isFalse();
    }

    @Test
    void itsHelpLinesCallIt() {
        assertThat(commands().helpLines()).extracting(line -> line.example())
                .containsExactly("/sla stats last quarter", "/sla stats last quarter chart");
        assertThat(charts).as("declaring it draws nothing").isEmpty();
    }
}
