package dev.handshake.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.SectionBlock;
import dev.handshake.ask.Answer;
import dev.handshake.ask.SlaCommand;
import dev.handshake.ask.SlaCommands;
import dev.handshake.ask.SlaQuery;
import dev.handshake.ask.SlaRequest;
import dev.handshake.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwayCommandTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    // 21:00 in Chicago on Nov 20 is already Nov 21 in UTC: "today" must come from the calendar zone.
    private static final Clock CLOCK = Clock.fixed(
            LocalDate.of(2026, 11, 20).atTime(21, 0).atZone(CHICAGO).toInstant(), ZoneId.of("UTC"));
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tempDir;

    private static final SlaCommand.Handler ELSEWHERE = request -> {
        throw new AssertionError("answered by another command");
    };

    private Roster roster;
    private SlaCommand away;
    private SlaCommands commands;

    @BeforeEach
    void setUp() {
        org.jdbi.v3.core.Jdbi jdbi = Database.open("jdbc:sqlite:" + tempDir.resolve("t.db")).jdbi();
        roster = new Roster(jdbi, dev.handshake.db.Transactions.direct(jdbi), CLOCK, CHICAGO);
        away = new AwayCommand(roster, CLOCK, CHICAGO).command();
        commands = new SlaCommands(List.of(SlaCommand.question(List.of("help"), List.of(), ELSEWHERE), away),
                ELSEWHERE);
    }

    private Answer ask(String text) {
        SlaQuery query = commands.parse(text);
        return commands.handlerFor(query).answer(new SlaRequest(query, "U0REP00001", "C0GENERAL1"));
    }

    private static String sectionText(Answer answer) {
        assertThat(answer.blocks()).hasSize(1);
        return ((SectionBlock) answer.blocks().get(0)).getText().getText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"away until 2026-12-02", "away 2026-12-02", "AWAY Until 2026-12-02", "away until 2026-12-02 share"})
    void awayRecordsTheDateAndAnswersOnlyTheAsker(String text) {
        Answer answer = ask(text);

        assertThat(answer.text()).isEqualTo("You're away through Wed, Dec 2 2026. Round robin will skip you until "
                + "then; `/sla back` ends it early.");
        assertThat(sectionText(answer)).isEqualTo(answer.text());
        assertThat(answer.share()).isFalse();
        assertThat(roster.awayUntil("U0REP00001")).contains(LocalDate.of(2026, 12, 2));
    }

    @Test
    void todayInTheCalendarZoneIsAccepted() {
        assertThat(ask("away until 2026-11-20").text()).startsWith("You're away through Fri, Nov 20 2026.");
        assertThat(roster.awayUntil("U0REP00001")).contains(TODAY);
    }

    @Test
    void yesterdayIsInThePastAndNothingIsRecorded() {
        Answer answer = ask("away until 2026-11-19");

        assertThat(answer.text()).startsWith("`2026-11-19` is in the past.").contains("`/sla away until 2026-11-27`");
        assertThat(answer.share()).isFalse();
        assertThat(roster.awayUntil("U0REP00001")).isEmpty();
    }

    @Test
    void exactlyAYearAheadIsAcceptedButOneMoreDayIsNot() {
        assertThat(ask("away " + TODAY.plusDays(365)).text()).startsWith("You're away through Sat, Nov 20 2027.");

        Answer tooFar = ask("away " + TODAY.plusDays(366));
        assertThat(tooFar.text()).isEqualTo("`2027-11-21` is more than a year away; pick a date within a year "
                + "(up to Sat, Nov 20 2027).");
        assertThat(roster.awayUntil("U0REP00001")).contains(TODAY.plusDays(365));
    }

    @Test
    void textThatIsNotAnIsoDateIsEchoedSafely() {
        Answer answer = ask("away until next week");

        assertThat(answer.text()).isEqualTo("I couldn't read `next week` as a date. Use `/sla away until 2026-11-27`.");
        assertThat(roster.awayUntil("U0REP00001")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"away 2026-02-30", "away 12/02/2026", "away 2026-12-2"})
    void impossibleOrNonIsoDatesAreNotRead(String text) {
        assertThat(ask(text).text()).startsWith("I couldn't read `" + text.substring(5) + "` as a date.");
        assertThat(roster.awayUntil("U0REP00001")).isEmpty();
    }

    @Test
    void echoedTextIsEscapedTruncatedAndCannotCloseTheCodeSpan() {
        String junk = "<!channel> & `x` " + "long ".repeat(40);
        String text = ask("away " + junk).text();

        assertThat(text).contains("&lt;!channel&gt; &amp; 'x'").doesNotContain("<!channel>");
        assertThat(text).contains("…`").hasSizeLessThan(160);
        assertThat(text.chars().filter(c -> c == '`').count()).isEqualTo(4);
    }

    @Test
    void untilWithoutADateAsksForOne() {
        assertThat(ask("away until").text())
                .isEqualTo("Tell me the last day you'll be away: `/sla away until 2026-11-27`.");
    }

    @Test
    void awayWithoutArgumentTellsTheCurrentState() {
        assertThat(ask("away").text()).isEqualTo("You're not marked away. Use `/sla away until 2026-11-27`.");

        roster.setAway("U0REP00001", LocalDate.of(2026, 12, 2));
        Answer answer = ask("away share");
        assertThat(answer.text()).startsWith("You're away through Wed, Dec 2 2026.");
        assertThat(answer.share()).isFalse();
    }

    @Test
    void anExpiredAbsenceCountsAsNotAway() {
        roster.setAway("U0REP00001", TODAY.minusDays(1));

        assertThat(ask("away").text()).startsWith("You're not marked away.");
        assertThat(ask("back").text()).isEqualTo("You weren't marked away; round robin already includes you.");
    }

    @Test
    void backEndsTheAbsence() {
        roster.setAway("U0REP00001", LocalDate.of(2026, 12, 2));

        Answer answer = ask("back");
        assertThat(answer.text()).isEqualTo("Welcome back — round robin includes you again.");
        assertThat(sectionText(answer)).isEqualTo(answer.text());
        assertThat(answer.share()).isFalse();
        assertThat(roster.awayUntil("U0REP00001")).isEmpty();
        assertThat(roster.awayOn(TODAY)).isEmpty();

        assertThat(ask("back").text()).isEqualTo("You weren't marked away; round robin already includes you.");
    }

    @Test
    void itIsACommandWithAnEffect() {
        assertThat(away.words()).containsExactly("away", "back");
        for (String text : new String[] {"away", "away until 2026-12-24", "back"}) {
            assertThat(away.onlyAnswers(commands.parse(text))).as("a replayed /sla " + text + " must not be run again")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats", "export", "stats away", "mql", "help", "awayy"})
    void otherTextIsNotAnsweredHere(String text) {
        assertThat(commands.handlerFor(commands.parse(text))).isNotSameAs(away.handler());
        assertThat(roster.awayOn(TODAY)).isEmpty();
    }
}
