package dev.handshake.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web API methods the app calls, answered as Slack answers them: {@code ok:true} with the fields the SDK reads,
 * or {@code ok:false} with Slack's error ({@code channel_not_found}, {@code no_text}, {@code invalid_blocks},
 * {@code message_not_found}, {@code users_not_found}, {@code expired_trigger_id}, …). Any other method is
 * {@code unknown_method}, logged as an error: the stand-in must learn it before the demo can show it.
 */
final class WebApi {

    static final String WORKSPACE_URL = "https://" + DemoCast.TEAM_DOMAIN + ".slack.com/";
    private static final Logger log = LoggerFactory.getLogger(WebApi.class);

    private final Workspace workspace;
    private final ObjectMapper json;
    private final ApiAnswers answers;
    private final ChatMethods chat;
    private final FileMethods files;
    private final String pageUrl;

    /**
     * {@code uploadBaseUrl} is where upload URLs point, e.g. {@code http://127.0.0.1:3000/demo/slack/upload/};
     * {@code pageUrl} is the demo's page, where message links lead, e.g. {@code http://127.0.0.1:3000/demo}.
     */
    WebApi(Workspace workspace, Payloads payloads, String uploadBaseUrl, String pageUrl) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.pageUrl = Objects.requireNonNull(pageUrl, "pageUrl == null");
        this.json = payloads.json();
        this.answers = new ApiAnswers(json);
        this.chat = new ChatMethods(workspace, payloads, answers);
        this.files = new FileMethods(workspace, answers, uploadBaseUrl);
    }

    /** Slack's answer to one call (the token already checked). */
    ObjectNode call(String method, Map<String, String> params) {
        ObjectNode answer;
        try {
            answer = switch (method) {
                case "auth.test" -> authTest();
                case "chat.postMessage" -> chat.postMessage(params);
                case "chat.update" -> chat.update(params);
                case "chat.postEphemeral" -> chat.postEphemeral(params);
                case "views.open" -> openView(params, false);
                case "views.push" -> openView(params, true);
                case "views.publish" -> publish(params);
                case "conversations.open" -> openConversation(params);
                case "users.lookupByEmail" -> lookupByEmail(params);
                case "users.info" -> userInfo(params);
                case "usergroups.list" -> userGroups();
                case "usergroups.users.list" -> userGroupMembers(params);
                case "conversations.list" -> conversations();
                case "conversations.members" -> channelMembers(params);
                case "chat.getPermalink" -> permalink(params);
                case "files.getUploadURLExternal" -> files.uploadUrl(params);
                case "files.completeUploadExternal" -> files.completeUpload(params);
                default -> unknown(method);
            };
        } catch (ApiAnswers.Malformed e) {
            answer = answers.error("invalid_arguments", "[ERROR] " + e.getMessage());
        }
        workspace.apiLog().add(workspace.clock().instant(), method, conversationOf(params),
                answer.path("ok").asBoolean() ? null : answer.path("error").asText());
        workspace.changes().bump();
        return answer;
    }

    private ObjectNode unknown(String method) {
        log.error("The app called the Web API method {}, which the demo's stand-in for Slack does not know. Teach it "
                + "to WebApi (in dev.handshake.demo) so the demo shows what the app does with it.", method);
        return answers.error("unknown_method").put("req_method", method);
    }

    private ObjectNode authTest() {
        return answers.ok()
                .put("url", WORKSPACE_URL)
                .put("team", DemoCast.TEAM_NAME)
                .put("user", DemoCast.BOT_NAME)
                .put("team_id", DemoCast.TEAM_ID)
                .put("user_id", DemoCast.BOT_USER_ID)
                .put("bot_id", DemoCast.BOT_ID)
                .put("is_enterprise_install", false);
    }




    private ObjectNode openView(Map<String, String> params, boolean push) {
        if (ApiAnswers.blank(params.get("trigger_id"))) {
            return answers.missing("trigger_id");
        }
        ObjectNode view = view(params, "modal");
        List<String> problems = BlockChecks.view(view, "modal");
        if (!problems.isEmpty()) {
            return answers.error("invalid_arguments", problems.toArray(String[]::new));
        }
        Triggers.Exchange exchange = workspace.triggers().exchange(params.get("trigger_id"));
        if (exchange.error() != null) {
            return answers.error(exchange.error());
        }
        Views.View opened = push
                ? workspace.views().push(exchange.user(), view)
                        .orElseGet(() -> workspace.views().open(exchange.user(), view))
                : workspace.views().open(exchange.user(), view);
        ObjectNode answer = answers.ok();
        answer.set("view", opened.json());
        return answer;
    }

    private ObjectNode publish(Map<String, String> params) {
        String user = params.get("user_id");
        if (ApiAnswers.blank(user)) {
            return answers.missing("user_id");
        }
        if (workspace.cast().person(user).isEmpty()) {
            return answers.error("user_not_found");
        }
        ObjectNode view = view(params, "home");
        List<String> problems = BlockChecks.view(view, "home");
        if (!problems.isEmpty()) {
            return answers.error("invalid_arguments", problems.toArray(String[]::new));
        }
        ObjectNode answer = answers.ok();
        answer.set("view", workspace.views().publishHome(user, view).json());
        return answer;
    }

    private ObjectNode openConversation(Map<String, String> params) {
        String users = params.get("users");
        if (ApiAnswers.blank(users)) {
            if (!ApiAnswers.blank(params.get("channel"))) {
                Optional<String> known = workspace.conversation(params.get("channel"));
                return known.isEmpty() ? answers.error("channel_not_found") : channelAnswer(known.get());
            }
            return answers.missing("users or channel");
        }
        String[] members = users.split(",");
        if (members.length != 1) {
            return answers.error("invalid_arguments",
                    "[ERROR] the demo's workspace has direct messages with one member only");
        }
        Optional<DemoCast.Person> person = workspace.cast().person(members[0].strip());
        if (person.isEmpty()) {
            return answers.error("user_not_found");
        }
        return channelAnswer(DemoCast.directMessageId(person.get().id()));
    }

    private ObjectNode channelAnswer(String id) {
        ObjectNode answer = answers.ok().put("no_op", true).put("already_open", true);
        answer.putObject("channel").put("id", id);
        return answer;
    }

    private ObjectNode lookupByEmail(Map<String, String> params) {
        if (ApiAnswers.blank(params.get("email"))) {
            return answers.missing("email");
        }
        Optional<DemoCast.Person> person = workspace.cast().personByEmail(params.get("email"));
        if (person.isEmpty()) {
            return answers.error("users_not_found");
        }
        ObjectNode answer = answers.ok();
        answer.set("user", userJson(person.get()));
        return answer;
    }





    private ObjectNode userInfo(Map<String, String> params) {
        if (ApiAnswers.blank(params.get("user"))) {
            return answers.missing("user");
        }
        Optional<DemoCast.Person> person = workspace.cast().person(params.get("user"));
        if (person.isEmpty()) {
            return answers.error("user_not_found");
        }
        ObjectNode answer = answers.ok();
        answer.set("user", userJson(person.get()));
        return answer;
    }

    private ObjectNode userGroups() {
        ObjectNode answer = answers.ok();
        ArrayNode groups = answer.putArray("usergroups");
        for (DemoCast.Group group : workspace.cast().groups()) {
            groups.addObject().put("id", group.id()).put("team_id", DemoCast.TEAM_ID).put("handle", group.handle())
                    .put("name", group.name()).put("is_usergroup", true).put("user_count", group.members().size());
        }
        return answer;
    }

    private ObjectNode userGroupMembers(Map<String, String> params) {
        if (ApiAnswers.blank(params.get("usergroup"))) {
            return answers.missing("usergroup");
        }
        Optional<DemoCast.Group> group = workspace.cast().group(params.get("usergroup"));
        if (group.isEmpty()) {
            return answers.error("no_such_subteam");
        }
        ObjectNode answer = answers.ok();
        ArrayNode users = answer.putArray("users");
        group.get().members().forEach(users::add);
        return answer;
    }

    private ObjectNode conversations() {
        ObjectNode answer = answers.ok();
        ArrayNode channels = answer.putArray("channels");
        for (DemoCast.Channel channel : workspace.cast().channels()) {
            channels.addObject().put("id", channel.id()).put("name", channel.name()).put("is_channel", true)
                    .put("is_private", false).put("is_archived", false).put("is_member", true);
        }
        answer.putObject("response_metadata").put("next_cursor", "");
        return answer;
    }

    private ObjectNode channelMembers(Map<String, String> params) {
        if (ApiAnswers.blank(params.get("channel"))) {
            return answers.missing("channel");
        }
        Optional<DemoCast.Channel> channel = workspace.cast().channel(params.get("channel"), true);
        if (channel.isEmpty()) {
            return answers.error("channel_not_found");
        }
        ObjectNode answer = answers.ok();
        ArrayNode members = answer.putArray("members");
        workspace.cast().members(channel.get()).forEach(members::add);
        answer.putObject("response_metadata").put("next_cursor", "");
        return answer;
    }

    /** A message's link leads to its conversation on the demo's page (the page's address names what is open). */
    private ObjectNode permalink(Map<String, String> params) {
        String channel = params.get("channel");
        Optional<String> conversation = channel == null || !channel.matches("[CDG][A-Z0-9]+")
                ? Optional.empty() : workspace.conversation(channel).filter(channel::equals);
        if (conversation.isEmpty()) {
            return answers.error("channel_not_found");
        }
        if (ApiAnswers.blank(params.get("message_ts"))) {
            return answers.missing("message_ts");
        }
        if (workspace.messages().find(conversation.get(), params.get("message_ts")).isEmpty()) {
            return answers.error("message_not_found");
        }
        String where = workspace.cast().channel(conversation.get(), true).map(DemoCast.Channel::name)
                .orElse("messages");
        return answers.ok().put("channel", conversation.get()).put("permalink", pageUrl + "#" + where);
    }

    private ObjectNode view(Map<String, String> params, String type) {
        if (ApiAnswers.blank(params.get("view"))) {
            throw new ApiAnswers.Malformed("missing required field: view");
        }
        JsonNode view = answers.parse(params.get("view"), "view");
        if (!view.isObject()) {
            throw new ApiAnswers.Malformed("must be an object [json-pointer:/view]");
        }
        BlockIds.fill(view.get("blocks"));
        return (ObjectNode) view;
    }


    ObjectNode userJson(DemoCast.Person person) {
        ZoneId zone = ZoneId.of("America/Chicago");
        ObjectNode user = json.createObjectNode()
                .put("id", person.id())
                .put("team_id", DemoCast.TEAM_ID)
                .put("name", person.handle())
                .put("deleted", false)
                .put("real_name", person.realName())
                .put("tz", zone.getId())
                .put("tz_offset", zone.getRules().getOffset(workspace.clock().instant()).getTotalSeconds())
                .put("is_bot", false);
        user.putObject("profile")
                .put("real_name", person.realName())
                .put("display_name", person.handle())
                .put("title", person.title())
                .put("email", person.email());
        return user;
    }




    private static String conversationOf(Map<String, String> params) {
        for (String key : List.of("channel", "channel_id", "user_id", "users")) {
            if (!ApiAnswers.blank(params.get(key))) {
                return params.get(key);
            }
        }
        return null;
    }


}
