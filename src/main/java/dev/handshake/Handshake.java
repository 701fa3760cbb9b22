package dev.handshake;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.AppConfig;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.LoadedAgreement;
import dev.handshake.ask.Acknowledgement;
import dev.handshake.ask.SlaAnswers;
import dev.handshake.ask.SlaCommandListener;
import dev.handshake.chart.ChartRenderer;
import dev.handshake.chart.PeriodChart;
import dev.handshake.home.HomeTab;
import dev.handshake.review.AcknowledgeListener;
import dev.handshake.review.AgreementVersion;
import dev.handshake.review.AgreementVersions;
import dev.handshake.review.ReviewListeners;
import dev.handshake.review.ReviewReminders;
import dev.handshake.review.ReviewSchedule;
import dev.handshake.review.ReviewStore;
import dev.handshake.review.VersionAck;
import dev.handshake.review.Announcements;
import dev.handshake.roster.AwayCommand;
import dev.handshake.roster.Roster;
import dev.handshake.clock.BusinessHours;
import dev.handshake.config.Settings;
import dev.handshake.crm.Crm;
import dev.handshake.export.ExportCommand;
import dev.handshake.export.HandoffExport;
import dev.handshake.funnel.StageEventParser;
import dev.handshake.funnel.StageEventServlet;
import dev.handshake.funnel.StageEventStore;
import dev.handshake.handoff.DecisionTimes;
import dev.handshake.stats.FunnelLeads;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsCommand;
import dev.handshake.db.Database;
import dev.handshake.db.GroupCommit;
import dev.handshake.handoff.HandoffNotices;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.slack.Replies;
import dev.handshake.slack.SlackTransport;
import dev.handshake.handoff.HandoffIntakeServlet;
import dev.handshake.handoff.HandoffListeners;
import dev.handshake.handoff.HandoffRoles;
import dev.handshake.handoff.LifecycleListeners;
import dev.handshake.handoff.Refusals;
import dev.handshake.ask.Unmentioned;
import dev.handshake.people.Audiences;
import dev.handshake.people.Directory;
import dev.handshake.people.Membership;
import dev.handshake.handoff.HandoffReceipt;
import dev.handshake.handoff.HandoffRequestParser;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Handoffs;
import dev.handshake.handoff.SlaClock;
import dev.handshake.http.BearerToken;
import dev.handshake.http.DatabaseHealth;
import dev.handshake.http.HealthCheck;
import dev.handshake.http.HealthServlet;
import dev.handshake.lifecycle.Lifecycle;
import dev.handshake.lifecycle.Managed;
import dev.handshake.slack.SlackHealth;
import dev.handshake.http.NotServed;
import dev.handshake.http.WebServer;
import dev.handshake.intake.MappedIntake;
import dev.handshake.intake.SourceIntakeServlet;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.BotIdentity;
import dev.handshake.slack.RequestSignature;
import dev.handshake.slack.SeenRequests;
import dev.handshake.slack.SlackApi;
import dev.handshake.slack.SlackEndpoint;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.SocketModeLink;
import dev.handshake.slack.VerifiedApp;
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
    private record Foundation(LoadedAgreement loaded, Database database, GroupCommit writes, Outbox outbox,
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
            Foundation base = foundation(settings, clock, lifecycle);
            WebServer web = wire(settings, clock, base, lifecycle, extraServlets);
            lifecycle.start();
            if (!settings.intakeEnabled()) {
                log.warn("HANDOFF_TOKEN is not set: POST /handoffs answers 503 until it is");
            }
            log.info("Handshake is serving agreement \"{}\" version {} on port {}, receiving Slack's requests {}",
                    base.loaded().agreement().name(), base.loaded().agreement().version(), web.port(),
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
    private static Foundation foundation(Settings settings, Clock clock, Lifecycle lifecycle) throws Exception {
        ExecutorService startUp = Executors.newFixedThreadPool(3, Handshake::startUpThread);
        CompletableFuture<LoadedAgreement> loading = new CompletableFuture<>();
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(
                () -> Database.open(settings.databaseUrl()), startUp);
        // One writer commits every write transaction in groups: one fsync per batch, not per request.
        CompletableFuture<GroupCommit> writing = opening.thenApply(
                opened -> new GroupCommit(opened.jdbi(), 128, 4096, opened.lockWait()).start());
        CompletableFuture<Outbox> owing = writing.thenCombine(opening, (writer, opened) ->
                new Outbox(new OutboxStore(opened.jdbi(), writer), writer, clock, 4));
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
            return new Foundation(result(loading), result(opening), result(writing), result(owing),
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

    /** Each capability in turn: its stores, its outbox handlers, its listeners and endpoints, its workers. */
    private static WebServer wire(Settings settings, Clock clock, Foundation base, Lifecycle lifecycle,
            Map<String, HttpServlet> extraServlets) {
        Agreement agreement = base.loaded().agreement();
        Database database = base.database();
        GroupCommit writes = base.writes();
        Outbox outbox = base.outbox();
        BusinessHours hours = new BusinessHours(agreement.calendar());

        // Slack: the Web API, its transport for the outbox, the bot's identity, replies.
        SlackStatus slackStatus = new SlackStatus(clock, settings.slackAuthProbeInterval());
        SlackApi slackApi = SlackApi.of(base.slack(), settings.botToken(), slackStatus);
        BotIdentity botIdentity = new BotIdentity(slackApi, slackStatus, clock);
        AfterAck afterAck = new AfterAck(8, 10_000);
        outbox.register(new SlackTransport(slackStatus, clock));
        Replies.register(outbox, slackApi);
        Replies replies = new Replies(outbox);
        // Over HTTP Slack signs each request; over Socket Mode requests come through the app's own connections.
        RequestSignature signature = settings.socketMode() ? null
                : new RequestSignature(settings.signingSecret(), clock);
        AppConfig appConfig = AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .slack(base.slack())
                .build();
        SeenRequests seen = new SeenRequests(database.jdbi(), writes, clock);
        VerifiedApp app = settings.socketMode()
                ? VerifiedApp.overSocketMode(appConfig, botIdentity, database.lockWait(), replies, seen,
                        SlaCommandListener::onlyAnswers)
                : new VerifiedApp(appConfig, signature, botIdentity, database.lockWait(), replies, seen,
                        SlaCommandListener::onlyAnswers);

        // People: names without pinging, who belongs to the audiences the agreement names.
        Directory directory = new Directory(slackApi, clock);
        Membership membership = new Membership(slackApi, clock);
        Audiences audiences = new Audiences(directory);

        // Handoffs: intake, every step of their life, the Slack messages they owe, the SLA clock.
        Roster roster = new Roster(database.jdbi(), writes, clock, agreement.calendar().zone());
        HandoffStore handoffStore = new HandoffStore(database.jdbi(), writes, outbox);
        HandoffNotices.register(outbox, handoffStore, new HandoffNotices.Parts(slackApi, slackApi, directory, agreement,
                hours, clock, roster::awayOn));
        Handoffs handoffs = new Handoffs(handoffStore, agreement, agreement.version(), hours, clock,
                new HandoffRoles(agreement, membership));
        Refusals refusals = new Refusals(agreement, audiences);
        // Telling the CRM: webhooks and the HubSpot writer, owed with every handoff event.
        Crm crm = Crm.wire(agreement, settings.environment(), database.jdbi(), writes, outbox, handoffStore, slackApi,
                clock);
        SlaClock slaClock = new SlaClock(handoffStore, database.jdbi(), writes, outbox, agreement, hours, clock,
                roster::awayOn);

        // Stats and their charts, reviews and the versioned agreement.
        Stats stats = new Stats(database.jdbi(), agreement, hours, clock);
        PeriodChart periodChart = new PeriodChart(stats, agreement, new ChartRenderer(), outbox, clock);
        periodChart.register(slackApi);
        ReviewSchedule reviewSchedule = new ReviewSchedule(agreement.review(), hours);
        ReviewStore reviewStore = new ReviewStore(database.jdbi(), writes, outbox);
        ReviewReminders reviewReminders = new ReviewReminders(reviewStore, reviewSchedule, stats, periodChart,
                agreement, clock);
        reviewReminders.register(outbox, slackApi);
        AgreementVersions versions = new AgreementVersions(database.jdbi(), writes, outbox);
        new Announcements(versions, agreement, slackApi, clock).register(outbox);

        // The App Home.
        HomeTab home = new HomeTab(handoffStore, outbox, new HomeTab.Parts(agreement, slackApi, stats, reviewSchedule,
                hours, clock, membership, directory, roster::awayToday));
        home.register(outbox);

        // /sla export.
        ExportCommand export = new ExportCommand(new HandoffExport(database.jdbi(), agreement.calendar().zone(),
                stats.followUpClock(), clock), slackApi, outbox, clock, agreement.calendar().zone(),
                new ExportCommand.Who(agreement.exportAudience(), membership, audiences, afterAck, replies));
        export.register(outbox);

        // Slack listeners.
        long versionId = base.version().id();
        new SlaCommandListener(new SlaAnswers(agreement), () -> reviewSchedule.next(clock.instant()).toLocalDate(),
                () -> reviewSchedule.today(clock.instant()),
                List.of(new AwayCommand(roster, clock, agreement.calendar().zone()),
                        new StatsCommand(stats, periodChart, clock, agreement.calendar().zone()), export),
                () -> acknowledgements(versions.acks(versionId), agreement),
                new Unmentioned(directory::cachedName, group -> directory.cachedGroup(group)
                        .map(g -> g.handle() == null || g.handle().isBlank() ? g.name() : g.handle()))).register(app);
        new AcknowledgeListener(versions, agreement, replies, clock).register(app);
        new ReviewListeners(reviewStore, agreement, slackApi, afterAck, replies, clock).register(app);
        home.register(app);
        new HandoffListeners(handoffs, agreement, slackApi, afterAck, replies, refusals, home::refreshSoon)
                .register(app);
        new LifecycleListeners(handoffs, agreement, slackApi, directory, afterAck, replies, refusals,
                home::refreshSoon).register(app);

        // HTTP endpoints.
        WebServer web = base.web();
        SocketModeLink socketMode = null;
        if (settings.socketMode()) {
            socketMode = new SocketModeLink(app, base.slack(), settings.appToken(), settings.socketConnections(),
                    slackStatus, clock, settings.slackAuthProbeInterval(), 16);
            web.mount("/slack/events", new NotServed("this app receives Slack's requests over Socket Mode "
                    + "(SLACK_APP_TOKEN is set), not at this URL"));
        } else {
            web.mount("/slack/events", new SlackEndpoint(app, signature));
        }
        List<HealthCheck> health = new ArrayList<>(List.of(new DatabaseHealth(database),
                new SlackHealth(slackStatus, socketMode)));
        health.addAll(crm.health());
        web.mount("/health", new HealthServlet(health));
        HandoffRequestParser handoffParser = new HandoffRequestParser(agreement);
        web.mount("/handoffs", new HandoffIntakeServlet(
                settings.intakeEnabled() ? new BearerToken(settings.handoffToken()) : null,
                handoffParser, handoffs, database.lockWait()));
        web.mount("/handoffs/*", new SourceIntakeServlet(
                settings.intakeEnabled() ? new BearerToken(settings.handoffToken()) : null,
                new MappedIntake(agreement, handoffParser), new HandoffReceipt(handoffs, database.lockWait())));
        web.mount("/stage-events", new StageEventServlet(
                settings.intakeEnabled() ? new BearerToken(settings.handoffToken()) : null,
                new StageEventParser(agreement, clock), new StageEventStore(writes), clock));

        // Started in this order, stopped in reverse.
        lifecycle.add("decision times backfill", Managed.of(() -> {
            int backfilled = new DecisionTimes(database.jdbi(), writes, hours).backfill();
            if (backfilled > 0) {
                log.info("Stored the business time of {} earlier decisions and answers to rejections", backfilled);
            }
        }, () -> { }));
        lifecycle.add("funnel rebuild", Managed.of(() -> {
            long rebuilt = new FunnelLeads(writes, agreement).sync();
            if (rebuilt > 0) {
                log.info("Rebuilt the funnel of {} leads for the agreement's MQL stages", rebuilt);
            }
        }, () -> { }));
        extraServlets.forEach(web::mount);
        lifecycle.add("after-ack executor", Managed.stopping(afterAck));
        lifecycle.add("Slack app", Managed.of(app::start, app::stop));
        // Serving before the background parts start: a port already taken fails the start before any of them runs,
        // and a Web API served beside the app (the demo's stand-in for Slack) answers their very first calls.
        lifecycle.add("web server", Managed.of(web::start, web::stop));
        lifecycle.add("bot identity", Managed.of(botIdentity::start, botIdentity::close));
        lifecycle.add("people directory", Managed.stopping(directory));
        lifecycle.add("outbox dispatcher", Managed.of(outbox.dispatcher()::start, outbox.dispatcher()::close));
        lifecycle.add("SLA clock", Managed.of(slaClock::start, slaClock::close));
        lifecycle.add("review reminders", Managed.of(reviewReminders::start, reviewReminders::close));
        if (socketMode != null) {
            // Last to start, first to stop: envelopes being handled finish and are acknowledged while the rest runs.
            lifecycle.add("Socket Mode connections", Managed.of(socketMode::start, socketMode::close));
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
    private static List<Acknowledgement> acknowledgements(List<VersionAck> acks, Agreement agreement) {
        return acks.stream().map(ack -> new Acknowledgement(ack.userId(),
                (ack.role().equals("marketing") ? agreement.owners().marketing() : agreement.owners().sales()).name(),
                ack.at().atZone(agreement.calendar().zone()).toLocalDate())).toList();
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
