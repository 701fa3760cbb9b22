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
    private final String uploadBaseUrl;

    /** {@code uploadBaseUrl} is where upload URLs point, e.g. {@code http://127.0.0.1:3000/demo/slack/upload/}. */
    WebApi(Workspace workspace, ObjectMapper json, String uploadBaseUrl) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.json = Objects.requireNonNull(json, "json == null");
        this.uploadBaseUrl = Objects.requireNonNull(uploadBaseUrl, "uploadBaseUrl == null");
    }

    /** Slack's answer to one call (the token already checked). */
    ObjectNode call(String method, Map<String, String> params) {
        ObjectNode answer;
        try {
            answer = switch (method) {
                case "auth.test" -> authTest();
                case "chat.postMessage" -> postMessage(params);
                case "chat.update" -> update(params);
                case "chat.postEphemeral" -> postEphemeral(params);
                case "views.open" -> openView(params, false);
                case "views.push" -> openView(params, true);
                case "views.publish" -> publish(params);
                case "conversations.open" -> openConversation(params);
                case "users.lookupByEmail" -> lookupByEmail(params);
                case "files.getUploadURLExternal" -> uploadUrl(params);
                case "files.completeUploadExternal" -> completeUpload(params);
                default -> unknown(method);
            };
        } catch (Malformed e) {
            answer = error("invalid_arguments", "[ERROR] " + e.getMessage());
        }
        workspace.apiLog().add(workspace.clock().instant(), method, conversationOf(params),
                answer.path("ok").asBoolean() ? null : answer.path("error").asText());
        workspace.changes().bump();
        return answer;
    }

    private ObjectNode unknown(String method) {
        log.error("The app called the Web API method {}, which the demo's stand-in for Slack does not know. Teach it "
                + "to WebApi (in dev.handshake.demo) so the demo shows what the app does with it.", method);
        return error("unknown_method").put("req_method", method);
    }

    private ObjectNode authTest() {
        return ok()
                .put("url", WORKSPACE_URL)
                .put("team", DemoCast.TEAM_NAME)
                .put("user", DemoCast.BOT_NAME)
                .put("team_id", DemoCast.TEAM_ID)
                .put("user_id", DemoCast.BOT_USER_ID)
                .put("bot_id", DemoCast.BOT_ID)
                .put("is_enterprise_install", false);
    }

    private ObjectNode postMessage(Map<String, String> params) {
        Optional<String> conversation = workspace.conversation(params.get("channel"));
        if (conversation.isEmpty()) {
            return error("channel_not_found");
        }
        ObjectNode invalid = checkContent(params);
        if (invalid != null) {
            return invalid;
        }
        Messages.Message posted = workspace.messages().post(conversation.get(), DemoCast.BOT_USER_ID,
                params.get("text"), blocks(params), params.get("thread_ts"), List.of());
        ObjectNode answer = ok().put("channel", conversation.get()).put("ts", posted.ts());
        answer.set("message", messageJson(posted));
        return answer;
    }

    private ObjectNode update(Map<String, String> params) {
        String channel = params.get("channel");
        // chat.update takes ids only: a channel's, or a direct message's D… id (not the member's).
        Optional<String> conversation = channel == null || !channel.matches("[CDG][A-Z0-9]+")
                ? Optional.empty() : workspace.conversation(channel).filter(channel::equals);
        if (conversation.isEmpty()) {
            return error("channel_not_found");
        }
        if (blank(params.get("ts"))) {
            return missing("ts");
        }
        Optional<Messages.Message> existing = workspace.messages().find(conversation.get(), params.get("ts"));
        if (existing.isEmpty()) {
            return error("message_not_found");
        }
        if (!DemoCast.BOT_USER_ID.equals(existing.get().user())) {
            return error("cant_update_message");
        }
        ObjectNode invalid = checkContent(params);
        if (invalid != null) {
            return invalid;
        }
        Messages.Message updated = workspace.messages()
                .update(conversation.get(), params.get("ts"), params.get("text"), blocks(params)).orElseThrow();
        ObjectNode answer = ok().put("channel", conversation.get()).put("ts", updated.ts())
                .put("text", updated.text());
        answer.set("message", messageJson(updated));
        return answer;
    }

    private ObjectNode postEphemeral(Map<String, String> params) {
        Optional<String> conversation = workspace.conversation(params.get("channel"));
        if (conversation.isEmpty()) {
            return error("channel_not_found");
        }
        String user = params.get("user");
        if (blank(user)) {
            return missing("user");
        }
        if (workspace.cast().person(user).isEmpty()) {
            return error("user_not_found");
        }
        if (!workspace.sees(user, conversation.get())) {
            return error("user_not_in_channel");
        }
        ObjectNode invalid = checkContent(params);
        if (invalid != null) {
            return invalid;
        }
        Messages.Ephemeral posted = workspace.messages().postEphemeral(conversation.get(), user, params.get("text"),
                blocks(params), params.get("thread_ts"), Messages.FROM_APP);
        return ok().put("message_ts", posted.ts());
    }

    private ObjectNode openView(Map<String, String> params, boolean push) {
        if (blank(params.get("trigger_id"))) {
            return missing("trigger_id");
        }
        ObjectNode view = view(params, "modal");
        List<String> problems = BlockChecks.view(view, "modal");
        if (!problems.isEmpty()) {
            return error("invalid_arguments", problems.toArray(String[]::new));
        }
        Triggers.Exchange exchange = workspace.triggers().exchange(params.get("trigger_id"));
        if (exchange.error() != null) {
            return error(exchange.error());
        }
        Views.View opened = push
                ? workspace.views().push(exchange.user(), view)
                        .orElseGet(() -> workspace.views().open(exchange.user(), view))
                : workspace.views().open(exchange.user(), view);
        ObjectNode answer = ok();
        answer.set("view", opened.json());
        return answer;
    }

    private ObjectNode publish(Map<String, String> params) {
        String user = params.get("user_id");
        if (blank(user)) {
            return missing("user_id");
        }
        if (workspace.cast().person(user).isEmpty()) {
            return error("user_not_found");
        }
        ObjectNode view = view(params, "home");
        List<String> problems = BlockChecks.view(view, "home");
        if (!problems.isEmpty()) {
            return error("invalid_arguments", problems.toArray(String[]::new));
        }
        ObjectNode answer = ok();
        answer.set("view", workspace.views().publishHome(user, view).json());
        return answer;
    }

    private ObjectNode openConversation(Map<String, String> params) {
        String users = params.get("users");
        if (blank(users)) {
            if (!blank(params.get("channel"))) {
                Optional<String> known = workspace.conversation(params.get("channel"));
                return known.isEmpty() ? error("channel_not_found") : channelAnswer(known.get());
            }
            return missing("users or channel");
        }
        String[] members = users.split(",");
        if (members.length != 1) {
            return error("invalid_arguments", "[ERROR] the demo's workspace has direct messages with one member only");
        }
        Optional<DemoCast.Person> person = workspace.cast().person(members[0].strip());
        if (person.isEmpty()) {
            return error("user_not_found");
        }
        return channelAnswer(DemoCast.directMessageId(person.get().id()));
    }

    private ObjectNode channelAnswer(String id) {
        ObjectNode answer = ok().put("no_op", true).put("already_open", true);
        answer.putObject("channel").put("id", id);
        return answer;
    }

    private ObjectNode lookupByEmail(Map<String, String> params) {
        if (blank(params.get("email"))) {
            return missing("email");
        }
        Optional<DemoCast.Person> person = workspace.cast().personByEmail(params.get("email"));
        if (person.isEmpty()) {
            return error("users_not_found");
        }
        ObjectNode answer = ok();
        answer.set("user", userJson(person.get()));
        return answer;
    }

    private ObjectNode uploadUrl(Map<String, String> params) {
        if (blank(params.get("filename"))) {
            return missing("filename");
        }
        if (blank(params.get("length"))) {
            return missing("length");
        }
        long length;
        try {
            length = Long.parseLong(params.get("length").strip());
        } catch (NumberFormatException e) {
            return error("invalid_arguments", "[ERROR] must be an integer [json-pointer:/length]");
        }
        if (length < 1 || length > Uploads.MAX_BYTES) {
            return error("invalid_arguments", "[ERROR] must be between 1 and " + Uploads.MAX_BYTES
                    + " bytes in the demo [json-pointer:/length]");
        }
        String id = workspace.uploads().reserve(params.get("filename"), length);
        return ok().put("upload_url", uploadBaseUrl + id).put("file_id", id);
    }

    private ObjectNode completeUpload(Map<String, String> params) {
        if (blank(params.get("files"))) {
            return missing("files");
        }
        JsonNode files = parse(params.get("files"), "files");
        if (!files.isArray() || files.isEmpty()) {
            return error("invalid_arguments", "[ERROR] must be a non-empty array [json-pointer:/files]");
        }
        Optional<String> conversation = Optional.empty();
        if (!blank(params.get("channel_id"))) {
            conversation = workspace.conversation(params.get("channel_id"));
            if (conversation.isEmpty()) {
                return error("channel_not_found");
            }
        }
        List<Uploads.Upload> completed = new ArrayList<>();
        for (JsonNode file : files) {
            Optional<Uploads.Upload> upload = workspace.uploads().complete(file.path("id").asText(""),
                    file.path("title").asText(null));
            if (upload.isEmpty()) {
                return error("file_not_found");
            }
            completed.add(upload.get());
        }
        conversation.ifPresent(c -> workspace.messages().post(c, DemoCast.BOT_USER_ID,
                params.getOrDefault("initial_comment", ""), null, params.get("thread_ts"),
                completed.stream().map(Uploads.Upload::id).toList()));
        ObjectNode answer = ok();
        ArrayNode out = answer.putArray("files");
        completed.forEach(upload -> out.addObject().put("id", upload.id()).put("title", upload.title())
                .put("name", upload.filename()));
        return answer;
    }

    /** Slack's checks on a message's content: some text or blocks, blocks within Block Kit's limits. */
    private ObjectNode checkContent(Map<String, String> params) {
        String text = params.get("text");
        if (text != null && text.length() > BlockChecks.MESSAGE_TEXT) {
            return error("msg_too_long");
        }
        JsonNode blocks = blocks(params);
        if (blocks != null) {
            List<String> problems = BlockChecks.message(blocks);
            if (!problems.isEmpty()) {
                return error("invalid_blocks", problems.toArray(String[]::new));
            }
        }
        if (blank(text) && (blocks == null || blocks.isEmpty())) {
            return error("no_text");
        }
        return null;
    }

    private JsonNode blocks(Map<String, String> params) {
        String blocks = params.get("blocks");
        return blank(blocks) ? null : BlockIds.fill(parse(blocks, "blocks"));
    }

    private ObjectNode view(Map<String, String> params, String type) {
        if (blank(params.get("view"))) {
            throw new Malformed("missing required field: view");
        }
        JsonNode view = parse(params.get("view"), "view");
        if (!view.isObject()) {
            throw new Malformed("must be an object [json-pointer:/view]");
        }
        BlockIds.fill(view.get("blocks"));
        return (ObjectNode) view;
    }

    private JsonNode parse(String text, String field) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed(field + " is not valid JSON [json-pointer:/" + field + "]");
        }
    }

    ObjectNode messageJson(Messages.Message message) {
        ObjectNode out = json.createObjectNode()
                .put("type", "message")
                .put("text", message.text())
                .put("user", message.user())
                .put("ts", message.ts())
                .put("team", DemoCast.TEAM_ID);
        if (DemoCast.BOT_USER_ID.equals(message.user())) {
            out.put("bot_id", DemoCast.BOT_ID).put("app_id", DemoCast.APP_ID);
        }
        if (message.blocks() != null) {
            out.set("blocks", message.blocks());
        }
        if (message.threadTs() != null) {
            out.put("thread_ts", message.threadTs());
        }
        return out;
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

    private ObjectNode ok() {
        return json.createObjectNode().put("ok", true);
    }

    private ObjectNode error(String error, String... messages) {
        ObjectNode answer = json.createObjectNode().put("ok", false).put("error", error);
        if (messages.length > 0) {
            ArrayNode list = answer.putObject("response_metadata").putArray("messages");
            for (String message : messages) {
                list.add(message);
            }
        }
        return answer;
    }

    private ObjectNode missing(String field) {
        return error("invalid_arguments", "[ERROR] missing required field: " + field);
    }

    private static String conversationOf(Map<String, String> params) {
        for (String key : List.of("channel", "channel_id", "user_id", "users")) {
            if (!blank(params.get(key))) {
                return params.get(key);
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A request the stand-in cannot read; answered {@code invalid_arguments}, as Slack does. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
