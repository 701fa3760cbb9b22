package dev.handshake;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.AppConfig;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.LoadedAgreement;
import dev.handshake.ask.SlaAnswers;
import dev.handshake.ask.SlaCommandListener;
import dev.handshake.clock.BusinessHours;
import dev.handshake.config.Settings;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.export.ExportCapability;
import dev.handshake.funnel.FunnelCapability;
import dev.handshake.chart.ChartCapability;
import dev.handshake.chart.PeriodChart;
import dev.handshake.crm.Crm;
import dev.handshake.handoff.HandoffCapability;
import dev.handshake.intake.IntakeCapability;
import dev.handshake.home.HomeCapability;
import dev.handshake.home.HomeTab;
import dev.handshake.outbox.Replica;
import dev.handshake.outbox.ReplicaHealth;
import dev.handshake.ask.Unmentioned;
import dev.handshake.people.Directory;
import dev.handshake.people.PeopleCapability;
import dev.handshake.http.BearerToken;
import dev.handshake.http.DatabaseHealth;
import dev.handshake.http.HealthCheck;
import dev.handshake.http.HealthServlet;
import dev.handshake.http.NotServed;
import dev.handshake.http.WebServer;
import dev.handshake.lifecycle.Lifecycle;
import dev.handshake.lifecycle.Managed;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.review.AgreementVersion;
import dev.handshake.review.AgreementVersions;
import dev.handshake.review.ReviewCapability;
import dev.handshake.roster.Roster;
import dev.handshake.roster.RosterCapability;
import dev.handshake.routing.RoutingCapability;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.BotIdentity;
import dev.handshake.slack.Replies;
import dev.handshake.slack.RequestSignature;
import dev.handshake.slack.SeenRequests;
import dev.handshake.slack.SlackApi;
import dev.handshake.slack.SlackEndpoint;
import dev.handshake.slack.SlackHealth;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.SlackTransport;
import dev.handshake.slack.SocketModeLink;
import dev.handshake.slack.VerifiedApp;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsCapability;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the app with constructors, in one place, and starts them through one
 * {@link Lifecycle}: in order, stopped in reverse, also when a later part fails to start.
 */
public final class Handshake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final WebServer web;
    private final Lifecycle lifecycle;

    private Handshake(WebServer web, Lifecycle lifecycle) {
        this.web = web;
        this.lifecycle = lifecycle;
    }

    /** What start-up builds side by side before the capabilities are wired. */
    private record Loaded(LoadedAgreement agreement, Database database, Transactions writes, Outbox outbox,
            AgreementVersion version, Slack slack, WebServer web) {}

    /**
     * Loads the agreement, opens the database and starts serving; fails fast with a reason when a setting, the
     * agreement or the database is wrong, and then leaves nothing running. Slack need not answer: the app learns
     * who its bot is in the background, and keeps what it owes Slack in the database until Slack takes it.
     */
    public static Handshake start(Settings settings, Clock clock) throws Exception {
        return start(settings, clock, Map.of());
    }

    /**
     * As {@link #start(Settings, Clock)}, also serving {@code extraServlets} (path spec → servlet) beside the app's
     * own endpoints; they answer from before the app's background parts make their first calls.
     */
    public static Handshake start(Settings settings, Clock clock, Map<String, HttpServlet> extraServlets)
            throws Exception {
        Lifecycle lifecycle = new Lifecycle();
        try {
            Loaded loaded = load(settings, clock, lifecycle);
            WebServer web = wire(settings, clock, loaded, lifecycle, extraServlets);
            lifecycle.start();
            if (!settings.intakeEnabled()) {
                log.warn("HANDOFF_TOKEN is not set: POST /handoffs answers 503 until it is");
            }
            Agreement agreement = loaded.agreement().agreement();
            log.info("Handshake is serving agreement \"{}\" version {} on port {} ({} database, replica {}), "
                    + "receiving Slack's requests {}",
                    agreement.name(), agreement.version(), web.port(),
                    loaded.database().dialect().vendor(), loaded.outbox().store().replica().id(),
                    settings.socketMode() ? "over Socket Mode (" + settings.socketConnections() + " connections)"
                            : "at /slack/events");
            return new Handshake(web, lifecycle);
        } catch (Exception | Error e) {
            lifecycle.stop();
            throw e;
        }
    }

    /**
     * Start-up is mostly loading and initialising library classes. The parts that do not need each other (the
     * agreement, the database with its migrations, the Slack client, the web server) are built side by side, so
     * that on a machine with more than one core each library loads while another does.
     */
    private static Loaded load(Settings settings, Clock clock, Lifecycle lifecycle) throws Exception {
        ExecutorService startUp = Executors.newFixedThreadPool(3, Handshake::startUpThread);
        CompletableFuture<LoadedAgreement> loading = new CompletableFuture<>();
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(
                () -> Database.open(settings.database()), startUp);
        // Every write goes through one runner: on SQLite one writer committing in groups (one fsync per batch, not
        // per request); on PostgreSQL a transaction per call on the pool.
        CompletableFuture<Transactions> writing = opening.thenApply(Database::startWriter);
        Replica replica = Replica.thisProcess(clock.instant());
        CompletableFuture<Outbox> owing = writing.thenCombine(opening, (writer, opened) ->
                new Outbox(new OutboxStore(opened.jdbi(), writer, replica), writer, clock, 8));
        CompletableFuture<AgreementVersion> registering = owing.thenCombineAsync(loading,
                (outbox, agreement) -> new AgreementVersions(opening.join().jdbi(), writing.join(), outbox)
                        .register(agreement, clock.instant()),
                startUp);
        CompletableFuture<Slack> connecting = CompletableFuture.supplyAsync(
                () -> Slack.getInstance(slackConfig(settings)), startUp);
        CompletableFuture<WebServer> building = CompletableFuture.supplyAsync(
                () -> new WebServer(settings.port()), startUp);
        try {
            try {
                loading.complete(new AgreementLoader().load(settings.agreementFile()));
            } catch (RuntimeException e) {
                loading.completeExceptionally(e);
                throw e;
            }
            return new Loaded(result(loading), result(opening), result(writing), result(owing),
                    result(registering), result(connecting), result(building));
        } finally {
            // On failure the first problem (in the order above) is the one reported, once the other parts are done;
            // what was opened is closed with the lifecycle.
            startUp.shutdown();
            startUp.awaitTermination(1, TimeUnit.MINUTES);
            opening.thenAccept(database -> lifecycle.closeAtStop("database", database));
            writing.thenAccept(writer -> lifecycle.started("database writer", Managed.of(() -> { }, writer::close)));
        }
    }

    /**
     * The Slack edge, then each capability in turn, adding its listeners, endpoints, outbox handlers, health checks,
     * {@code /sla} commands and parts through one {@link Wiring}; then the edges built from what they added; then the
     * order things start in.
     */
    private static WebServer wire(Settings settings, Clock clock, Loaded loaded, Lifecycle lifecycle,
            Map<String, HttpServlet> extraServlets) {
        Agreement agreement = loaded.agreement().agreement();
        Outbox outbox = loaded.outbox();
        WebServer web = loaded.web();

        // Slack: the Web API and its transport for the outbox, the bot's identity, replies to a user.
        SlackStatus slackStatus = new SlackStatus(clock, settings.slackAuthProbeInterval());
        SlackApi slackApi = SlackApi.of(loaded.slack(), settings.botToken(), slackStatus);
        BotIdentity botIdentity = new BotIdentity(slackApi, slackStatus, clock);
        AfterAck afterAck = new AfterAck(8, 10_000);
        outbox.register(new SlackTransport(slackStatus, clock));
        Replies.register(outbox, slackApi);
        lifecycle.add("after-ack executor", Managed.stopping(afterAck));

        // The capabilities, each in one line. Their work before serving runs in this order; their parts start in
        // this order once the app serves, and stop in reverse.
        Foundation base = new Foundation(agreement, new BusinessHours(agreement.calendar()), clock, loaded.database(),
                loaded.writes(), outbox, slackApi, new Replies(outbox, slackApi, afterAck), afterAck);
        BearerToken intake = settings.intakeEnabled() ? new BearerToken(settings.handoffToken()) : null;
        Wiring wiring = new Wiring(outbox, web, lifecycle);
        PeopleCapability people = PeopleCapability.wire(base, wiring, slackApi);
        Stats stats = StatsCapability.wire(base, wiring);
        PeriodChart charts = ChartCapability.wire(base, wiring, stats);
        ExportCapability.wire(base, wiring, stats, people);
        Roster roster = RosterCapability.roster(base);
        RoutingCapability routing = RoutingCapability.wire(base, wiring, roster);
        RosterCapability.wire(base, wiring, roster, routing.awayNotes());
        ReviewCapability reviews = ReviewCapability.wire(base, wiring, loaded.version(), stats, charts);
        HandoffCapability handoffs = HandoffCapability.wire(base, wiring, intake, routing.router(), people, slackApi,
                roster::awayOn, HomeTab::publish);
        routing.watchReps(base, wiring, handoffs.routes()::deactivated);
        IntakeCapability.wire(base, wiring, intake, handoffs);
        Crm.wire(base, wiring, settings.environment(), handoffs.store());
        HomeCapability.wire(base, wiring, handoffs.store(), stats, reviews.schedule(), people, roster::awayToday);
        FunnelCapability.wire(base, wiring, intake);
        extraServlets.forEach(wiring::endpoint);

        // The edges, from what the capabilities added: the /sla registry, the Slack app, the health page.
        // A shared answer names people and groups without pinging them.
        Directory directory = people.directory();
        SlaCommandListener sla = new SlaCommandListener(
                new SlaAnswers(agreement).commands(reviews::termsContext, reviews::today, wiring.commands()),
                new Unmentioned(directory::cachedName, group -> directory.cachedGroup(group)
                        .map(g -> g.handle() == null || g.handle().isBlank() ? g.name() : g.handle())));
        AppConfig appConfig = AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .slack(loaded.slack())
                .build();
        SeenRequests seen = new SeenRequests(loaded.database().jdbi(), loaded.writes(), clock);
        SocketModeLink socketMode = null;
        VerifiedApp app;
        if (settings.socketMode()) {
            // Over Socket Mode requests come through the app's own connections, not to a URL.
            app = VerifiedApp.overSocketMode(appConfig, botIdentity, loaded.database().lockWait(), base.replies(),
                    seen, sla::onlyAnswers, wiring.joinedActions());
            socketMode = new SocketModeLink(app, loaded.slack(), settings.appToken(), settings.socketConnections(),
                    slackStatus, clock, settings.slackAuthProbeInterval(), 16);
            wiring.endpoint("/slack/events", new NotServed("this app receives Slack's requests over Socket Mode "
                    + "(SLACK_APP_TOKEN is set), not at this URL"));
        } else {
            // Over HTTP Slack signs each request.
            RequestSignature signature = new RequestSignature(settings.signingSecret(), clock);
            app = new VerifiedApp(appConfig, signature, botIdentity, loaded.database().lockWait(), base.replies(),
                    seen, sla::onlyAnswers, wiring.joinedActions());
            wiring.endpoint("/slack/events", new SlackEndpoint(app, signature));
        }
        sla.register(app);
        wiring.registerListeners(app);
        List<HealthCheck> health = new ArrayList<>(List.of(new DatabaseHealth(loaded.database()),
                new ReplicaHealth(outbox), new SlackHealth(slackStatus, socketMode)));
        health.addAll(wiring.healthChecks());
        wiring.endpoint("/health", new HealthServlet(health));

        // Serving before the background parts start: a port already taken fails the start before any of them runs,
        // and a Web API served beside the app (the demo's stand-in for Slack) answers their very first calls.
        lifecycle.add("Slack app", Managed.of(app::start, app::stop));
        lifecycle.add("web server", Managed.of(web::start, web::stop));
        lifecycle.add("bot identity", Managed.of(botIdentity::start, botIdentity::close));
        lifecycle.add("people directory", Managed.stopping(directory));
        lifecycle.add("outbox dispatcher", Managed.of(outbox.dispatcher()::start, outbox.dispatcher()::close));
        wiring.startParts();
        if (socketMode != null) {
            // Last to start, first to stop: envelopes being handled finish and are acknowledged while the rest runs.
            SocketModeLink connections = socketMode;
            lifecycle.add("Socket Mode connections", Managed.of(connections::start, connections::close));
        }
        return web;
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() {
        lifecycle.stop();
    }
    private static Thread startUpThread(Runnable task) {
        Thread thread = new Thread(task, "start-up");
        thread.setDaemon(true);
        return thread;
    }

    /** The task's result, or the exception it failed with, as if the task had run on this thread. */
    private static <T> T result(CompletableFuture<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static SlackConfig slackConfig(Settings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.slackApiUrl());
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientWriteTimeoutMillis(10_000);
        config.setHttpClientCallTimeoutMillis(15_000);
        config.setStatsEnabled(false);
        return config;
    }
}
