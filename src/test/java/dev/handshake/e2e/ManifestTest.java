package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.slack.api.model.event.Event;
import com.slack.api.model.manifest.AppManifest;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackScopes;
import java.io.IOException;
import java.net.JarURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Slack app manifests against Slack's own model and limits, and against the code: a manifest Slack refuses, or
 * one that subscribes to less (or asks for more) than the app uses, fails here before anyone tries to install it.
 */
class ManifestTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern BOT_NAME = Pattern.compile("[a-z0-9._-]+");
    private static RunningApp app;

    /** The SDK's model names {@code _metadata} as {@code metadata}; the manifest's key is the documented one. */
    private abstract static class MetadataKey {
        @JsonProperty("_metadata")
        abstract AppManifest.Metadata getMetadata();
    }

    /** Strict: a key the SDK's model does not know is an error, as a misspelt key would be for Slack. */
    static final ObjectMapper MANIFEST_READER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(AppManifest.class, MetadataKey.class)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("manifest.*\\.ya?ml"))
                    .sorted().toList();
            assertThat(found).as("manifests in the repository root").contains(Path.of("./manifest.yml"));
            return found.stream();
        }
    }

    static AppManifest read(Path file) throws IOException {
        return MANIFEST_READER.readValue(Files.readString(file), AppManifest.class);
    }

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningApp.start();
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    // ---- Slack's model and limits

    @ParameterizedTest
    @MethodSource("manifests")
    void bindsToTheSdksModelWithinSlacksLimits(Path file) throws IOException {
        AppManifest manifest = read(file);
        var display = manifest.getDisplayInformation();
        assertThat(manifest.getMetadata().getMajorVersion()).isEqualTo(1);
        assertThat(display.getName()).isNotBlank().hasSizeLessThanOrEqualTo(35);
        assertThat(display.getDescription()).hasSizeLessThanOrEqualTo(140);
        assertThat(display.getLongDescription()).hasSizeBetween(175, 4000);
        assertThat(display.getBackgroundColor()).matches(COLOR);
        var bot = manifest.getFeatures().getBotUser();
        assertThat(bot.getDisplayName()).hasSizeLessThanOrEqualTo(80).matches(BOT_NAME);
        assertThat(manifest.getFeatures().getSlashCommands()).isNotEmpty().hasSizeLessThanOrEqualTo(50)
                .allSatisfy(command -> {
                    assertThat(command.getCommand()).startsWith("/").hasSizeLessThanOrEqualTo(32);
                    assertThat(command.getDescription()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
                    assertThat(command.getUsageHint()).hasSizeLessThanOrEqualTo(1000);
                });
        assertThat(manifest.getOauthConfig().getScopes().getBot()).hasSizeLessThanOrEqualTo(255)
                .doesNotHaveDuplicates();
        assertThat(manifest.getSettings().getEventSubscriptions().getBotEvents()).hasSizeLessThanOrEqualTo(100);
        assertThat(manifest.getSettings().getInteractivity().getIsEnabled()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void requestUrlsMatchTheMode(Path file) throws IOException {
        AppManifest manifest = read(file);
        boolean socketMode = Boolean.TRUE.equals(manifest.getSettings().getSocketModeEnabled());
        List<String> urls = new ArrayList<>();
        manifest.getFeatures().getSlashCommands().forEach(command -> urls.add(command.getUrl()));
        urls.add(manifest.getSettings().getEventSubscriptions().getRequestUrl());
        urls.add(manifest.getSettings().getInteractivity().getRequestUrl());
        if (socketMode) {
            assertThat(urls).as("Socket Mode apps receive everything over the socket").containsOnlyNulls();
        } else {
            // Bolt routes by body, so one path serves commands, interactivity and events.
            assertThat(urls).allSatisfy(url -> assertThat(url).startsWith("https://").endsWith("/slack/events"));
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyManifestAsksForTheSameCommandsEventsAndScopes(Path file) throws IOException {
        AppManifest http = read(Path.of("manifest.yml"));
        AppManifest other = read(file);
        assertThat(other.getOauthConfig().getScopes().getBot())
                .containsExactlyInAnyOrderElementsOf(http.getOauthConfig().getScopes().getBot());
        assertThat(other.getSettings().getEventSubscriptions().getBotEvents())
                .containsExactlyInAnyOrderElementsOf(http.getSettings().getEventSubscriptions().getBotEvents());
        assertThat(other.getFeatures().getSlashCommands()).extracting(AppManifest.SlashCommand::getCommand)
                .containsExactlyElementsOf(http.getFeatures().getSlashCommands().stream()
                        .map(AppManifest.SlashCommand::getCommand).toList());
    }

    @Test
    void theCheckRefusesWhatSlackRefuses() {
        // The manifest as it once was: a colon and a space inside a plain scalar is not YAML.
        String unquoted = """
                _metadata:
                  major_version: 1
                display_information:
                  name: Handshake
                  description: The marketing–sales SLA in Slack: lead handoffs with a clock.
                """;
        assertThatThrownBy(() -> MANIFEST_READER.readValue(unquoted, AppManifest.class))
                .hasMessageContaining("mapping values are not allowed");
        String misspelt = """
                display_information:
                  name: Handshake
                  descripton: A typo Slack would refuse
                """;
        assertThatThrownBy(() -> MANIFEST_READER.readValue(misspelt, AppManifest.class))
                .hasMessageContaining("descripton");
    }

    // ---- the manifest against the code

    @Test
    void theAppAnswersEverySlashCommandTheManifestDeclaresAndNoOther() throws IOException {
        for (AppManifest.SlashCommand command : read(Path.of("manifest.yml")).getFeatures().getSlashCommands()) {
            assertThat(app.client().slashCommand(command.getCommand(), "help", "U0MANIFEST", "C0MANIFEST")
                    .statusCode()).as(command.getCommand()).isEqualTo(200);
        }
        assertThat(app.client().slashCommand("/not-ours", "help", "U0MANIFEST", "C0MANIFEST").statusCode())
                .as("a command the app has no listener for").isEqualTo(404);
    }

    /**
     * Every event type the SDK knows is sent to the running app; the ones it has a listener for (anything but
     * Bolt's 404 "no handler found") are exactly the ones the manifest subscribes to.
     */
    @Test
    void theManifestSubscribesToExactlyTheEventsTheAppHandles() throws Exception {
        Set<String> handled = new TreeSet<>();
        Set<String> unclear = new TreeSet<>();
        int sent = 0;
        for (String type : sdkEventTypes()) {
            if (type.equals("workflow_step_execute")) {
                continue; // Bolt reads it as a request of Slack's retired Steps from Apps, not as an event
            }
            ObjectNode event = new ObjectMapper().createObjectNode().put("type", type).put("user", "U0MANIFEST")
                    .put("channel", "D0MANIFEST").put("tab", "home").put("event_ts", "1764300000.000100");
            if (!userIsAnId(type)) {
                // Events about a member (user_change, team_join) carry the whole user object, as Slack sends them.
                event.putObject("user").put("id", "U0MANIFEST").put("name", "manifest").put("deleted", false);
            }
            int status = app.client().event(event.toString(), "Ev0MANIFEST" + sent++, null).statusCode();
            if (status / 100 == 2) {
                handled.add(type);
            } else if (status != 404) {
                unclear.add(type + " → " + status);
            }
        }
        assertThat(sent).as("event types the SDK knows").isGreaterThan(50);
        assertThat(unclear).as("answered neither by a listener nor with Bolt's 404").isEmpty();
        assertThat(handled).as("event types the app listens to")
                .containsExactlyInAnyOrderElementsOf(read(Path.of("manifest.yml")).getSettings()
                        .getEventSubscriptions().getBotEvents());
    }

    /**
     * A tour of everything in the app that calls Slack (a lead handed to a rep given by email, Accept, Reject's form,
     * the App Home, an export) against the fake, which refuses calls whose scope the manifest lacks; then every scope
     * the manifest asks for must have been needed by one of the calls, or by what the app is (its slash command).
     */
    @Test
    void everyScopeIsUsedAndEveryCallIsCovered() throws Exception {
        app.slack().addUser("rita@freightline.example", "U0RITA0001");
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", "U0RITA0001");
        ObjectNode lead = Handoffs.canonical("hs-manifest-1");
        lead.put("assignee", "rita@freightline.example");
        assertThat(app.postHandoff(Handoffs.json(lead)).statusCode()).isEqualTo(202);
        app.client().blockAction(BlockAction.click(postOf("hs-manifest-1"), "handoff_accept").withUser("U0RITA0001"));
        app.slack().awaitCall("chat.update", WAIT);
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-manifest-2"))).statusCode()).isEqualTo(202);
        app.client().blockAction(BlockAction.click(postOf("hs-manifest-2"), "handoff_reject").withUser("U0RITA0001"));
        app.slack().awaitCall("views.open", WAIT);
        int published = app.slack().calls("views.publish").size();
        app.client().event("{\"type\":\"app_home_opened\",\"user\":\"U0MARCUS01\",\"channel\":\"D0MARCUS01\","
                + "\"tab\":\"home\",\"event_ts\":\"1764300000.000100\"}", null);
        app.slack().awaitCalls("views.publish", published + 1, WAIT);
        app.client().slashCommand("/sla", "export", "U0RITA0001", "C0MANIFEST");
        app.slack().awaitCall("files.completeUploadExternal", WAIT);

        assertThat(app.slack().contractViolations()).isEmpty();
        Set<String> needed = new LinkedHashSet<>(SlackScopes.NEEDED_WITHOUT_A_METHOD.keySet());
        for (SlackCall call : app.slack().calls()) {
            if (call.succeeded()) {
                needed.addAll(SlackScopes.BY_METHOD.get(call.method()));
            }
        }
        new ArrayList<>(needed).forEach(scope -> {
            if (SlackScopes.REQUIRES.containsKey(scope)) {
                needed.add(SlackScopes.REQUIRES.get(scope));
            }
        });
        Set<String> requested = SlackScopes.botScopes(Path.of("manifest.yml"));
        assertThat(requested).as("scopes the manifest asks for that no call of the tour needed")
                .isSubsetOf(needed);
        // Alternatives (conversations.open takes im:write or mpim:write) are needed once, not both.
        for (SlackCall call : app.slack().calls()) {
            Set<String> options = SlackScopes.BY_METHOD.get(call.method());
            assertThat(options.isEmpty() || !Collections.disjoint(options, requested))
                    .as(call.method() + " is covered by a requested scope").isTrue();
        }
    }

    /** The sales-channel message the app posted for a handoff, once it is posted. */
    private static SlackCall postOf(String externalId) throws InterruptedException {
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE external_id = ? AND message_ts IS NOT NULL",
                externalId);
        String ts = app.query(String.class, "SELECT message_ts FROM handoffs WHERE external_id = ?", externalId).get(0);
        return app.slack().calls("chat.postMessage").stream()
                .filter(call -> call.succeeded() && ts.equals(call.response().path("ts").asText()))
                .findFirst().orElseThrow();
    }

    /** Whether the SDK's model of this event type holds {@code user} as an id (not as a user object). */
    private static boolean userIsAnId(String type) throws Exception {
        for (Class<?> model : sdkEventModels()) {
            if (type.equals(model.getField("TYPE_NAME").get(null))) {
                try {
                    return model.getDeclaredField("user").getType() == String.class;
                } catch (NoSuchFieldException e) {
                    return true;
                }
            }
        }
        return true;
    }

    /** The {@code TYPE_NAME} of every event model class in the SDK's jar. */
    private static Set<String> sdkEventTypes() throws Exception {
        Set<String> types = new TreeSet<>();
        for (Class<?> model : sdkEventModels()) {
            types.add((String) model.getField("TYPE_NAME").get(null));
        }
        return types;
    }

    /** Every event model class in the SDK's jar that names its event type. */
    private static List<Class<?>> sdkEventModels() throws Exception {
        var url = Event.class.getResource("Event.class");
        List<Class<?>> models = new ArrayList<>();
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false); // a JarFile of our own, so closing it leaves the class loader's alone
        try (JarFile jar = connection.getJarFile()) {
            var entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("com/slack/api/model/event/") && name.endsWith("Event.class")
                        && !name.contains("$")) {
                    Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
                    try {
                        type.getField("TYPE_NAME");
                        models.add(type);
                    } catch (NoSuchFieldException e) {
                        // an interface or base class, not an event type
                    }
                }
            }
        }
        return models;
    }
}
