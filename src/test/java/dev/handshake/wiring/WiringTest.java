package dev.handshake.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.ask.AnswerContext;
import dev.handshake.ask.SlaAnswers;
import dev.handshake.ask.SlaCommand;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.http.HealthCheck;
import dev.handshake.http.WebServer;
import dev.handshake.lifecycle.Lifecycle;
import dev.handshake.lifecycle.Managed;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.SlackHandler;
import dev.handshake.testing.ManualClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What capabilities add through the wiring reaches the outbox, the web server, the lifecycle and the edges. */
class WiringTest {

    @TempDir
    Path dir;

    private final Lifecycle lifecycle = new Lifecycle();
    private final WebServer web = new WebServer(0);
    private Outbox outbox;
    private Wiring wiring;

    @BeforeEach
    void setUp() {
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("wiring.db"));
        lifecycle.closeAtStop("database", database);
        Transactions writes = Transactions.direct(database.jdbi());
        outbox = new Outbox(new OutboxStore(database.jdbi(), writes), writes, new ManualClock(Instant.EPOCH), 1);
        wiring = new Wiring(outbox, web, lifecycle);
    }

    @AfterEach
    void tearDown() {
        lifecycle.stop();
    }

    @Test
    void anEndpointIsServedOnceTheServerStartsAndAPathHasOneOwner() throws Exception {
        wiring.endpoint("/hello", new Hello("first"));
        wiring.part("web server", Managed.of(web::start, web::stop));
        wiring.startParts();
        lifecycle.start();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.body()).isEqualTo("first");
        assertThatThrownBy(() -> wiring.endpoint("/hello", new Hello("second")))
                .isInstanceOf(IllegalStateException.class).hasMessage("two endpoints at /hello");
    }

    @Test
    void outboxHandlersAreRegisteredAtOnceAndAKindHasOneHandler() {
        SlackHandler handler = SlackHandler.unpaced(item -> Sent.done());
        wiring.handlers(o -> o.register("hello", handler));

        assertThatThrownBy(() -> outbox.register("hello", handler))
                .isInstanceOf(IllegalStateException.class).hasMessage("two handlers for outbox items of kind hello");
    }

    @Test
    void partsStartInTheOrderAddedAndStopInReverse() throws Exception {
        List<String> events = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            wiring.part(name, Managed.of(() -> events.add("start " + name), () -> events.add("stop " + name)));
        }

        wiring.startParts();
        lifecycle.start();
        lifecycle.stop();

        assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    }

    @Test
    void workBeforeServingRunsFirstAndPartsStartAfterWhatTheRootAddsBeforeThem() throws Exception {
        List<String> events = new ArrayList<>();
        wiring.part("clock", Managed.of(() -> events.add("start clock"), () -> events.add("stop clock")));
        wiring.beforeServing("backfill", () -> events.add("backfill"));
        lifecycle.add("web server", Managed.of(() -> events.add("start web"), () -> events.add("stop web")));
        wiring.startParts();

        lifecycle.start();
        lifecycle.stop();

        assertThat(events).containsExactly("backfill", "start web", "start clock", "stop clock", "stop web");
        assertThatThrownBy(() -> {
            wiring.part("twice", Managed.of(() -> { }, () -> { }));
            wiring.part("twice", Managed.of(() -> { }, () -> { }));
        }).isInstanceOf(IllegalStateException.class).hasMessage("two parts named twice");
    }

    @Test
    void listenersHealthChecksAndCommandsAreKeptInOrderForTheEdges() {
        List<String> registered = new ArrayList<>();
        wiring.listeners(app -> registered.add("first"));
        wiring.listeners(app -> registered.add("second"));
        HealthCheck database = check("database");
        HealthCheck slack = check("slack");
        wiring.health(database);
        wiring.health(slack);
        SlaCommand queue = SlaCommand.question(List.of("queue"), List.of(), request -> null);
        SlaCommand away = SlaCommand.withEffect(List.of("away"), List.of(), request -> null);
        wiring.command(queue);
        wiring.command(away);

        wiring.registerListeners(new App(AppConfig.builder().signingSecret("s").singleTeamBotToken("xoxb-t").build()));

        assertThat(registered).containsExactly("first", "second");
        assertThat(wiring.healthChecks()).containsExactly(database, slack);
        assertThat(wiring.commands()).containsExactly(queue, away);
    }

    @Test
    void twoCapabilitiesClaimingOneSlaWordFailStartUp() throws Exception {
        wiring.command(SlaCommand.question(List.of("queue"), List.of(), request -> null));
        wiring.command(SlaCommand.withEffect(List.of("line", "queue"), List.of(), request -> null));
        SlaAnswers answers = new SlaAnswers(new AgreementLoader().load(Path.of("sla.yml")).agreement());

        assertThatThrownBy(() -> answers.commands(AnswerContext::none, () -> null, wiring.commands()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("/sla queue is claimed by two commands: /sla queue and /sla line; "
                        + "each word may call one command");
    }

    private static HealthCheck check(String name) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return new Result("ok", Map.of());
            }
        };
    }

    /** Answers every GET with a fixed text. */
    private static final class Hello extends HttpServlet {
        private final String text;

        Hello(String text) {
            this.text = text;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write(text);
        }
    }
}
