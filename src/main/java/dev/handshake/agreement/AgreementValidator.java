package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.clock.BusinessCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the YAML tree of an agreement file, builds the records and reports every problem on the way. Returns the
 * agreement only when nothing at all was wrong.
 */
final class AgreementValidator {

    private static final Set<String> TOP_KEYS = Set.of("name", "version", "effective", "owners", "personas",
            "stages", "goals", "commitments", "handoff", "calendar", "review", "glossary", "intake", "webhooks",
            "hubspot", "permissions");
    private static final Set<String> PERMISSION_KEYS = Set.of("marketing", "export");
    private static final Set<String> OWNERS_KEYS = Set.of("marketing", "sales");
    private static final Set<String> OWNER_KEYS = Set.of("name", "title", "slack");
    private static final Set<String> COMMITMENT_KEYS = Set.of("team", "what", "by_when");
    private static final Map<String, Team> TEAMS = Values.lowerCaseChoices(Team.values());

    private final Problems problems;

    AgreementValidator(Problems problems) {
        this.problems = problems;
    }

    Agreement validate(JsonNode root) {
        if (!root.isObject()) {
            problems.add(new AgreementProblem("", 1, "the agreement must be a mapping of keys (name:, version:, "
                    + "stages:, ...), was " + Values.describe(root, problems, NodePath.ROOT)));
            return null;
        }
        Fields top = Fields.of(root, NodePath.ROOT, problems, TOP_KEYS);
        String name = top.text("name");
        String version = top.text("version");
        LocalDate effective = Formats.date(top.text("effective"), top.at("effective"), problems);
        Owners owners = owners(top.fields("owners", true, OWNERS_KEYS));

        Names names = new Names(problems);
        IdRegistry personaIds = new IdRegistry("persona", problems);
        IdRegistry stageIds = new IdRegistry("stage", problems);
        IdRegistry kpiIds = new IdRegistry("KPI", problems);
        IdRegistry termIds = new IdRegistry("glossary term", problems);
        PersonasReader personasReader = new PersonasReader(problems, names);
        List<Persona> personas = personasReader.personas(top, personaIds);
        List<Stage> stages = new StagesReader(problems, names).read(top, stageIds, personas, personaIds);
        Goals goals = new GoalsReader(problems, names).read(top, kpiIds);
        List<Commitment> commitments = commitments(top);
        HandoffTerms handoff = new HandoffReader(problems).read(top, stageIds);
        BusinessCalendar calendar = new CalendarReader(problems).read(top);
        ReviewTerms review = new ReviewReader(problems).read(top);
        List<GlossaryTerm> glossary = personasReader.glossary(top, termIds);
        List<IntakeSource> intake = new IntakeReader(problems, handoff, personas).read(top);
        List<WebhookEndpoint> webhooks = new WebhooksReader(problems).read(top);
        HubSpotTerms hubspot = new HubSpotReader(problems).read(top, intake);
        Fields permitted = top.fields("permissions", false, PERMISSION_KEYS);
        Permissions permissions = new Permissions(SlackRefs.optionalTarget(permitted, "marketing"),
                SlackRefs.optionalTarget(permitted, "export"));

        if (!problems.isEmpty()) {
            return null;
        }
        return new Agreement(name, version, effective, owners, personas, stages, goals, commitments, handoff,
                calendar, review, glossary, intake, webhooks, hubspot, permissions);
    }

    private Owners owners(Fields owners) {
        Owner marketing = owner(owners.fields("marketing", true, OWNER_KEYS));
        Owner sales = owner(owners.fields("sales", true, OWNER_KEYS));
        return marketing == null || sales == null ? null : new Owners(marketing, sales);
    }

    private Owner owner(Fields owner) {
        String name = owner.text("name");
        String title = owner.optionalText("title");
        String slack = SlackRefs.user(owner, "slack", false);
        return name == null ? null : new Owner(name, title, slack);
    }

    private List<Commitment> commitments(Fields top) {
        List<Commitment> commitments = new ArrayList<>();
        for (Fields commitment : top.list("commitments", false, COMMITMENT_KEYS)) {
            Team team = commitment.oneOf("team", TEAMS, null);
            String what = commitment.text("what");
            String byWhen = commitment.text("by_when");
            if (team != null && what != null && byWhen != null) {
                commitments.add(new Commitment(team, what, byWhen));
            }
        }
        return commitments;
    }
}
