package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackRequestReaderTest {

    private static final AppConfig CONFIG = AppConfig.builder().singleTeamBotToken("xoxb-test")
            .signingSecret("secret").build();
    private static final String CLICK = """
            {"type":"block_actions","user":{"id":"U0REP0001","username":"dana","name":"dana","team_id":"T0TEAM001"},
             "api_app_id":"A0APP0001","token":"legacy","trigger_id":"123.456.abc",
             "container":{"type":"message","message_ts":"1764300000.000100","channel_id":"C0SALES01","is_ephemeral":false},
             "team":{"id":"T0TEAM001","domain":"northwind"},"enterprise":null,"is_enterprise_install":false,
             "channel":{"id":"C0SALES01","name":"sales"},
             "message":{"type":"message","user":"U0BOT0001","ts":"1764300000.000100","bot_id":"B0BOT0001",
               "text":"New MQL","blocks":[
                 {"type":"section","block_id":"lead","text":{"type":"mrkdwn","text":"*Dana* at Northwind"},
                  "fields":[{"type":"mrkdwn","text":"*Score*\\n82"}]},
                 {"type":"actions","block_id":"actions","elements":[
                   {"type":"button","action_id":"handoff_accept","text":{"type":"plain_text","text":"Accept"},
                    "style":"primary","value":"42"},
                   {"type":"button","action_id":"handoff_reject","text":{"type":"plain_text","text":"Reject"},
                    "style":"danger","value":"42"}]}]},
             "state":{"values":{"pick":{"reason":{"type":"static_select","selected_option":
               {"text":{"type":"plain_text","text":"Bad fit"},"value":"bad_fit"}}}}},
             "response_url":"https://hooks.slack.com/actions/T0TEAM001/1/abc",
             "actions":[{"action_id":"handoff_accept","block_id":"actions","text":{"type":"plain_text",
               "text":"Accept","emoji":true},"value":"42","style":"primary","type":"button",
               "action_ts":"1764300000.000200"}]}""";

    private final SlackRequestReader reader = new SlackRequestReader(CONFIG);
    private final SlackRequestParser bolt = new SlackRequestParser(CONFIG);

    @Test
    void aClickIsReadAsBoltReadsIt() {
        SlackRequestParser.HttpRequest raw = raw(form(CLICK));

        Request<?> ours = reader.parse(raw);
        Request<?> theirs = bolt.parse(raw);

        assertThat(ours).isInstanceOf(BlockActionRequest.class);
        BlockActionRequest click = (BlockActionRequest) ours;
        BlockActionRequest expected = (BlockActionRequest) theirs;
        assertThat(click.getPayload()).isNotNull().isEqualTo(expected.getPayload());
        assertThat(click.getPayload().getActions().get(0).getValue()).isEqualTo("42");
        assertThat(click.getPayload().getMessage().getBlocks()).hasSize(2);
        assertThat(click.getRequestType()).isEqualTo(expected.getRequestType());
        assertThat(click.getResponseUrl()).isEqualTo("https://hooks.slack.com/actions/T0TEAM001/1/abc");
        assertThat(click.getRequestBodyAsString()).isEqualTo(expected.getRequestBodyAsString());
        assertThat(click.getClientIpAddress()).isEqualTo("10.0.0.7").isEqualTo(expected.getClientIpAddress());
        assertThat(click.getQueryString()).isEqualTo(expected.getQueryString()).containsKey("ref");
        assertThat(click.getContext().getRequestUserId()).isEqualTo("U0REP0001")
                .isEqualTo(expected.getContext().getRequestUserId());
        assertThat(click.getContext().getTeamId()).isEqualTo("T0TEAM001").isEqualTo(expected.getContext().getTeamId());
        assertThat(click.getContext().getEnterpriseId()).isEqualTo(expected.getContext().getEnterpriseId());
        assertThat(click.getContext().getTriggerId()).isEqualTo("123.456.abc")
                .isEqualTo(expected.getContext().getTriggerId());
        assertThat(click.getContext().getResponseUrl()).isEqualTo(expected.getContext().getResponseUrl());
        assertThat(click.getContext().getBotToken()).isEqualTo("xoxb-test")
                .isEqualTo(expected.getContext().getBotToken());
    }

    @Test
    void otherRequestsAreLeftToBolt() {
        String submission = """
                {"type":"view_submission","team":{"id":"T0TEAM001"},"user":{"id":"U0REP0001","team_id":"T0TEAM001"},
                 "view":{"id":"V1","type":"modal","callback_id":"reject","state":{"values":{}}}}""";
        String command = "command=%2Fsla&text=mql&user_id=U0REP0001&team_id=T0TEAM001";
        for (String body : List.of(form(submission), command)) {
            Request<?> ours = reader.parse(raw(body));
            Request<?> theirs = bolt.parse(raw(body));
            assertThat(ours.getClass()).as(body).isEqualTo(theirs.getClass());
            assertThat(ours.getContext().getRequestUserId()).isEqualTo("U0REP0001");
        }
    }

    @Test
    void aClickThatIsNotJsonFailsInTheSdkAsWithBolt() {
        SlackRequestParser.HttpRequest raw = raw("payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"user\":7",
                StandardCharsets.UTF_8));

        assertThatThrownBy(() -> reader.parse(raw)).isInstanceOf(RuntimeException.class)
                .satisfies(e -> assertThat(SlackEndpoint.unreadable(e)).isTrue());
        assertThatThrownBy(() -> bolt.parse(raw)).isInstanceOf(RuntimeException.class);
    }

    private static String form(String payload) {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static SlackRequestParser.HttpRequest raw(String body) {
        return SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .queryString(Map.of("ref", List.of("x")))
                .headers(new RequestHeaders(Map.of("X-Forwarded-For", List.of("10.0.0.7"))))
                .requestBody(body)
                .remoteAddress("127.0.0.1")
                .build();
    }
}
