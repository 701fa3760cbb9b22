package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.config.Settings;
import dev.handshake.testing.BlockKitLimits;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The App Home by role, against the real app: a rep sees their open handoffs and the leads waiting for their first
 * contact; a marketer the leads back with marketing and marketing's answers in numbers that match a hand count; a
 * manager the team's queue with Reassign… and Take it, and who is away; stages by name; within Slack's 100 blocks
 * (the fake refuses a view past Block Kit's limits). Over HTTP only: the Home's listener runs over Socket Mode in
 * {@link AssigneeTest}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class HomeByRoleTest {

    @Parameter
    TestDatabase database;

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REP = "U0123ABCD";
    private static final String OTHER_REP = "U0OTHER001";
    private static final String MARKETER = "U0MKT00001";
    private static final String MANAGER = "U0MGR00001";
    private static final String AVA = "U05SDRAVA01";

    private RunningApp app;

    /**
     * The shipped agreement without its MQL routing (nor reassignment, which follows it), so a lead sent without an
     * assignee waits for anyone: the Homes show both kinds, a rep's own leads and the leads nobody holds. With no
     * pool, Reassign… offers anyone in the workspace.
     */
    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        MovableClock clock = new MovableClock(LocalDateTime.parse("2026-11-30T10:00:00").atZone(CHICAGO).toInstant());
        String shipped = Files.readString(Path.of("sla.yml"));
        String routing = shipped.substring(shipped.indexOf("      routing:\n"), shipped.indexOf("  who_decides:"));
        String reassign = "    enabled: true\n    max_times: 2\n";
        assertThat(shipped).contains(reassign);
        Path agreement = Files.writeString(dir.resolve("sla.yml"),
                shipped.replace(routing, "").replace(reassign, "    enabled: false\n"));
        // Who the managers and marketing are is set before the app starts: it may ask Slack as soon as it runs, and
        // keeps an answer for minutes.
        app = RunningApp.start(database, Transport.HTTP, Map.of(Settings.AGREEMENT_FILE, agreement.toString()), clock, slack -> {
            slack.addUserGroup("S0SALESMGR1", "sales-managers", MANAGER);
            slack.addChannelMembers("#marketing-handoffs", MARKETER);
        });
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private long handOff(String externalId, String assignee) {
        ObjectNode body = assignee == null ? Handoffs.unassigned(externalId) : Handoffs.canonical(externalId);
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        assertThat(app.postHandoff(Handoffs.json(body)).statusCode()).isEqualTo(202);
        return app.number("SELECT id FROM handoffs WHERE external_id = ?", externalId);
    }

    private void reject(long id, String by) throws InterruptedException {
        app.client().viewSubmission("handoff_reject_modal", String.valueOf(id),
                Map.of("reject_reason", Map.of("reason", StateValue.staticSelect("r0", "Not a fit"))), by);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE id = ? AND status = 'rejected'", id);
    }

    /** The Home tab published for {@code user} after they open it. */
    private JsonNode home(String user) {
        // Publishes the steps before owed (rendered then) may still arrive: wait until they stop, so the one counted
        // is rendered from everything the test did.
        int before = publishes(user);
        for (int quiet = 0; quiet < 3; ) {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int now = publishes(user);
            quiet = now == before ? quiet + 1 : 0;
            before = now;
        }
        app.client().event("{\"type\":\"app_home_opened\",\"user\":\"" + user + "\",\"channel\":\"D" + user
                + "\",\"tab\":\"home\",\"event_ts\":\"1764300000.000100\"}", null);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlackCall> publishes;
        do {
            publishes = app.slack().calls("views.publish").stream().filter(call -> user.equals(call.param("user_id")))
                    .toList();
            sleepBriefly();
        } while (publishes.size() <= before && System.nanoTime() < deadline);
        assertThat(publishes).hasSizeGreaterThan(before);
        SlackCall publish = publishes.get(publishes.size() - 1);
        assertThat(publish.succeeded()).as("Slack took the view: %s", publish).isTrue();
        assertThat(BlockKitLimits.checkView(publish.param("view"))).isEmpty();
        return publish.json("view");
    }

    @Test
    void eachRoleSeesWhatWaitsForIt() throws Exception {
        long open = handOff("hs-home-open", REP);
        long anyone = handOff("hs-home-anyone", null);
        long accepted = handOff("hs-home-accepted", REP);
        long recycled = handOff("hs-home-recycled", REP);
        long waiting = handOff("hs-home-waiting", REP);
        app.client().homeAction("handoff_accept", String.valueOf(accepted), REP);
        reject(recycled, REP);
        reject(waiting, OTHER_REP);
        app.client().homeAction("handoff_recycle", String.valueOf(recycled), MARKETER);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'recycled'");
        app.client().slashCommand("/sla", "away until 2026-12-04", AVA, "C0GENERAL1");

        // The rep: their open handoffs and the unassigned one, with the buttons; the accepted one awaits first
        // contact; the stage by its name, never its id; no marketing or manager sections.
        String rep = home(REP).toString();
        assertThat(rep).contains("*Your open handoffs* (2)", "Dana Whitfield* — Northwind Logistics · MQL",
                "unassigned: anyone may take it", "\"value\":\"" + open + "\"", "\"value\":\"" + anyone + "\"",
                "*Accepted, waiting for your first contact* (1)", "handoff_contacted")
                .doesNotContain("· mql", "(mql)", "Back with marketing", "The team's queue");

        // The marketer: the rejection nobody answered yet, with Recycle and Contest, and marketing's side counted
        // by hand in the words of /sla stats: 2 of this quarter's handoffs rejected, 1 recycled at once (0 business
        // minutes after its rejection), none contested; no rejection's 16 business hours have passed yet.
        JsonNode marketerHome = home(MARKETER);
        String marketer = marketerHome.toString();
        assertThat(marketer).contains("*Back with marketing* (1)", "Rejected by <@" + OTHER_REP + ">",
                "*Marketing's answers, 2026-Q4*\\nRejections answered by marketing: 1 of 2 (1 recycled, 0 contested), "
                        + "median 0 min; within 16 business hours: — (0 of 0) of those whose limit has passed",
                "answer by")
                .doesNotContain("The team's queue");
        assertThat(buttonsFor(marketerHome, waiting)).containsExactly("handoff_recycle", "handoff_contest");

        // The manager: the two leads waiting for sales, each with Reassign… and Take it, and who is away.
        JsonNode managerHome = home(MANAGER);
        String manager = managerHome.toString();
        assertThat(manager).contains("*The team's queue*\\n2 leads wait for sales (0 overdue) · 0 unclaimed",
                "Away: <@" + AVA + "> (until Dec 4).");
        assertThat(buttonsFor(managerHome, open)).containsExactly("handoff_reassign_other", "handoff_take");
        assertThat(buttonsFor(managerHome, anyone)).containsExactly("handoff_reassign_other", "handoff_take");
    }

    @Test
    void aHomeWithEveryRoleAndLongQueuesStaysWithinSlacksLimits() throws Exception {
        app.slack().addChannelMembers("#marketing-handoffs", MANAGER);
        for (int i = 0; i < 24; i++) {
            handOff("hs-home-open-" + i, null);
        }
        for (int i = 0; i < 7; i++) {
            long id = handOff("hs-home-contact-" + i, MANAGER);
            app.client().homeAction("handoff_accept", String.valueOf(id), MANAGER);
        }
        for (int i = 0; i < 9; i++) {
            reject(handOff("hs-home-rejected-" + i, OTHER_REP), OTHER_REP);
        }
        app.awaitNumber(7, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'accepted'");

        JsonNode view = home(MANAGER);
        assertThat(view.path("blocks").size()).isLessThanOrEqualTo(100);
        String all = view.toString();
        assertThat(all).contains("*Your open handoffs* (20+)", "…and at least 10 more in #sales-leads",
                "*Accepted, waiting for your first contact* (7)", "…and 2 more", "*Back with marketing* (9)",
                "…and 1 more in #marketing-handoffs", "*The team's queue*\\n24 leads wait for sales",
                "…and 14 more in #sales-leads");
    }

    private int publishes(String user) {
        return (int) app.slack().calls("views.publish").stream().filter(call -> user.equals(call.param("user_id")))
                .count();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The action ids of the buttons and menus that follow the lead's line in a Home view. */
    private static List<String> buttonsFor(JsonNode view, long handoffId) {
        JsonNode blocks = view.path("blocks");
        for (int i = 0; i + 1 < blocks.size(); i++) {
            JsonNode actions = blocks.get(i + 1);
            if (!"actions".equals(actions.path("type").asText())) {
                continue;
            }
            boolean forThis = false;
            for (JsonNode element : actions.path("elements")) {
                String value = element.path("value").asText();
                if (value.equals(String.valueOf(handoffId))) {
                    forThis = true;
                }
                for (JsonNode option : element.path("options")) {
                    if (option.path("value").asText().startsWith(handoffId + ":")) {
                        forThis = true;
                    }
                }
            }
            if (forThis) {
                return actions.path("elements").findValues("action_id").stream().map(JsonNode::asText).toList();
            }
        }
        throw new AssertionError("no buttons for handoff " + handoffId + " in " + view);
    }
}
