package dev.handshake.demo;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The demo's stand-in for Slack, called through the Slack SDK exactly as the app calls it: every method the app
 * uses answers as Slack documents, with Slack's errors, and anything else is {@code unknown_method}, logged.
 */
class StandInWebApiTest {

    private static RunningDemo demo;
    private static MethodsClient slack;

    @BeforeAll
    static void start() throws Exception {
        demo = RunningDemo.empty();
        slack = demo.slack();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void authTestNamesTheWorkspaceAndTheBot() throws Exception {
        var answer = slack.authTest(r -> r);
        assertThat(answer.isOk()).isTrue();
        assertThat(answer.getTeamId()).isEqualTo(DemoCast.TEAM_ID);
        assertThat(answer.getTeam()).isEqualTo("Freightline");
        assertThat(answer.getUserId()).isEqualTo(DemoCast.BOT_USER_ID);
        assertThat(answer.getBotId()).isEqualTo(DemoCast.BOT_ID);
    }

    @Test
    void aWrongOrMissingTokenIsRefusedAsSlackRefusesIt() throws Exception {
        assertThat(demo.slack("xoxb-not-the-demos").authTest(r -> r).getError()).isEqualTo("invalid_auth");
        HttpResponse<String> none = demo.post("/demo/slack/api/auth.test", "", "application/x-www-form-urlencoded");
        assertThat(demo.json(none).path("error").asText()).isEqualTo("not_authed");
    }

    @Test
    void postsInAChannelByNameOrIdAndAnswersWithTheChannelsId() throws Exception {
        ChatPostMessageResponse byName = slack.chatPostMessage(r -> r.channel("#sales-leads").text("Hello"));
        assertThat(byName.isOk()).isTrue();
        assertThat(byName.getChannel()).isEqualTo(RunningDemo.SALES);
        assertThat(byName.getMessage().getBotId()).isEqualTo(DemoCast.BOT_ID);
        ChatPostMessageResponse byId = slack.chatPostMessage(r -> r.channel(RunningDemo.SALES).text("Again"));
        assertThat(byId.getTs()).isGreaterThan(byName.getTs());
        assertThat(demo.messages(RunningDemo.AVA, RunningDemo.SALES)).extracting(m -> m.path("text").asText())
                .contains("Hello", "Again");
    }

    @Test
    void aMemberIdPostsInTheBotsDirectMessageWithThem() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel(RunningDemo.BEN).text("Psst"));
        assertThat(posted.getChannel()).isEqualTo("D05SDRBEN02");
        assertThat(demo.messages(RunningDemo.BEN, "D05SDRBEN02")).extracting(m -> m.path("text").asText())
                .contains("Psst");
        assertThat(demo.state(RunningDemo.AVA).path("messages").has("D05SDRBEN02")).as("Ava sees Ben's DM").isFalse();
    }

    @Test
    void unknownChannelsMissingTextAndBrokenBlocksAreRefused() throws Exception {
        assertThat(slack.chatPostMessage(r -> r.channel("#nowhere").text("x")).getError())
                .isEqualTo("channel_not_found");
        assertThat(slack.chatPostMessage(r -> r.channel("U0NOBODY01").text("x")).getError())
                .isEqualTo("channel_not_found");
        assertThat(slack.chatPostMessage(r -> r.channel("#sales-leads")).getError()).isEqualTo("no_text");
        List<LayoutBlock> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(section(s -> s.text(markdownText("block"))));
        }
        ChatPostMessageResponse refused = slack.chatPostMessage(r -> r.channel("#sales-leads").blocks(tooMany));
        assertThat(refused.getError()).isEqualTo("invalid_blocks");
        assertThat(refused.getResponseMetadata().getMessages())
                .contains("[ERROR] no more than 50 items allowed [json-pointer:/blocks]");
        String longText = "x".repeat(3001);
        assertThat(slack.chatPostMessage(r -> r.channel("#sales-leads").blocks(List.of(section(s -> s
                .text(markdownText(longText)))))).getResponseMetadata().getMessages())
                .contains("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
    }

    @Test
    void aReplyGoesUnderItsParent() throws Exception {
        ChatPostMessageResponse parent = slack.chatPostMessage(r -> r.channel("#revops").text("Parent"));
        ChatPostMessageResponse reply = slack.chatPostMessage(r -> r.channel("#revops").text("Reply")
                .threadTs(parent.getTs()));
        assertThat(reply.isOk()).isTrue();
        JsonNode stored = demo.messages(RunningDemo.MARCUS, RunningDemo.REVOPS).stream()
                .filter(m -> m.path("ts").asText().equals(reply.getTs())).findFirst().orElseThrow();
        assertThat(stored.path("threadTs").asText()).isEqualTo(parent.getTs());
    }

    @Test
    void updatesAMessageInPlaceOnlyByItsChannelIdAndTs() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("#marketing-handoffs").text("Before"));
        ChatUpdateResponse updated = slack.chatUpdate(r -> r.channel(posted.getChannel()).ts(posted.getTs())
                .text("After"));
        assertThat(updated.isOk()).isTrue();
        assertThat(demo.messages(RunningDemo.DANA, RunningDemo.MARKETING)).filteredOn(m -> m.path("ts").asText()
                .equals(posted.getTs())).extracting(m -> m.path("text").asText()).containsExactly("After");
        assertThat(slack.chatUpdate(r -> r.channel(posted.getChannel()).ts("1.000001").text("x")).getError())
                .isEqualTo("message_not_found");
        assertThat(slack.chatUpdate(r -> r.channel("#marketing-handoffs").ts(posted.getTs()).text("x")).getError())
                .isEqualTo("channel_not_found");
        assertThat(demo.page("type", "{\"user\":\"" + RunningDemo.DANA + "\",\"conversation\":\""
                + RunningDemo.MARKETING + "\",\"text\":\"A person's message\"}").statusCode()).isEqualTo(200);
        String theirs = demo.awaitMessage(RunningDemo.DANA, RunningDemo.MARKETING,
                m -> m.path("user").asText().equals(RunningDemo.DANA)).path("ts").asText();
        assertThat(slack.chatUpdate(r -> r.channel(RunningDemo.MARKETING).ts(theirs).text("x")).getError())
                .isEqualTo("cant_update_message");
    }

    @Test
    void anEphemeralMessageReachesOnlyItsMember() throws Exception {
        var posted = slack.chatPostEphemeral(r -> r.channel("#sales-leads").user(RunningDemo.AVA).text("Just you"));
        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getMessageTs()).isNotBlank();
        assertThat(demo.state(RunningDemo.AVA).path("ephemerals").toString()).contains("Just you");
        assertThat(demo.state(RunningDemo.BEN).path("ephemerals").toString()).doesNotContain("Just you");
        assertThat(slack.chatPostEphemeral(r -> r.channel("#sales-leads").user("U0NOBODY01").text("x")).getError())
                .isEqualTo("user_not_found");
        assertThat(slack.chatPostEphemeral(r -> r.channel("D05SDRBEN02").user(RunningDemo.AVA).text("x"))
                .getError()).isEqualTo("user_not_in_channel");
    }

    @Test
    void aModalNeedsATriggerTheStandInHandedOut() throws Exception {
        View modal = View.builder().type("modal").title(com.slack.api.model.view.Views.viewTitle(t -> t
                .type("plain_text").text("Title"))).blocks(List.of(section(s -> s.text(markdownText("Hi"))))).build();
        assertThat(slack.viewsOpen(r -> r.triggerId("1.2.abc").view(modal)).getError())
                .isEqualTo("invalid_trigger_id");
    }

    @Test
    void publishesAMembersHomeTab() throws Exception {
        View home = View.builder().type("home").blocks(List.of(section(s -> s.text(markdownText("*Home*")))))
                .build();
        var published = slack.viewsPublish(r -> r.userId(RunningDemo.MARCUS).view(home));
        assertThat(published.isOk()).isTrue();
        assertThat(published.getView().getId()).startsWith("V");
        assertThat(demo.state(RunningDemo.MARCUS).path("home").path("blocks").toString()).contains("*Home*");
        assertThat(slack.viewsPublish(r -> r.userId("U0NOBODY01").view(home)).getError())
                .isEqualTo("user_not_found");
        View modal = View.builder().type("modal").blocks(List.of()).build();
        assertThat(slack.viewsPublish(r -> r.userId(RunningDemo.MARCUS).view(modal)).getError())
                .isEqualTo("invalid_arguments");
    }

    @Test
    void opensTheDirectMessageWithAMember() throws Exception {
        var opened = slack.conversationsOpen(r -> r.users(List.of(RunningDemo.DANA)));
        assertThat(opened.getChannel().getId()).isEqualTo("D04DWHITFLD");
        assertThat(slack.conversationsOpen(r -> r.users(List.of("U0NOBODY01"))).getError())
                .isEqualTo("user_not_found");
    }

    @Test
    void findsMembersByEmail() throws Exception {
        var found = slack.usersLookupByEmail(r -> r.email("Ava.Reyes@freightline.example"));
        assertThat(found.getUser().getId()).isEqualTo(RunningDemo.AVA);
        assertThat(found.getUser().getProfile().getEmail()).isEqualTo("ava.reyes@freightline.example");
        assertThat(slack.usersLookupByEmail(r -> r.email("nobody@freightline.example")).getError())
                .isEqualTo("users_not_found");
    }

    @Test
    void describesAMemberByIdWithTheirTimeZone() throws Exception {
        var found = slack.usersInfo(r -> r.user(RunningDemo.AVA));
        assertThat(found.isOk()).isTrue();
        assertThat(found.getUser().getId()).isEqualTo(RunningDemo.AVA);
        assertThat(found.getUser().getTz()).isEqualTo("America/Chicago");
        assertThat(found.getUser().isDeleted()).isFalse();
        assertThat(found.getUser().getProfile().getDisplayName()).isEqualTo("ava");
        assertThat(slack.usersInfo(r -> r.user("U0NOBODY01")).getError()).isEqualTo("user_not_found");
    }

    @Test
    void aMessagesLinkOpensItsChannelOnTheDemosPage() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel(RunningDemo.SALES).text("Link me"));
        var link = slack.chatGetPermalink(r -> r.channel(RunningDemo.SALES).messageTs(posted.getTs()));
        assertThat(link.isOk()).isTrue();
        assertThat(link.getPermalink()).isEqualTo(demo.base() + "/demo#sales-leads");
        assertThat(slack.chatGetPermalink(r -> r.channel(RunningDemo.SALES).messageTs("1.000001")).getError())
                .isEqualTo("message_not_found");
        assertThat(slack.chatGetPermalink(r -> r.channel("C0NOWHERE01").messageTs(posted.getTs())).getError())
                .isEqualTo("channel_not_found");
    }

    @Test
    void uploadsAFileIntoADirectMessageForDownload() throws Exception {
        String dm = slack.conversationsOpen(r -> r.users(List.of(RunningDemo.AVA))).getChannel().getId();
        byte[] csv = "handoff,event\n1,received\n".getBytes(StandardCharsets.UTF_8);
        FilesUploadV2Response uploaded = slack.filesUploadV2(r -> r.channel(dm).filename("export.csv")
                .title("Handoffs").fileData(csv).initialComment("Here it is"));
        assertThat(uploaded.isOk()).isTrue();
        JsonNode message = demo.awaitMessage(RunningDemo.AVA, dm, m -> m.path("files").size() == 1);
        assertThat(message.path("text").asText()).isEqualTo("Here it is");
        HttpResponse<String> download = demo.get(message.path("files").get(0).path("url").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("handoff,event\n1,received\n");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("export.csv");
    }

    @Test
    void whoPeopleAreAndWhereMessagesAreAnswerAsSlackDoes() throws Exception {
        var ava = slack.usersInfo(r -> r.user(RunningDemo.AVA));
        assertThat(ava.isOk()).isTrue();
        assertThat(ava.getUser().getRealName()).isEqualTo("Ava Reyes");
        assertThat(ava.getUser().isDeleted()).isFalse();
        assertThat(slack.usersInfo(r -> r.user("U0NOBODY01")).getError()).isEqualTo("user_not_found");

        var groups = slack.usergroupsList(r -> r);
        assertThat(groups.getUsergroups()).extracting(g -> g.getId() + " @" + g.getHandle())
                .containsExactly("S0SALESMGR1 @sales-managers");
        assertThat(slack.usergroupsUsersList(r -> r.usergroup("S0SALESMGR1")).getUsers())
                .containsExactly(RunningDemo.MARCUS);
        assertThat(slack.usergroupsUsersList(r -> r.usergroup("S0NOGROUP01")).getError())
                .isEqualTo("no_such_subteam");

        var channels = slack.conversationsList(r -> r);
        assertThat(channels.getChannels()).extracting(c -> c.getName())
                .contains("sales-leads", "marketing-handoffs");
        // Only marketing is in the marketing channel, so only marketing may answer a rejection in the demo.
        assertThat(slack.conversationsMembers(r -> r.channel(RunningDemo.MARKETING)).getMembers())
                .contains(RunningDemo.DANA).doesNotContain(RunningDemo.AVA, RunningDemo.MARCUS);
        assertThat(slack.conversationsMembers(r -> r.channel(RunningDemo.SALES)).getMembers())
                .contains(RunningDemo.AVA, RunningDemo.MARCUS);
        assertThat(slack.conversationsMembers(r -> r.channel("C0NOWHERE01")).getError())
                .isEqualTo("channel_not_found");
        // Links to messages lead to the demo's page (tested with the messages they point at, above).
    }

    @Test
    void aMethodTheAppDoesNotUseIsUnknownAndLoggedLoudly() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(WebApi.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            var answer = slack.reactionsAdd(r -> r.channel(RunningDemo.SALES).timestamp("1.000001").name("eyes"));
            assertThat(answer.getError()).isEqualTo("unknown_method");
            assertThat(seen.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("reactions.add");
            });
        } finally {
            logger.detachAppender(seen);
        }
    }

    @Test
    void aResponseUrlAnswersOnlyWhileValid() {
        HttpResponse<String> unknown = demo.post("/demo/slack/hooks/0123456789abcdef01234567", "{\"text\":\"x\"}",
                "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(demo.json(unknown).path("error").asText()).isEqualTo("expired_url");
    }
}
