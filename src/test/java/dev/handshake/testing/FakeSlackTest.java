package dev.handshake.testing;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewTitle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeSlackTest {

    // At least 16 characters: the SDK's TeamIdCache logs token.substring(0, 16) at debug level.
    private static final String TOKEN = "xoxb-0000000000-fake-slack-test";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeSlack fake;
    private Slack slack;
    private MethodsClient client;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setHttpClientReadTimeoutMillis(3_000);
        slack = Slack.getInstance(config);
        client = slack.methods(TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void apiUrlIsLoopbackWithTrailingSlash() {
        assertThat(fake.apiUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/");
        assertThat(fake.responseUrl("abc")).isEqualTo(fake.apiUrl().replace("/api/", "/hooks/abc"));
    }

    @Test
    void authTestAnswersWithTheFakeWorkspaceAndBot() throws Exception {
        var auth = client.authTest(r -> r);

        assertThat(auth.isOk()).isTrue();
        assertThat(auth.getTeamId()).isEqualTo(FakeSlack.TEAM_ID);
        assertThat(auth.getUserId()).isEqualTo(FakeSlack.BOT_USER_ID);
        assertThat(auth.getBotId()).isEqualTo(FakeSlack.BOT_ID);
        assertThat(auth.getUrl()).startsWith("https://");
        assertThat(fake.awaitCall("auth.test", WAIT).token()).isEqualTo(TOKEN);
    }

    @Test
    void postMessageIsRecordedAndAnsweredLikeSlack() throws Exception {
        ChatPostMessageResponse first = client.chatPostMessage(r -> r
                .channel("#sales-leads")
                .text("New lead: Acme – Grüße")
                .blocks(List.of(
                        header(h -> h.text(plainText("New lead"))),
                        section(s -> s.text(markdownText("*Acme* wants a demo"))),
                        actions(a -> a.blockId("lead_42").elements(List.of(
                                button(b -> b.actionId("lead_accept").value("42").text(plainText("Accept")))))))));
        ChatPostMessageResponse second = client.chatPostMessage(r -> r.channel("#sales-leads").text("again"));

        assertThat(first.isOk()).isTrue();
        assertThat(first.getChannel()).isEqualTo(fake.channelFor("#sales-leads")).matches("C[0-9A-F]{10}");
        assertThat(fake.channelFor("sales-leads")).isEqualTo(first.getChannel());
        assertThat(fake.channelFor("C0123ABCD")).isEqualTo("C0123ABCD");
        assertThat(second.getChannel()).isEqualTo(first.getChannel());
        assertThat(first.getTs()).matches("\\d{10}\\.\\d{6}");
        assertThat(Double.parseDouble(second.getTs())).isGreaterThan(Double.parseDouble(first.getTs()));
        assertThat(first.getMessage().getText()).isEqualTo("New lead: Acme – Grüße");
        assertThat(first.getMessage().getBlocks()).hasSize(3);

        SlackCall call = fake.calls("chat.postMessage").get(0);
        assertThat(call.token()).isEqualTo(TOKEN);
        assertThat(call.param("channel")).isEqualTo("#sales-leads");
        assertThat(call.param("text")).isEqualTo("New lead: Acme – Grüße");
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.succeeded()).isTrue();
        JsonNode blocks = call.json("blocks");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("*Acme* wants a demo");
        assertThat(blocks.get(2).path("elements").get(0).path("action_id").asText()).isEqualTo("lead_accept");
        assertThat(call.response().path("ts").asText()).isEqualTo(first.getTs());
    }

    @Test
    void rejectsMoreThanFiftyBlocksButAcceptsFifty() throws Exception {
        var tooMany = client.chatPostMessage(r -> r.channel("C1TEST").text("x").blocks(sections(51, "a")));
        var fifty = client.chatPostMessage(r -> r.channel("C1TEST").text("x").blocks(sections(50, "a")));

        assertThat(tooMany.isOk()).isFalse();
        assertThat(tooMany.getError()).isEqualTo("invalid_blocks");
        assertThat(tooMany.getResponseMetadata().getMessages()).anyMatch(m -> m.contains("no more than 50 items"));
        assertThat(fifty.isOk()).isTrue();
        assertThat(fake.calls("chat.postMessage")).extracting(SlackCall::answeredWith)
                .containsExactly("invalid_blocks", "ok");
    }

    @Test
    void enforcesTextLimitsOfSectionsHeadersAndFields() throws Exception {
        var longSection = client.chatPostMessage(r -> r.channel("C1TEST").text("x")
                .blocks(sections(1, "a".repeat(3001))));
        var fullSection = client.chatPostMessage(r -> r.channel("C1TEST").text("x")
                .blocks(sections(1, "a".repeat(3000))));
        var longHeader = client.chatUpdate(r -> r.channel("C1TEST").ts("1.2").text("x")
                .blocks(List.of(header(h -> h.text(plainText("h".repeat(151)))))));
        var elevenFields = client.chatPostEphemeral(r -> r.channel("C1TEST").user("U1").text("x")
                .blocks(List.of(section(s -> s.fields(
                        IntStream.range(0, 11).mapToObj(i -> (TextObject) markdownText("f" + i)).toList())))));
        var tenFields = client.chatPostEphemeral(r -> r.channel("C1TEST").user("U1").text("x")
                .blocks(List.of(section(s -> s.fields(
                        IntStream.range(0, 10).mapToObj(i -> (TextObject) markdownText("f" + i)).toList())))));

        assertThat(longSection.getError()).isEqualTo("invalid_blocks");
        assertThat(fullSection.isOk()).isTrue();
        assertThat(longHeader.getError()).isEqualTo("invalid_blocks");
        assertThat(elevenFields.getError()).isEqualTo("invalid_blocks");
        assertThat(tenFields.isOk()).isTrue();
        assertThat(tenFields.getMessageTs()).matches("\\d{10}\\.\\d{6}");
    }

    @Test
    void chatMethodsNeedAChannelAndSomeContent() throws Exception {
        var noChannel = client.chatPostMessage(r -> r.text("hello"));
        var noText = client.chatPostMessage(r -> r.channel("C1TEST"));
        var emptyBlocksOnly = client.chatUpdate(r -> r.channel("C1TEST").ts("1.2").blocks(List.of()));

        assertThat(noChannel.getError()).isEqualTo("channel_not_found");
        assertThat(noText.getError()).isEqualTo("no_text");
        assertThat(emptyBlocksOnly.getError()).isEqualTo("no_text");
    }

    @Test
    void updateEchoesChannelTsAndText() throws Exception {
        var update = client.chatUpdate(r -> r
                .channel("#sales-leads").ts("1764300000.000100").text("Accepted by <@U1>"));

        assertThat(update.isOk()).isTrue();
        assertThat(update.getChannel()).isEqualTo(fake.channelFor("#sales-leads"));
        assertThat(update.getTs()).isEqualTo("1764300000.000100");
        assertThat(update.getText()).isEqualTo("Accepted by <@U1>");
    }

    @Test
    void rateLimitFaultSurfacesAsSlackApiExceptionWithRetryAfterThenClears() throws Exception {
        fake.failNext("chat.postMessage", 1, Fault.rateLimited(2));

        assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("C1TEST").text("hi")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isEqualTo("2");
                    assertThat(e.getError().getError()).isEqualTo("ratelimited");
                });
        assertThat(client.chatPostMessage(r -> r.channel("C1TEST").text("hi")).isOk()).isTrue();

        List<SlackCall> attempts = fake.calls("chat.postMessage");
        assertThat(attempts).extracting(SlackCall::status).containsExactly(429, 200);
        assertThat(attempts).extracting(SlackCall::answeredWith).containsExactly("ratelimited", "ok");
        assertThat(attempts.get(1).at()).isAfterOrEqualTo(attempts.get(0).at());
        assertThat(attempts.get(0).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(attempts.get(1).retryAfter()).isEmpty();
    }

    @Test
    void goingDownRefusesConnectionsAndComingBackListensOnTheSamePort() throws Exception {
        String before = fake.apiUrl();
        assertThat(client.chatPostMessage(r -> r.channel("C1TEST").text("before")).isOk()).isTrue();

        fake.goDown();

        assertThat(fake.isUp()).isFalse();
        assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("C1TEST").text("while down")))
                .isInstanceOf(java.net.ConnectException.class);
        try (java.net.Socket socket = new java.net.Socket()) {
            assertThatThrownBy(() -> socket.connect(
                    new java.net.InetSocketAddress("127.0.0.1", URI.create(before).getPort()), 1_000))
                    .as("nothing listens: the connection is refused").isInstanceOf(java.net.ConnectException.class);
        }

        fake.comeBack();

        assertThat(fake.isUp()).isTrue();
        assertThat(fake.apiUrl()).isEqualTo(before);
        assertThat(client.chatPostMessage(r -> r.channel("C1TEST").text("after")).isOk()).isTrue();
        assertThat(fake.calls("chat.postMessage")).extracting(c -> c.param("text"))
                .as("nothing arrives while down").containsExactly("before", "after");
    }

    @Test
    void goingDownDropsHangingCallsAndFaultsStillApplyAfterComingBack() throws Exception {
        fake.failNext("chat.postMessage", 1, Fault.hang());
        CompletableFuture<Object> hung = CompletableFuture.supplyAsync(() -> {
            try {
                return client.chatPostMessage(r -> r.channel("C1TEST").text("never answered"));
            } catch (IOException | SlackApiException e) {
                return e;
            }
        });
        fake.awaitCall("chat.postMessage", WAIT);

        fake.goDown();
        assertThat(hung.get(2, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        fake.failNext("chat.postMessage", 1, Fault.status(503));
        fake.comeBack();
        fake.comeBack(); // a second call is harmless

        assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("C1TEST").text("503")))
                .isInstanceOf(SlackApiException.class);
        assertThat(client.chatPostMessage(r -> r.channel("C1TEST").text("ok")).isOk()).isTrue();
        assertThat(fake.calls("chat.postMessage")).extracting(SlackCall::answeredWith)
                .containsExactly("hang", "http_503", "ok");
    }

    @Test
    void aPostWhoseAnswerIsLostTookEffectButItsCallerSeesOnlyTheFault() throws Exception {
        fake.failNext("chat.postMessage", 1, Fault.answerLost(Fault.status(500)));

        assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("C1TEST").text("posted, answer lost")))
                .isInstanceOf(SlackApiException.class)
                .satisfies(e -> assertThat(((SlackApiException) e).getResponse().code()).isEqualTo(500));
        var second = client.chatPostMessage(r -> r.channel("C1TEST").text("posted again"));

        List<SlackCall> calls = fake.calls("chat.postMessage");
        assertThat(calls).extracting(SlackCall::answeredWith).containsExactly("http_500", "ok");
        assertThat(calls.get(0).succeeded()).isFalse();
        assertThat(calls.get(0).answerLost()).isTrue();
        assertThat(calls.get(0).tookEffect()).isTrue();
        assertThat(calls.get(0).result().path("ok").asBoolean()).isTrue();
        assertThat(calls.get(0).result().path("ts").asText()).isNotBlank().isNotEqualTo(second.getTs());
        assertThat(calls.get(1).answerLost()).isFalse();
        assertThat(calls.get(1).tookEffect()).isTrue();
        assertThatThrownBy(() -> Fault.answerLost(Fault.rateLimited(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusFaultThrowsWithThatCode() {
        fake.failNext("chat.update", 2, Fault.status(503));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.chatUpdate(r -> r.channel("C1TEST").ts("1.2").text("x")))
                    .isInstanceOfSatisfying(SlackApiException.class,
                            e -> assertThat(e.getResponse().code()).isEqualTo(503));
        }
        assertThat(fake.calls("chat.update")).extracting(SlackCall::answeredWith)
                .containsExactly("http_503", "http_503");
    }

    @Test
    void errorFaultIsOkFalseAndWildcardAppliesToEveryMethodUntilCleared() throws Exception {
        fake.failAlways("chat.postMessage", Fault.error("not_in_channel"));
        var posted = client.chatPostMessage(r -> r.channel("C1TEST").text("hi"));
        var postedAgain = client.chatPostMessage(r -> r.channel("C1TEST").text("hi"));

        assertThat(posted.isOk()).isFalse();
        assertThat(posted.getError()).isEqualTo("not_in_channel");
        assertThat(postedAgain.getError()).isEqualTo("not_in_channel");

        fake.failAlways("*", Fault.error("invalid_auth"));
        assertThat(client.authTest(r -> r).getError()).isEqualTo("invalid_auth");
        assertThat(client.chatPostMessage(r -> r.channel("C1TEST").text("hi")).getError())
                .as("a method's own script wins over the wildcard").isEqualTo("not_in_channel");

        fake.clearFaults();
        assertThat(client.authTest(r -> r).isOk()).isTrue();
        assertThat(client.chatPostMessage(r -> r.channel("C1TEST").text("hi")).isOk()).isTrue();
    }

    @Test
    void latencyAndDelayHoldTheAnswerBack() throws Exception {
        long fast = timeMillis(() -> client.authTest(r -> r));
        fake.setLatency(Duration.ofMillis(400));
        long slow = timeMillis(() -> client.authTest(r -> r));
        fake.setLatency(Duration.ZERO);
        fake.failNext("auth.test", 1, Fault.delay(Duration.ofMillis(300)));
        long delayed = timeMillis(() -> assertThat(client.authTest(r -> r).isOk()).isTrue());

        assertThat(fast).isLessThan(400);
        assertThat(slow).isGreaterThanOrEqualTo(400);
        assertThat(delayed).isGreaterThanOrEqualTo(300);
    }

    @Test
    void usersLookupByEmailFindsRegisteredUsersOnly() throws Exception {
        fake.addUser("dana@example.com", "U0DANA0001");

        var found = client.usersLookupByEmail(r -> r.email("dana@example.com"));
        var missing = client.usersLookupByEmail(r -> r.email("nobody@example.com"));

        assertThat(found.isOk()).isTrue();
        assertThat(found.getUser().getId()).isEqualTo("U0DANA0001");
        assertThat(found.getUser().getProfile().getEmail()).isEqualTo("dana@example.com");
        assertThat(missing.isOk()).isFalse();
        assertThat(missing.getError()).isEqualTo("users_not_found");
    }

    @Test
    void usersInfoGivesNameAndTimeZone() throws Exception {
        fake.addUser("lee@example.com", "U0LEE00001", "Lee Park", "Europe/Berlin");

        var info = client.usersInfo(r -> r.user("U0LEE00001"));

        assertThat(info.getUser().getId()).isEqualTo("U0LEE00001");
        assertThat(info.getUser().getName()).isEqualTo("lee");
        assertThat(info.getUser().getRealName()).isEqualTo("Lee Park");
        assertThat(info.getUser().getTz()).isEqualTo("Europe/Berlin");
    }

    @Test
    void conversationsOpenGivesADirectMessageChannelForTheUser() throws Exception {
        var opened = client.conversationsOpen(r -> r.users(List.of("U0DANA0001")));

        assertThat(opened.isOk()).isTrue();
        assertThat(opened.getChannel().getId()).isEqualTo("DU0DANA0001");
        assertThat(fake.awaitCall("conversations.open", WAIT).param("users")).isEqualTo("U0DANA0001");
    }

    @Test
    void viewsOpenReturnsTheViewWithAnIdAndEnforcesTheBlockLimit() throws Exception {
        ViewsOpenResponse opened = client.viewsOpen(r -> r.triggerId("123.456.abc").view(modal(100)));
        ViewsOpenResponse tooBig = client.viewsOpen(r -> r.triggerId("123.456.abc").view(modal(101)));

        assertThat(opened.isOk()).isTrue();
        assertThat(opened.getView().getId()).startsWith("V");
        assertThat(opened.getView().getCallbackId()).isEqualTo("reject_reason");
        assertThat(opened.getView().getPrivateMetadata()).isEqualTo("C1|1.2|42");
        assertThat(tooBig.isOk()).isFalse();
        assertThat(tooBig.getError()).isEqualTo("invalid_arguments");
        SlackCall call = fake.calls("views.open").get(0);
        assertThat(call.param("trigger_id")).isEqualTo("123.456.abc");
        assertThat(call.json("view").path("callback_id").asText()).isEqualTo("reject_reason");
    }

    @Test
    void viewsPublishAndUpdateAnswerWithAView() throws Exception {
        var published = client.viewsPublish(r -> r.userId("U1").view(View.builder().type("home")
                .blocks(sections(3, "home")).build()));
        var updated = client.viewsUpdate(r -> r.viewId("V0000000042").view(modal(1)));

        assertThat(published.isOk()).isTrue();
        assertThat(published.getView().getId()).isNotBlank();
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getView().getId()).isEqualTo("V0000000042");
    }

    @Test
    void filesUploadV2StoresTheBytesAndCompletes() throws Exception {
        FilesUploadV2Response upload = client.filesUploadV2(r -> r
                .channel("C1TEST").filename("review.csv").title("Q3 review").content("stage,count\nmql,12"));

        assertThat(upload.isOk()).isTrue();
        assertThat(upload.getFile().getTitle()).isEqualTo("Q3 review");
        List<FileUpload> uploads = fake.uploads();
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).text()).isEqualTo("stage,count\nmql,12");
        assertThat(uploads.get(0).fileId()).isEqualTo(upload.getFile().getId());
        assertThat(fake.awaitCall("files.getUploadURLExternal", WAIT).param("filename")).isEqualTo("review.csv");
        assertThat(fake.awaitCall("files.completeUploadExternal", WAIT).param("channel_id")).isEqualTo("C1TEST");
    }

    @Test
    void getPermalinkPointsAtTheMessage() throws Exception {
        var link = client.chatGetPermalink(r -> r.channel("C1TEST").messageTs("1764300000.000100"));

        assertThat(link.getPermalink()).endsWith("/archives/C1TEST/p1764300000000100");
    }

    @Test
    void unknownMethodsAreRejected() throws Exception {
        var reply = client.emojiList(r -> r);

        assertThat(reply.isOk()).isFalse();
        assertThat(reply.getError()).isEqualTo("unknown_method");
    }

    @Test
    void jsonBodiesAreReadToo() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.apiUrl()
                        + "chat.postMessage"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"C1TEST\",\"text\":\"hé\",\"blocks\":[{\"type\":\"divider\"}]}",
                        StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.body()).contains("\"ok\":true");
        SlackCall call = fake.awaitCall("chat.postMessage", WAIT);
        assertThat(call.param("text")).isEqualTo("hé");
        assertThat(call.json("blocks").get(0).path("type").asText()).isEqualTo("divider");
    }

    @Test
    void responseUrlPostsAreRecorded() throws Exception {
        String url = fake.responseUrl("cmd-1");

        Response reply = slack.getHttpClient().postJsonBody(url,
                ActionResponse.builder().replaceOriginal(true).text("Accepted").build());
        reply.close();

        assertThat(reply.code()).isEqualTo(200);
        ResponseUrlPost post = fake.awaitResponseUrlPost("cmd-1", WAIT);
        assertThat(post.json().path("replace_original").asBoolean()).isTrue();
        assertThat(post.json().path("text").asText()).isEqualTo("Accepted");
        assertThat(fake.responseUrlPosts("other")).isEmpty();
    }

    @Test
    void awaitingTooManyCallsFailsAndListsWhatArrived() throws Exception {
        client.chatPostMessage(r -> r.channel("C1TEST").text("only one"));

        assertThatThrownBy(() -> fake.awaitCalls("chat.postMessage", 2, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 2 calls to chat.postMessage")
                .hasMessageContaining("got 1")
                .hasMessageContaining("only one");
    }

    @Test
    void assertNoCallFailsWhenSuchACallArrivesDuringTheWindow() {
        fake.assertNoCall("chat.update", Duration.ofMillis(50));

        CompletableFuture.runAsync(() -> {
            sleep(100);
            post("C1TEST");
        });
        assertThatThrownBy(() -> fake.assertNoCall("chat.postMessage", Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected exactly 0 calls to chat.postMessage");
    }

    @Test
    void assertCallCountFailsWhenFewerArrived() {
        post("C1TEST");

        fake.assertCallCount("chat.postMessage", 1, Duration.ofMillis(50));
        assertThatThrownBy(() -> fake.assertCallCount("chat.postMessage", 2, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but got 1");
    }

    @Test
    void resetForgetsCallsAndFaults() throws Exception {
        fake.failAlways("*", Fault.error("fatal_error"));
        client.authTest(r -> r);

        fake.reset();

        assertThat(fake.calls()).isEmpty();
        assertThat(client.authTest(r -> r).isOk()).isTrue();
    }

    @Test
    void concurrentCallsAreAllRecordedWithDistinctTimestamps() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<ChatPostMessageResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String text = "lead " + i;
                futures.add(pool.submit(() -> client.chatPostMessage(r -> r.channel("C1TEST").text(text))));
            }
            List<String> timestamps = Collections.synchronizedList(new ArrayList<>());
            for (Future<ChatPostMessageResponse> future : futures) {
                timestamps.add(future.get(10, TimeUnit.SECONDS).getTs());
            }

            assertThat(timestamps).doesNotHaveDuplicates().hasSize(64);
            assertThat(fake.calls("chat.postMessage")).hasSize(64);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hangingCallDoesNotBlockClose() throws Exception {
        fake.failNext("chat.postMessage", 1, Fault.hang());
        CompletableFuture<Object> hung = CompletableFuture.supplyAsync(() -> {
            try {
                return client.chatPostMessage(r -> r.channel("C1TEST").text("never answered"));
            } catch (IOException | SlackApiException e) {
                return e;
            }
        });
        SlackCall call = fake.awaitCall("chat.postMessage", WAIT);
        assertThat(call.answeredWith()).isEqualTo("hang");
        assertThat(call.status()).isZero();
        sleep(200);
        assertThat(hung).isNotDone();

        long closing = timeMillis(fake::close);

        assertThat(closing).isLessThan(1_000);
        assertThat(hung.get(2, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    @Test
    void startsAndStopsQuickly() {
        FakeSlack.start().close();
        long took = timeMillis(() -> FakeSlack.start().close());

        assertThat(took).isLessThan(500);
    }

    private void post(String channel) {
        try {
            client.chatPostMessage(r -> r.channel(channel).text("hi"));
        } catch (IOException | SlackApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LayoutBlock> sections(int count, String text) {
        return IntStream.range(0, count)
                .mapToObj(i -> (LayoutBlock) section(s -> s.text(markdownText(text))))
                .toList();
    }

    private static View modal(int blocks) {
        return View.builder()
                .type("modal")
                .callbackId("reject_reason")
                .privateMetadata("C1|1.2|42")
                .title(ViewTitle.builder().type("plain_text").text("Reject lead").build())
                .blocks(sections(blocks, "Why?"))
                .build();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long timeMillis(Action action) {
        long start = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
