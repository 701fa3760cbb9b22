package dev.handshake.agreement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code goals:} (step 3): the revenue target, team and individual targets, and the KPIs. */
final class GoalsReader {

    private static final Set<String> GOAL_KEYS = Set.of(
            "period", "revenue_target", "currency", "team_targets", "individual_targets", "kpis");
    private static final Set<String> TEAM_KEYS = Set.of("marketing", "sales");
    private static final Set<String> INDIVIDUAL_KEYS = Set.of("role", "targets");
    private static final Set<String> TARGET_KEYS = Set.of("name", "value", "unit", "metric", "kpi", "per");
    private static final Set<String> KPI_KEYS = Set.of("id", "name", "definition", "target", "metric", "per");
    static final Map<String, Metric> METRICS = Values.choices(Metric.values(), Metric::key);
    private static final Map<String, GoalPeriod.Length> LENGTHS =
            Values.choices(GoalPeriod.Length.values(), GoalPeriod.Length::word);

    private final Problems problems;
    private final Names names;

    GoalsReader(Problems problems, Names names) {
        this.problems = problems;
        this.names = names;
    }

    Goals read(Fields top, IdRegistry kpiIds) {
        Fields goals = top.fields("goals", true, GOAL_KEYS);
        GoalPeriod period = period(goals);
        BigDecimal revenue = goals.number("revenue_target", true);
        if (revenue != null && revenue.signum() <= 0) {
            problems.report(goals.at("revenue_target"), "must be more than 0, was " + revenue.toPlainString());
            revenue = null;
        }
        String currency = currency(goals);
        List<Kpi> kpis = kpis(goals, kpiIds, period);
        List<TeamGoal> teams = new ArrayList<>();
        Fields teamTargets = goals.fields("team_targets", true, TEAM_KEYS);
        for (Map.Entry<String, Team> team : Values.lowerCaseChoices(Team.values()).entrySet()) {
            if (teamTargets.require(team.getKey())) {
                teams.add(new TeamGoal(team.getValue(), targets(teamTargets, team.getKey(), kpis, kpiIds, period)));
            }
        }
        List<IndividualGoal> individuals = new ArrayList<>();
        for (Fields individual : goals.list("individual_targets", false, INDIVIDUAL_KEYS)) {
            String role = individual.text("role");
            List<Target> targets = targets(individual, "targets", kpis, kpiIds, period);
            if (role != null) {
                individuals.add(new IndividualGoal(role, targets));
            }
        }
        if (period == null || revenue == null || currency == null) {
            return null;
        }
        return new Goals(period, revenue, currency, teams, individuals, kpis);
    }

    /** {@code 2026-Q4}, {@code 2026-11} or {@code 2026}: a period every target's own period fits in. */
    private GoalPeriod period(Fields goals) {
        String text = goals.text("period");
        if (text == null) {
            return null;
        }
        GoalPeriod period = GoalPeriod.parse(text).orElse(null);
        if (period == null) {
            problems.report(goals.at("period"), "must be the quarter, month or year the goals are for, like "
                    + "\"2026-Q4\", \"2026-11\" or \"2026\"; was " + Values.quote(text));
        }
        return period;
    }

    /**
     * The period a target or KPI is measured over, when it says ({@code per: month}); it must fit in the goals'
     * period (a monthly target within quarterly goals, not the other way round). Null when not given.
     */
    private GoalPeriod.Length per(Fields fields, GoalPeriod period) {
        GoalPeriod.Length per = fields.optionalOneOf("per", LENGTHS);
        if (per != null && period != null && per.months() > period.length().months()) {
            problems.report(fields.at("per"), "a " + per.adjective() + " target does not fit in goals set for a "
                    + period.length().word() + " (" + period.label() + "); use \"per: " + period.length().word()
                    + "\" or shorter, or set goals.period to a " + per.word());
            return null;
        }
        return per != null && period != null && per == period.length() ? null : per;
    }

    private String currency(Fields goals) {
        String code = goals.text("currency");
        if (code == null) {
            return null;
        }
        try {
            if (code.matches("[A-Z]{3}")) {
                return Currency.getInstance(code).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.report(goals.at("currency"), "must be an ISO 4217 currency code like \"USD\" or \"EUR\", was "
                + Values.quote(code));
        return null;
    }

    private List<Kpi> kpis(Fields goals, IdRegistry kpiIds, GoalPeriod period) {
        List<Kpi> kpis = new ArrayList<>();
        for (Fields kpi : goals.list("kpis", true, KPI_KEYS)) {
            String id = Formats.slug(kpi, "id");
            boolean unique = kpiIds.add(id, kpi.at("id"));
            String name = kpi.text("name");
            String definition = kpi.text("definition");
            String target = kpi.text("target");
            Metric metric = kpi.optionalOneOf("metric", METRICS);
            GoalPeriod.Length per = per(kpi, period);
            Threshold threshold = metric == null || target == null ? null : threshold(kpi, target, metric);
            PersonasReader.claim(names, "KPI", id, name, List.of(), kpi);
            if (unique && name != null && definition != null && target != null) {
                kpis.add(new Kpi(id, name, definition, target, metric, per, threshold));
            }
        }
        return kpis;
    }

    /**
     * The target of a KPI the app measures, as it judges it: "25% or more" for a rate, "2 business hours or less"
     * for a time, "600 or more" for a count. Words it cannot judge are a problem, since the KPI asks to be measured.
     */
    private Threshold threshold(Fields kpi, String target, Metric metric) {
        Threshold.Read read = Threshold.read(target).orElse(null);
        Threshold.Unit expected = metric.isRate() ? Threshold.Unit.PERCENT
                : metric == Metric.MEDIAN_TIME_TO_DECISION_HOURS ? Threshold.Unit.HOURS : Threshold.Unit.NONE;
        boolean fits = read != null && (read.unit() == expected
                || (expected == Threshold.Unit.HOURS && read.unit() == Threshold.Unit.NONE));
        if (!fits) {
            String example = switch (expected) {
                case PERCENT -> "\"45% or more\"";
                case HOURS -> "\"2 business hours or less\"";
                default -> "\"600 or more\"";
            };
            problems.report(kpi.at("target"), "must read like " + example + " for a KPI measured as "
                    + metric.key() + ", was " + Values.quote(target));
            return null;
        }
        boolean atMost = read.directed() ? read.threshold().atMost() : metric == Metric.MEDIAN_TIME_TO_DECISION_HOURS;
        return new Threshold(read.threshold().value(), atMost);
    }

    /** A list of targets; a target may name a KPI, which then supplies its name and metric. */
    private List<Target> targets(Fields owner, String key, List<Kpi> kpis, IdRegistry kpiIds, GoalPeriod period) {
        List<Target> targets = new ArrayList<>();
        for (Fields target : owner.list(key, true, TARGET_KEYS)) {
            String kpiId = target.optionalText("kpi");
            Kpi kpi = kpiIds.check(kpiId, target.at("kpi"))
                    ? kpis.stream().filter(k -> k.id().equals(kpiId)).findFirst().orElse(null) : null;
            boolean referencesKpi = kpiId != null;
            String name = referencesKpi && !target.has("name") ? (kpi == null ? null : kpi.name()) : target.text("name");
            BigDecimal value = Formats.numberOrPercent(target, "value");
            boolean percent = Formats.isPercent(target, "value");
            String unit = target.optionalText("unit");
            Metric metric = target.has("metric") ? target.optionalOneOf("metric", METRICS)
                    : kpi == null ? null : kpi.metric();
            GoalPeriod.Length per = target.has("per") ? per(target, period) : kpi == null ? null : kpi.per();
            if (metric != null && metric.isRate() && value != null && !percent && value.compareTo(BigDecimal.ONE) > 0) {
                problems.report(target.at("value"), "is a share: write it as a percentage like \"25%\" or a fraction "
                        + "like 0.25, was " + value.toPlainString());
                value = null;
            }
            if (name != null && value != null) {
                targets.add(new Target(name, value, unit, metric, per, percent || (metric != null && metric.isRate())));
            }
        }
        return targets;
    }
}
