package dev.handshake.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.util.json.GsonFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The benchmark's yardstick: the smallest Bolt app on the same Jetty 12 ee10 stack, answering {@code /sla} with a
 * constant card (stock Bolt middleware, which serialises the card for every request) and acknowledging an Accept
 * click ({@code handoff_accept}) without doing anything (stock Bolt's click handling, a new Gson per payload), plus a
 * plain servlet answering {@code POST /handoffs} with a constant 202 once it has read the body. Only the last is a
 * ceiling (of Jetty and the load generator); the Bolt ones are yardsticks the app can beat. Started as its own process; reads
 * SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and PORT, and CARD_FILE: the JSON of a slash command answer
 * (the benchmark saves the app's own {@code /sla mql} answer there, so both serialise the same card; without it a
 * small built-in card is used).
 */
public final class ReferenceApp {

    private ReferenceApp() {}

    public static void main(String[] args) throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(System.getenv("SLACK_API_URL"));
        slackConfig.setStatsEnabled(false);
        App app = new App(AppConfig.builder()
                .singleTeamBotToken(System.getenv("SLACK_BOT_TOKEN"))
                .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
                .slack(Slack.getInstance(slackConfig))
                .authTestCacheExpirationMillis(-1L)
                .build());
        String cardFile = System.getenv("CARD_FILE");
        SlashCommandResponse answer = cardFile == null
                ? SlashCommandResponse.builder().responseType("ephemeral").text("MQL").blocks(card()).build()
                : GsonFactory.createSnakeCase().fromJson(Files.readString(Path.of(cardFile)), SlashCommandResponse.class);
        app.command("/sla", (req, ctx) -> ctx.ack(answer));
        app.blockAction("handoff_accept", (req, ctx) -> ctx.ack());
        app.start();

        Server server = new Server(new QueuedThreadPool(200, 8));
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(Integer.parseInt(System.getenv("PORT")));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        context.addServlet(new ServletHolder(new ConstantIntake()), "/handoffs");
        server.setHandler(context);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // Exiting anyway.
            }
        }));
        server.join();
    }

    /** Reads the whole body and answers what the app answers to a new handoff, with a constant id. */
    private static final class ConstantIntake extends HttpServlet {

        private static final byte[] QUEUED = "{\"handoff_id\":\"1\",\"status\":\"queued\"}"
                .getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            response.setStatus(202);
            response.setContentType("application/json");
            response.setContentLength(QUEUED.length);
            response.getOutputStream().write(QUEUED);
        }
    }

    /** About the size of the app's stage card: a header, a definition, criteria and the commitment. */
    private static List<LayoutBlock> card() {
        return List.of(
                Blocks.header(h -> h.text(BlockCompositions.plainText("MQL: Marketing qualified lead"))),
                Blocks.section(s -> s.text(BlockCompositions.markdownText(
                        "A lead that fits an ideal customer profile and has shown buying intent, ready for sales."))),
                Blocks.section(s -> s.text(BlockCompositions.markdownText(
                        "*Entry criteria*\n• Fit score 60 or more\n• Visited the pricing page\n• Works at a company "
                                + "with 50 or more employees"))),
                Blocks.section(s -> s.fields(List.of(
                        BlockCompositions.markdownText("*Owner*\nMarketing"),
                        BlockCompositions.markdownText("*Sales responds within*\n4 business hours")))),
                Blocks.context(c -> c.elements(List.of(BlockCompositions.markdownText(
                        "Before: Lead · After: SQL · Agreement version 2025.1")))));
    }
}
