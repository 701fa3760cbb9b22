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
import dev.handshake.chart.ChartDelivery;
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
import dev.handshake.review.VersionAnnouncer;
import dev.handshake.roster.AwayCommand;
import dev.handshake.roster.Roster;
import dev.handshake.clock.BusinessHours;
import dev.handshake.config.Settings;
import dev.handshake.export.ExportCommand;
import dev.handshake.export.HandoffExport;
import dev.handshake.funnel.StageEventParser;
import dev.handshake.funnel.StageEventServlet;
import dev.handshake.funnel.StageEventStore;
import dev.handshake.stats.DecisionTimes;
import dev.handshake.stats.FunnelLeads;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsCommand;
import dev.handshake.db.Database;
import dev.handshake.db.GroupCommit;
import dev.handshake.handoff.DeliveryWorker;
import dev.handshake.handoff.HandoffIntakeServlet;
import dev.handshake.handoff.HandoffListeners;
import dev.handshake.handoff.HandoffRequestParser;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Handoffs;
import dev.handshake.handoff.SlaClock;
import dev.handshake.http.BearerToken;
import dev.handshake.http.HealthServlet;
import dev.handshake.http.WebServer;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.BotIdentity;
import dev.handshake.slack.RequestSignature;
import dev.handshake.slack.SeenRequests;
import dev.handshake.slack.SlackApi;
import dev.handshake.slack.SlackEndpoint;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.VerifiedApp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every part of the app with constructors, starts it, and stops it in order. */
public final class Handshake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final WebServer web;
    private final List<AutoCloseable> stopInOrder;

    private Handshake(WebServer web, List<AutoCloseable> stopInOrder) {
        this.web = web;
        this.stopInOrder = stopInOrder;
    }

    /**
     * Loads the agreement, opens the database and starts serving; fails fast with a reason when a setting, the
     * agreement or the database is wrong. Slack need not answer: the app learns who its bot is in the background,
     * and keeps what it owes Slack in the database until Slack takes it.
     */
    public static Handshake start(Settings settings, Clock clock) throws Exception {
        // Start-up is mostly loading and initialising library classes. The parts that do not need each other (the
        // agreement, the database with its migrations, the Slack client, the web server) are built side by side,
        // so that on a machine with more than one core each library loads while another does.
        ExecutorService startUp = Executors.newFixedThreadPool(3, Handshake::startUpThread);
        LoadedAgreement loaded;
        Database database;
        AgreementVersion version;
        Slack slack;
        WebServer web;
        try {
            CompletableFuture<LoadedAgreement> loading = new CompletableFuture<>();
            CompletableFuture<Database> opening = CompletableFuture.supplyAsync(
                    () -> Database.open(settings.databaseUrl()), startUp);
            CompletableFuture<AgreementVersion> registering = opening.thenCombineAsync(loading,
                    (opened, agreement) -> new AgreementVersions(opened.jdbi()).register(agreement, clock.instant()),
                    startUp);
            CompletableFuture<Slack> connecting = CompletableFuture.supplyAsync(
                    () -> Slack.getInstance(slackConfig(settings)), startUp);
            CompletableFuture<WebServer> building = CompletableFuture.supplyAsync(
                    () -> new WebServer(settings.port()), startUp);
            try {
                loaded = new AgreementLoader().load(settings.agreementFile());
                loading.complete(loaded);
            } catch (RuntimeException e) {
                loading.completeExceptionally(e);
                throw e;
            }
            database = result(opening);
            version = result(registering);
            slack = result(connecting);
            web = result(building);
        } finally {
            // On failure the first problem (in the order above) is the one reported, once the other parts are done.
            startUp.shutdown();
            startUp.awaitTermination(1, TimeUnit.MINUTES);
        }
        AgreementVersions versions = new AgreementVersions(database.jdbi());
        Agreement agreement = loaded.agreement();
        BusinessHours hours = new BusinessHours(agreement.calendar());

        SlackStatus slackStatus = new SlackStatus(clock, settings.slackAuthProbeInterval());
        SlackApi slackApi = new SlackApi(slack.methods(settings.botToken()), slackStatus);
        BotIdentity botIdentity = new BotIdentity(slackApi, slackStatus, clock);
        AfterAck afterAck = new AfterAck(8, 10_000);

        // One writer commits the handoffs' writes in groups: one fsync per batch, not per request.
        GroupCommit writes = new GroupCommit(database.jdbi(), 128, 4096, database.lockWait());
        HandoffStore handoffStore = new HandoffStore(database.jdbi(), writes);
        DeliveryWorker deliveries = new DeliveryWorker(handoffStore, slackApi, slackStatus, agreement, hours, clock, 4);
        Handoffs handoffs = new Handoffs(handoffStore, agreement, agreement.version(), hours, clock, deliveries::wake);
        Roster roster = new Roster(database.jdbi(), clock, agreement.calendar().zone());
        long funnelRebuilt = new FunnelLeads(database.jdbi(), agreement).sync();
        if (funnelRebuilt > 0) {
            log.info("Rebuilt the funnel of {} leads for the agreement's MQL stages", funnelRebuilt);
        }
        Stats stats = new Stats(database.jdbi(), agreement, hours, clock);
        ChartDelivery chartDelivery = new ChartDelivery(slackApi);
        PeriodChart periodChart = new PeriodChart(stats, agreement, new ChartRenderer(), chartDelivery, clock);
        ReviewSchedule reviewSchedule = new ReviewSchedule(agreement.review(), hours);
        ReviewStore reviewStore = new ReviewStore(database.jdbi());
        ReviewReminders reviewReminders = new ReviewReminders(reviewStore, reviewSchedule, stats, periodChart,
                chartDelivery, agreement, slackApi, clock);
        SlaClock slaClock = new SlaClock(handoffStore, database.jdbi(), agreement, hours, clock, roster::awayOn,
                deliveries::wake);

        RequestSignature signature = new RequestSignature(settings.signingSecret(), clock);
        VerifiedApp app = new VerifiedApp(AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .slack(slack)
                .build(),
                signature, botIdentity, database.lockWait(), afterAck, new SeenRequests(database.jdbi(), writes, clock),
                SlaCommandListener::onlyAnswers);
        new SlaCommandListener(new SlaAnswers(agreement), reviewSchedule, clock,
                List.of(new AwayCommand(roster, clock, agreement.calendar().zone()),
                        new StatsCommand(stats, periodChart, afterAck, clock, agreement.calendar().zone()),
                        new ExportCommand(new HandoffExport(database.jdbi(), agreement.calendar().zone(),
                                stats.followUpClock(), clock), slackApi, afterAck, clock,
                                agreement.calendar().zone())),
                () -> acknowledgements(versions.acks(version.id()), agreement)).register(app);
        new AcknowledgeListener(versions, agreement, slackApi, afterAck, clock).register(app);
        new ReviewListeners(reviewStore, reviewReminders, agreement, slackApi, afterAck, clock).register(app);
        HomeTab home = new HomeTab(agreement, handoffStore, slackApi, afterAck, stats, reviewSchedule, clock);
        home.register(app);
        new HandoffListeners(handoffs, agreement, slackApi, afterAck, home::refreshSoon).register(app);
        app.start();

        web.mount("/slack/events", new SlackEndpoint(app, signature));
        web.mount("/health", new HealthServlet(database, slackStatus));
        web.mount("/handoffs", new HandoffIntakeServlet(
                settings.intakeEnabled() ? new BearerToken(settings.handoffToken()) : null,
                new HandoffRequestParser(agreement), handoffs, database.lockWait()));
        web.mount("/stage-events", new StageEventServlet(
                settings.intakeEnabled() ? new BearerToken(settings.handoffToken()) : null,
                new StageEventParser(agreement, clock), new StageEventStore(database.jdbi()), clock));
        int backfilled = new DecisionTimes(database.jdbi(), hours).backfill();
        if (backfilled > 0) {
            log.info("Stored the business time of {} earlier decisions and answers to rejections", backfilled);
        }
        botIdentity.start();
        deliveries.start();
        slaClock.start();
        VersionAnnouncer announcer = new VersionAnnouncer(versions, agreement, slackApi, clock);
        announcer.start();
        reviewReminders.start();
        web.start();
        if (!settings.intakeEnabled()) {
            log.warn("HANDOFF_TOKEN is not set: POST /handoffs answers 503 until it is");
        }
        log.info("Handshake is serving agreement \"{}\" version {} on port {}", agreement.name(), agreement.version(),
                web.port());
        List<AutoCloseable> stop = new ArrayList<>();
        stop.add(web::stop);
        stop.add(app::stop);
        stop.add(reviewReminders);
        stop.add(announcer);
        stop.add(slaClock);
        stop.add(deliveries);
        stop.add(afterAck);
        stop.add(botIdentity);
        stop.add(writes);
        return new Handshake(web, stop);
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() {
        for (AutoCloseable part : stopInOrder) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", e.getMessage());
            }
        }
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
