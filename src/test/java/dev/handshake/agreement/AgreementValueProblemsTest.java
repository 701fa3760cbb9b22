package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.lineOf;
import static dev.handshake.agreement.AgreementYaml.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Values that have the right type but cannot be right: bad dates, time zones, hours, rates and Slack ids. */
class AgreementValueProblemsTest {

    private final AgreementLoader loader = new AgreementLoader();

    private List<AgreementProblem> problems(String yaml) {
        try {
            loader.parse("sla.yml", yaml);
        } catch (InvalidAgreementException e) {
            return e.problems();
        }
        return fail("expected the agreement to be rejected:\n" + yaml);
    }

    private static AgreementProblem problem(String path, int line, String message) {
        return new AgreementProblem(path, line, message);
    }

    @Nested
    class Goals {

        @Test
        void aTargetCannotBeForALongerPeriodThanTheGoals() {
            String yaml = with("metric: mqls\n", "metric: mqls\n        per: year\n");

            assertThat(problems(yaml)).containsExactly(problem("goals.team_targets.marketing[0].per",
                    lineOf(yaml, "per: year"), "a yearly target does not fit in goals set for a quarter (2026-Q3); use "
                            + "\"per: quarter\" or shorter, or set goals.period to a year"));
        }

        @Test
        void aMeasuredKpiNeedsATargetTheAppCanJudge() {
            String yaml = with("target: 45% or more", "target: most of them");

            assertThat(problems(yaml)).containsExactly(problem("goals.kpis[0].target", lineOf(yaml, "most of them"),
                    "must read like \"45% or more\" for a KPI measured as acceptance_rate, was \"most of them\""));
        }

        @Test
        void aShareWrittenAsAWholeNumberIsAskedToBeAPercentage() {
            String yaml = with("    value: 45%", "    value: 45");

            assertThat(problems(yaml)).containsExactly(problem("goals.team_targets.sales[0].value",
                    lineOf(yaml, "value: 45"), "is a share: write it as a percentage like \"25%\" or a fraction "
                            + "like 0.25, was 45"));
        }

        @Test
        void marketingsAnswerToARejectionTakesBusinessHours() {
            String yaml = with("  escalation: S0SALESMGR1", "  escalation: S0SALESMGR1\n  rejection_followup_hours: 0");

            assertThat(problems(yaml)).containsExactly(problem("handoff.rejection_followup_hours",
                    lineOf(yaml, "rejection_followup_hours"), "must be more than 0 business hours, was 0"));
        }
    }

    @Nested
    class Calendar {

        @Test
        void unknownTimeZone() {
            String yaml = with("time_zone: America/Chicago", "time_zone: America/Chicgo");

            assertThat(problems(yaml)).containsExactly(problem("calendar.time_zone", lineOf(yaml, "Chicgo"),
                    "unknown time zone \"America/Chicgo\"; use an IANA time zone name like \"America/Chicago\" "
                            + "or \"Europe/Berlin\""));
        }

        @Test
        void fixedOffsetIsNotATimeZone() {
            String yaml = with("time_zone: America/Chicago", "time_zone: UTC+2");

            assertThat(problems(yaml)).containsExactly(problem("calendar.time_zone", lineOf(yaml, "UTC+2"),
                    "must be a time zone name like \"America/Chicago\" so daylight saving time is followed, "
                            + "not a fixed offset; was \"UTC+2\""));
        }

        @Test
        void opensMustBeBeforeCloses() {
            String yaml = with("opens: \"09:00\"", "opens: \"18:00\"");

            assertThat(problems(yaml)).containsExactly(problem("calendar.hours", lineOf(yaml, "  hours:"),
                    "opens (18:00) must be before closes (17:30)"));
        }

        @Test
        void timesAreTwentyFourHourClockTimes() {
            String yaml = with("closes: \"17:30\"", "closes: 5pm");

            assertThat(problems(yaml)).containsExactly(problem("calendar.hours.closes", lineOf(yaml, "5pm"),
                    "must be a 24-hour time like \"09:00\", was \"5pm\""));
        }

        @Test
        void workingDaysAreDayNames() {
            String yaml = with("  time_zone: America/Chicago\n",
                    "  time_zone: America/Chicago\n  working_days: [mon, tue, wed, thu, fry]\n");

            assertThat(problems(yaml)).containsExactly(problem("calendar.working_days[4]", lineOf(yaml, "fry"),
                    "must be a day like mon, tue, wed, thu, fri, sat or sun, was \"fry\""));
        }

        @Test
        void badDatesAreReportedWhereTheyAre() {
            String yaml = with("effective: 2026-07-01", "effective: 2026-13-01")
                    .replace("  time_zone: America/Chicago\n",
                            "  time_zone: America/Chicago\n  holidays:\n    - 2026-12-25\n    - 2026-02-30\n");

            assertThat(problems(yaml)).containsExactly(
                    problem("effective", 3, "must be a date like 2026-07-01, was \"2026-13-01\""),
                    problem("calendar.holidays[1]", lineOf(yaml, "2026-02-30"),
                            "must be a date like 2026-07-01, was \"2026-02-30\""));
        }
    }

    @Nested
    class Handoff {

        @Test
        void responseHoursMustBePositive() {
            String yaml = with("response_hours: 4", "response_hours: 0\n      first_contact_hours: -2");

            assertThat(problems(yaml)).containsExactly(
                    problem("handoff.stages[0].response_hours", lineOf(yaml, "response_hours: 0"),
                            "must be more than 0 business hours, was 0"),
                    problem("handoff.stages[0].first_contact_hours", lineOf(yaml, "first_contact_hours: -2"),
                            "must be more than 0 business hours, was -2"));
        }

        @Test
        void reminderShareOfTheWindowIsBetween1And99Percent() {
            String yaml = with("    - Not a fit\n", "    - Not a fit\n  reminder:\n    window_percent: 100\n");

            assertThat(problems(yaml)).containsExactly(problem("handoff.reminder.window_percent",
                    lineOf(yaml, "window_percent: 100"), "must be a whole percentage from 1 to 99, was 100"));
        }

        @Test
        void reminderNeedsExactlyOneOption() {
            String both = with("    - Not a fit\n",
                    "    - Not a fit\n  reminder:\n    window_percent: 75\n    before_minutes: 30\n");
            String neither = with("    - Not a fit\n", "    - Not a fit\n  reminder: {}\n");

            assertThat(problems(both)).containsExactly(problem("handoff.reminder", lineOf(both, "reminder:"),
                    "give either window_percent or before_minutes, not both"));
            assertThat(problems(neither)).containsExactly(problem("handoff.reminder", lineOf(neither, "reminder:"),
                    "must give window_percent (1–99) or before_minutes"));
        }

        @Test
        void reminderBeforeTheDeadlineMustFallInsideTheWindow() {
            String yaml = with("    - Not a fit\n", "    - Not a fit\n  reminder:\n    before_minutes: 240\n");

            assertThat(problems(yaml)).containsExactly(problem("handoff.reminder.before_minutes",
                    lineOf(yaml, "before_minutes"), "240 minutes is not less than the 4 business hours sales has for "
                            + "stage \"mql\", so the reminder would come before the handoff"));
        }

        @Test
        void rejectionReasonsMayNotBeEmpty() {
            String none = with("  rejection_reasons:\n    - Not a fit\n", "  rejection_reasons: []\n");
            String blank = with("    - Not a fit\n", "    - Not a fit\n    - \"  \"\n    -\n");

            assertThat(problems(none)).containsExactly(problem("handoff.rejection_reasons",
                    lineOf(none, "rejection_reasons"), "must list at least one item"));
            assertThat(problems(blank)).containsExactly(
                    problem("handoff.rejection_reasons[1]", lineOf(blank, "\"  \""), "must not be empty"),
                    problem("handoff.rejection_reasons[2]", lineOf(blank, "\"  \"") + 1, "is an empty item"));
        }

        @Test
        void rejectionReasonMustFitInASlackMenu() {
            String reason = "Not a fit because the company ships far fewer loads than our smallest customer";
            String yaml = with("    - Not a fit\n", "    - Not a fit\n    - " + reason + "\n");

            assertThat(problems(yaml)).containsExactly(problem("handoff.rejection_reasons[1]", lineOf(yaml, reason),
                    "must be at most 75 characters (Slack's limit for a menu option), was " + reason.length()));
        }

        @Test
        void channelsAreIdsOrLowercaseNames() {
            String yaml = with("sales_channel: \"#sales-leads\"", "sales_channel: \"#Sales Leads\"");

            assertThat(problems(yaml)).containsExactly(problem("handoff.sales_channel", lineOf(yaml, "#Sales Leads"),
                    "must be a channel id like C0123ABCD or a channel name like \"#sales-leads\" "
                            + "(lowercase letters, digits, - and _), was \"#Sales Leads\""));
        }

        @Test
        void unquotedChannelNameIsReadAsACommentAndExplained() {
            String yaml = with("marketing_channel: \"#marketing-handoffs\"", "marketing_channel: #marketing-handoffs");

            assertThat(problems(yaml)).containsExactly(problem("handoff.marketing_channel",
                    lineOf(yaml, "marketing_channel"), "has no value; write channel names in quotes, like "
                            + "\"#sales-leads\": an unquoted # starts a YAML comment"));
        }

        @Test
        void escalationMustBeAUserAGroupOrAChannel() {
            String yaml = with("escalation: S0SALESMGR1", "escalation: sales-managers");

            assertThat(problems(yaml)).containsExactly(problem("handoff.escalation", lineOf(yaml, "escalation:"),
                    "must be a Slack user id (U…), user group id (S…) or channel (C… id or \"#name\"), "
                            + "was \"sales-managers\""));
        }

        @Test
        void userIdsAreSlackMemberIds() {
            String yaml = with("slack: U0SAMSALES1", "slack: \"@sam\"");

            assertThat(problems(yaml)).containsExactly(problem("owners.sales.slack", lineOf(yaml, "@sam"),
                    "must be a Slack user id like U0123ABCD (in Slack: the person's profile, ⋮, Copy member ID), "
                            + "was \"@sam\""));
        }

        @Test
        void enabledReassignmentNeedsAPoolOfUsers() {
            String noPool = with("    - Not a fit\n", "    - Not a fit\n  reassign:\n    enabled: true\n");
            String badPool = with("    - Not a fit\n",
                    "    - Not a fit\n  reassign:\n    enabled: true\n    max_times: 0\n    pool: [U0AVA00001, ben]\n");

            assertThat(problems(noPool)).containsExactly(
                    problem("handoff.reassign.pool", lineOf(noPool, "reassign:"), "is required"));
            assertThat(problems(badPool)).containsExactly(
                    problem("handoff.reassign.max_times", lineOf(badPool, "max_times"), "must be at least 1, was 0"),
                    problem("handoff.reassign.pool[1]", lineOf(badPool, "pool:"), "must be a Slack user id like "
                            + "U0123ABCD (in Slack: the person's profile, ⋮, Copy member ID), was \"ben\""));
        }
    }

    @Nested
    class Review {

        @Test
        void ratesAreFractionsOrPercentagesUpTo100() {
            String yaml = with("min_lead_to_mql_conversion: 0.2", "min_lead_to_mql_conversion: 1.5")
                    .replace("min_mql_acceptance_rate: 40%", "min_mql_acceptance_rate: 120%");

            assertThat(problems(yaml)).containsExactly(
                    problem("review.thresholds.min_lead_to_mql_conversion", lineOf(yaml, "conversion: 1.5"),
                            "must be a fraction between 0 and 1 or a percentage like \"8%\", was 1.5"),
                    problem("review.thresholds.min_mql_acceptance_rate", lineOf(yaml, "120%"),
                            "must be a fraction between 0 and 1 or a percentage like \"8%\", was \"120%\""));
        }

        @Test
        void followUpDaysMustBePositiveWholeDays() {
            String yaml = with("  channel: \"#revops\"\n", "  channel: \"#revops\"\n  follow_up_days: 1.5\n");

            assertThat(problems(yaml)).containsExactly(problem("review.follow_up_days",
                    lineOf(yaml, "follow_up_days"), "must be a whole number, was 1.5"));
        }
    }
}
