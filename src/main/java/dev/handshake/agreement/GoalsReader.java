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
    private static final Set<String> TARGET_KEYS = Set.of("name", "value", "unit", "metric", "kpi");
    private static final Set<String> KPI_KEYS = Set.of("id", "name", "definition", "target", "metric");
    static final Map<String, Metric> METRICS = Values.choices(Metric.values(), Metric::key);

    private final Problems problems;
    private final Names names;

    GoalsReader(Problems problems, Names names) {
        this.problems = problems;
        this.names = names;
    }

    Goals read(Fields top, IdRegistry kpiIds) {
        Fields goals = top.fields("goals", true, GOAL_KEYS);
        String period = goals.text("period");
        BigDecimal revenue = goals.number("revenue_target", true);
        if (revenue != null && revenue.signum() <= 0) {
            problems.report(goals.at("revenue_target"), "must be more than 0, was " + revenue.toPlainString());
            revenue = null;
        }
        String currency = currency(goals);
        List<Kpi> kpis = kpis(goals, kpiIds);
        List<TeamGoal> teams = new ArrayList<>();
        Fields teamTargets = goals.fields("team_targets", true, TEAM_KEYS);
        for (Map.Entry<String, Team> team : Values.lowerCaseChoices(Team.values()).entrySet()) {
            if (teamTargets.require(team.getKey())) {
                teams.add(new TeamGoal(team.getValue(), targets(teamTargets, team.getKey(), kpis, kpiIds)));
            }
        }
        List<IndividualGoal> individuals = new ArrayList<>();
        for (Fields individual : goals.list("individual_targets", false, INDIVIDUAL_KEYS)) {
            String role = individual.text("role");
            List<Target> targets = targets(individual, "targets", kpis, kpiIds);
            if (role != null) {
                individuals.add(new IndividualGoal(role, targets));
            }
        }
        if (period == null || revenue == null || currency == null) {
            return null;
        }
        return new Goals(period, revenue, currency, teams, individuals, kpis);
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

    private List<Kpi> kpis(Fields goals, IdRegistry kpiIds) {
        List<Kpi> kpis = new ArrayList<>();
        for (Fields kpi : goals.list("kpis", true, KPI_KEYS)) {
            String id = Formats.slug(kpi, "id");
            boolean unique = kpiIds.add(id, kpi.at("id"));
            String name = kpi.text("name");
            String definition = kpi.text("definition");
            String target = kpi.text("target");
            Metric metric = kpi.optionalOneOf("metric", METRICS);
            PersonasReader.claim(names, "KPI", id, name, List.of(), kpi);
            if (unique && name != null && definition != null && target != null) {
                kpis.add(new Kpi(id, name, definition, target, metric));
            }
        }
        return kpis;
    }

    /** A list of targets; a target may name a KPI, which then supplies its name and metric. */
    private List<Target> targets(Fields owner, String key, List<Kpi> kpis, IdRegistry kpiIds) {
        List<Target> targets = new ArrayList<>();
        for (Fields target : owner.list(key, true, TARGET_KEYS)) {
            String kpiId = target.optionalText("kpi");
            Kpi kpi = kpiIds.check(kpiId, target.at("kpi"))
                    ? kpis.stream().filter(k -> k.id().equals(kpiId)).findFirst().orElse(null) : null;
            boolean referencesKpi = kpiId != null;
            String name = referencesKpi && !target.has("name") ? (kpi == null ? null : kpi.name()) : target.text("name");
            BigDecimal value = Formats.numberOrPercent(target, "value");
            String unit = target.optionalText("unit");
            Metric metric = target.has("metric") ? target.optionalOneOf("metric", METRICS)
                    : kpi == null ? null : kpi.metric();
            if (name != null && value != null) {
                targets.add(new Target(name, value, unit, metric));
            }
        }
        return targets;
    }
}
