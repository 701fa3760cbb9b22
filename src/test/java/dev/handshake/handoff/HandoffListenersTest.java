package dev.handshake.handoff;

import static dev.handshake.handoff.HandoffWorld.REP;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.AppConfig;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import dev.handshake.db.LockWaitExceededException;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.BotIdentity;
import dev.handshake.people.Audiences;
import dev.handshake.people.Directory;
import dev.handshake.slack.Replies;
import dev.handshake.slack.RequestSignature;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.VerifiedApp;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.InMemorySlack;
import dev.handshake.testing.InMemorySlack.Call;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.StateValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handoff's Slack edge in process: signed requests run through a {@link VerifiedApp} ({@code app.run}, the whole
 * middleware chain), Slack in memory, the outbox sent on the test's thread. A click is recorded before the ack; what
 * it owes Slack is sent after, and Slack failing then loses neither the decision nor the answer to the user.
 */
class HandoffListenersTest {

    private static final String SECRET = "handoff-listeners-test-secret";
    private static final String OTHER = "U0OTHER001";
    private static final String RESPONSE_URL = "https://hooks.slack.com/actions/T0TEST0001/1/abc";

    @TempDir
    Path dir;

    private HandoffWorld world;
    private AfterAck afterAck;
    private VerifiedApp app;
    private SlackClient slack;
    private final List<String> homes = new CopyOnWriteArrayList<>();

    private void start(String whoDecides) {
        world = HandoffWorld.open(dir, whoDecides);
        afterAck = new AfterAck(2, 10);
        app = new VerifiedApp(AppConfig.builder().singleTeamBotToken("xoxb-unit-test").signingSecret(SECRET).build(),
                new RequestSignature(SECRET, world.clock),
                new BotIdentity(world.slack, new SlackStatus(world.clock, Duration.ofSeconds(60)), world.clock));
        new HandoffListeners(world.handoffs, world.agreement, world.slack, afterAck,
                new Replies(world.outbox, world.slack, afterAck),
                new Refusals(world.agreement, new Audiences(new Directory(world.reads, world.clock))), homes::add)
                .register(app);
        new LifecycleListeners(world.handoffs, world.agreement, world.slack, new Directory(world.reads, world.clock),
                afterAck, new Replies(world.outbox, world.slack, afterAck),
                new Refusals(world.agreement, new Audiences(new Directory(world.reads, world.clock))), homes::add)
                .register(app);
        app.start();
        slack = SlackClient.inProcess(app, SECRET, world.clock).withResponseUrl(RESPONSE_URL);
    }

    @AfterEach
    void stop() {
        app.stop();
        afterAck.close();
        world.close();
    }

    private HttpResponse<String> click(String actionId, Handoff h, String user) {
        return click(actionId, String.valueOf(h.id()), user);
    }

    private HttpResponse<String> click(String actionId, String value, String user) {
        HttpResponse<String> ack = slack.blockAction(BlockAction.button(actionId).withValue(value).withUser(user));
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(ack.body()).as("acknowledged without a body").isEmpty();
        return ack;
    }

    /** The replies sent through response URLs, after sending what the outbox holds. */
    private List<String> replies() {
        world.deliver();
        return world.slack.calls("response_url").stream().map(Call::text).toList();
    }

    private void awaitReplies(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (replies().size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private List<View> modals() {
        return world.slack.views().stream().filter(view -> "modal".equals(view.getType())).toList();
    }

    private List<Call> await(String method, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (world.slack.calls(method).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(world.slack.calls(method)).hasSize(count);
        return world.slack.calls(method);
    }

    @Test
    void anAcceptIsRecordedBeforeTheAckAndTheMessageEditIsSentAfter() {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);

        click(HandoffActions.ACCEPT, h, REP);

        Handoff accepted = world.find(h.id());
        assertThat(accepted.status()).isEqualTo(HandoffStatus.ACCEPTED);
        assertThat(accepted.decision().at()).isEqualTo(world.clock.instant());
        assertThat(world.slack.calls("chat.update")).as("nothing sent before the ack").isEmpty();
        assertThat(world.homesOwed()).as("owed with the decision").containsExactly(REP);
        assertThat(homes).isEmpty();

        assertThat(replies()).as("a click that worked needs no reply: the message shows it").isEmpty();
        // The channel message is edited once; the rep's direct message has its buttons closed (its own edit).
        assertThat(world.slack.calls("chat.update")).filteredOn(update -> update.channel().equals(h.channelId()))
                .singleElement().satisfies(update -> assertThat(update.threadTs()).isEqualTo(h.messageTs()));
        assertThat(world.slack.calls("chat.update")).filteredOn(update -> update.channel().equals(REP))
                .singleElement().satisfies(update -> assertThat(update.text()).contains("accepted"));
    }

    @Test
    void aLaterClickIsToldWhoDecidedFirstAndChangesNothing() {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        click(HandoffActions.ACCEPT, h, REP);

        click(HandoffActions.ACCEPT, h, OTHER);
        click(HandoffActions.REJECT, h, OTHER);

        assertThat(replies()).hasSize(2).allSatisfy(text -> assertThat(text).startsWith("Already accepted by <@"
                + REP + "> at <!date^"));
        assertThat(world.find(h.id()).decision().by()).isEqualTo(REP);
        assertThat(world.slack.calls("views.open")).as("no modal for a decided lead").isEmpty();
        assertThat(world.homesOwed()).containsExactly(REP);
    }

    @Test
    void onlyTheAssigneeDecidesWhenTheAgreementSaysSoAndOthersAreToldWhy() {
        start("assignee");
        Handoff h = world.posted("hs-1", REP);

        click(HandoffActions.ACCEPT, h, OTHER);
        click(HandoffActions.REJECT, h, OTHER);

        String why = "Only <@" + REP + "> can accept or reject this lead (the agreement says the assignee decides).";
        assertThat(replies()).containsExactly(why, why);
        assertThat(world.find(h.id()).status()).isEqualTo(HandoffStatus.PENDING);
        assertThat(world.slack.calls("views.open")).isEmpty();
        assertThat(world.homesOwed()).isEmpty();
    }

    @Test
    void aClickOnALeadNotInHandshakeOrAForgedValueIsAnsweredPolitely() {
        start("anyone");
        for (String value : new String[] {"424242", "abc", "-1", "", "9".repeat(19), "1 OR 1=1"}) {
            click(HandoffActions.ACCEPT, value, REP);
        }

        assertThat(replies()).hasSize(6).containsOnly("This lead is no longer in Handshake.");
        long stored = world.jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM handoffs")
                .mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void rejectOpensTheModalAfterTheAckAndItsSubmissionRecordsTheRejection() throws Exception {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);

        click(HandoffActions.REJECT, h, REP);
        await("views.open", 1);
        View modal = modals().get(0);
        assertThat(world.find(h.id()).status()).as("opening the modal decides nothing")
                .isEqualTo(HandoffStatus.PENDING);

        var reasons = (StaticSelectElement) ((InputBlock) modal.getBlocks().get(1)).getElement();
        var reason = reasons.getOptions().get(0);
        HttpResponse<String> submitted = slack.viewSubmission(modal.getCallbackId(), modal.getPrivateMetadata(),
                Map.of(HandoffActions.REASON_BLOCK, Map.of(HandoffActions.REASON_ACTION,
                        new StateValue.StaticSelect(reason.getValue(), reason.getText().getText()))), REP);

        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).as("the modal closes").isEmpty();
        Handoff rejected = world.find(h.id());
        assertThat(rejected.status()).isEqualTo(HandoffStatus.REJECTED);
        assertThat(rejected.decision().reason()).isEqualTo(reason.getText().getText());
        assertThat(world.owed(h.id())).contains("update_handoff pending", "notify_marketing pending");
        assertThat(world.homesOwed()).containsExactly(REP);
    }

    @Test
    void slackFailingToOpenTheModalAfterTheAckChangesNothingAndTheNextClickOpensIt() throws Exception {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        world.slack.failNext("views.open", 1, InMemorySlack.permanent("expired_trigger_id"));

        click(HandoffActions.REJECT, h, REP);
        await("views.open", 1);
        assertThat(modals()).isEmpty();
        assertThat(world.find(h.id()).status()).isEqualTo(HandoffStatus.PENDING);
        assertThat(world.owed(h.id())).containsExactly("post_handoff done", "dm_assignee done");

        click(HandoffActions.REJECT, h, REP);
        await("views.open", 2);
        assertThat(modals()).hasSize(1);
    }

    @Test
    void onlyTheRepWhoAcceptedMarksFirstContactAndOnlyOnce() {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        click(HandoffActions.ACCEPT, h, REP);

        click(HandoffActions.CONTACTED, h, OTHER);
        click(HandoffActions.CONTACTED, h, REP);
        click(HandoffActions.CONTACTED, h, REP);
        assertThat(world.homesOwed()).as("the accept and the first contact, each with its own").containsExactly(REP,
                REP);

        List<String> replies = replies();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0)).isEqualTo("Only <@" + REP + "> (who accepted it) can mark it contacted.");
        assertThat(replies.get(1)).startsWith("Already marked contacted by <@" + REP + "> at <!date^");
        assertThat(world.find(h.id()).sla().contactedBy()).isEqualTo(REP);
        assertThat(world.slack.calls("views.publish")).as("one publish showed both").hasSize(1);
        assertThat(world.homesOwed()).as("the one it covered deleted").containsExactly(REP);
    }

    @Test
    void marketingAnswersARejectionOnceAndASecondAnswerIsToldWhichCounted() {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        world.handoffs.reject(h.id(), REP, "Timing — no project this year", null);

        // Who is marketing may take asking Slack, so these steps run after the ack: the recycle is waited for
        // before the contest, which would otherwise race it, and then the answer the contest owes.
        click(HandoffActions.RECYCLE, h, "U0MKT00001");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (world.find(h.id()).marketingOutcome() == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        click(HandoffActions.CONTEST, h, "U0MKT00002");
        awaitReplies(1);
        assertThat(replies()).singleElement().satisfies(text ->
                assertThat(text).startsWith("Already recycled to nurture by <@U0MKT00001> at <!date^"));
        assertThat(world.find(h.id()).marketingOutcome().kind()).isEqualTo(MarketingOutcome.Kind.RECYCLED);
        assertThat(world.owed(h.id())).doesNotContain("contest pending");
    }

    @Test
    void aClickOnTheAppHomeIsAnsweredByDirectMessageAndRefreshesTheTab() {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        click(HandoffActions.ACCEPT, h, REP);
        homes.clear();

        HttpResponse<String> ack = slack.homeAction(HandoffActions.ACCEPT, String.valueOf(h.id()), OTHER);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(homes).containsExactly(OTHER);
        world.deliver();
        assertThat(world.slack.calls("chat.postMessage")).filteredOn(call -> call.channel().equals(OTHER))
                .singleElement().satisfies(dm -> assertThat(dm.text()).startsWith("Already accepted by <@" + REP));
    }

    @Test
    void aClickWhoseWriteGaveUpWaitingForTheLockIsToldToClickAgainWithoutTheDatabase() throws Exception {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        int queued = world.jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM outbox")
                .mapTo(Integer.class).one());

        world.writes.beforeNext(() -> {
            throw new LockWaitExceededException("no write transaction could start within 1500 ms");
        });
        click(HandoffActions.ACCEPT, h, REP);

        assertThat(await("response_url", 1).get(0).text())
                .isEqualTo("Handshake is busy saving another change — please click again in a moment.");
        assertThat(world.find(h.id()).status()).isEqualTo(HandoffStatus.PENDING);
        int after = world.jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM outbox")
                .mapTo(Integer.class).one());
        assertThat(after).as("nothing queued behind the lock").isEqualTo(queued);
    }

    @Test
    void slackRateLimitingOrRefusingTheEditAfterTheAckKeepsTheDecision() {
        start("anyone");
        // Leads nobody holds (the whole pool away: they wait for the fallback), so the channel edits are the only ones.
        world.away.addAll(List.of(HandoffWorld.POOL_1, HandoffWorld.POOL_2, HandoffWorld.POOL_3, "U05SDRDEV04"));
        Handoff first = world.posted("hs-1", null);
        Handoff second = world.posted("hs-2", null);
        click(HandoffActions.ACCEPT, first, REP);
        click(HandoffActions.ACCEPT, second, REP);
        world.slack.failNext("chat.update", 1, InMemorySlack.rateLimited(5))
                .failNext("chat.update", 1, InMemorySlack.permanent("message_not_found"));

        world.deliver(); // the first edit waits 5 s, holding back its lane
        assertThat(world.owed(first.id())).contains("update_handoff pending");
        world.clock.advance(Duration.ofSeconds(5));
        world.deliver(); // the first edit is refused for good; the second goes through

        assertThat(world.owed(first.id())).contains("update_handoff failed");
        assertThat(world.events(first.id())).containsSubsequence("accepted", "failed");
        assertThat(world.owed(second.id())).contains("update_handoff done");
        assertThat(world.find(first.id()).status()).isEqualTo(HandoffStatus.ACCEPTED);
        assertThat(world.find(second.id()).status()).isEqualTo(HandoffStatus.ACCEPTED);
    }

    @Test
    void aReplySlackKeepsRefusingIsRetriedThenGivenUpWhenItsResponseUrlExpires() {
        start("anyone");
        Handoff h = world.posted("hs-1", REP);
        click(HandoffActions.ACCEPT, h, REP);
        world.deliver();
        world.slack.failNext("response_url", 100, InMemorySlack.serverError());

        click(HandoffActions.ACCEPT, h, OTHER);
        for (int minute = 0; minute <= 40; minute++) { // backoff reaches 5 minutes: one attempt falls after 30
            world.deliver();
            world.clock.advance(Duration.ofMinutes(1));
        }

        List<String> states = world.jdbi.withHandle(handle -> handle.createQuery(
                "SELECT state || ' ' || last_error FROM outbox WHERE kind = 'slack_respond'")
                .mapTo(String.class).list());
        assertThat(states).singleElement().asString().startsWith("failed gave up after 30 min");
        assertThat(world.slack.calls("response_url").size()).as("retried with backoff, not once a pass")
                .isBetween(5, 40);
    }
}
