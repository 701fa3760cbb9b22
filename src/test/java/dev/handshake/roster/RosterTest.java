package dev.handshake.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handshake.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @TempDir
    Path tempDir;

    private Jdbi jdbi;

    @BeforeEach
    void open() {
        jdbi = Database.open("jdbc:sqlite:" + tempDir.resolve("t.db")).jdbi();
    }

    private Roster rosterAt(ZonedDateTime now) {
        return new Roster(jdbi, dev.handshake.db.Transactions.direct(jdbi), Clock.fixed(now.toInstant(), ZoneId.of("UTC")), CHICAGO);
    }

    private Roster roster() {
        return rosterAt(TODAY.atTime(9, 0).atZone(CHICAGO));
    }

    @Test
    void setAwayIsReadBackAndStoredWithTheTimeItWasSet() {
        Roster roster = roster();
        roster.setAway("U1", TODAY.plusDays(3));

        assertThat(roster.awayUntil("U1")).contains(TODAY.plusDays(3));
        assertThat(roster.awayUntil("U2")).isEmpty();
        long setAt = jdbi.withHandle(h -> h.createQuery("SELECT set_at FROM away WHERE user_id = 'U1'")
                .mapTo(Long.class).one());
        assertThat(setAt).isEqualTo(TODAY.atTime(9, 0).atZone(CHICAGO).toInstant().toEpochMilli());
    }

    @Test
    void settingAgainReplacesTheDate() {
        Roster roster = roster();
        roster.setAway("U1", TODAY.plusDays(10));
        roster.setAway("U1", TODAY.plusDays(2));

        assertThat(roster.awayUntil("U1")).contains(TODAY.plusDays(2));
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM away").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void backEndsTheAbsenceOnlyForThatUser() {
        Roster roster = roster();
        roster.setAway("U1", TODAY.plusDays(3));
        roster.setAway("U2", TODAY.plusDays(3));

        roster.back("U1");
        roster.back("U3");

        assertThat(roster.awayUntil("U1")).isEmpty();
        assertThat(roster.awayUntil("U2")).contains(TODAY.plusDays(3));
    }

    @Test
    void awayUntilLastsThroughTheWholeLastDayInTheCalendarZone() {
        roster().setAway("U1", TODAY);

        // 23:59:59 in Chicago is already the next day in UTC; the calendar zone decides.
        assertThat(rosterAt(TODAY.atTime(23, 59, 59).atZone(CHICAGO)).awayUntil("U1")).contains(TODAY);
        assertThat(rosterAt(TODAY.atStartOfDay(CHICAGO)).awayUntil("U1")).contains(TODAY);
        assertThat(rosterAt(TODAY.plusDays(1).atStartOfDay(CHICAGO)).awayUntil("U1")).isEmpty();
    }

    @Test
    void awayOnListsUsersWhoseLastDayIsThatDayOrLater() {
        Roster roster = roster();
        roster.setAway("U1", TODAY);
        roster.setAway("U2", TODAY.plusDays(5));
        roster.setAway("U3", TODAY.minusDays(1));

        assertThat(roster.awayOn(TODAY)).containsExactlyInAnyOrder("U1", "U2");
        assertThat(roster.awayOn(TODAY.plusDays(1))).containsExactly("U2");
        assertThat(roster.awayOn(TODAY.plusDays(5))).containsExactly("U2");
        assertThat(roster.awayOn(TODAY.plusDays(6))).isEmpty();
        assertThat(roster.awayOn(TODAY.minusDays(1))).containsExactlyInAnyOrder("U1", "U2", "U3");
    }

    @Test
    void awayOnComparesDatesNotTextAcrossYears() {
        Roster roster = roster();
        roster.setAway("U1", LocalDate.of(2027, 1, 2));

        assertThat(roster.awayOn(LocalDate.of(2026, 12, 31))).containsExactly("U1");
        assertThat(roster.awayOn(LocalDate.of(2027, 1, 3))).isEmpty();
    }

    @Test
    void yearsThatWouldNotSortAsTextAreRefused() {
        assertThatThrownBy(() -> roster().setAway("U1", LocalDate.of(10_000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(roster().awayUntil("U1")).isEmpty();
    }
}
