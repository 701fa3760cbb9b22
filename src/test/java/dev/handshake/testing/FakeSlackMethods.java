package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** The happy-path behaviour of each Web API method the app uses, with Slack's validation. Thread-safe. */
final class FakeSlackMethods {

    private static final Pattern CONVERSATION_ID = Pattern.compile("[CDG][A-Z0-9]{2,}");
    private static final String WORKSPACE_URL = "https://" + FakeSlack.TEAM_DOMAIN + ".slack.com/";

    private final String baseUrl;
    private final Clock clock;
    private final Set<String> grantedScopes;
    private final Map<String, String> channelIdsByName = new ConcurrentHashMap<>();
    private final Map<String, FakeUser> usersByEmail = new ConcurrentHashMap<>();
    private final Map<String, FakeUser> usersById = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> channelMembers = new ConcurrentHashMap<>();
    private final Map<String, FakeUserGroup> userGroups = new ConcurrentHashMap<>();
    private final Set<String> deactivated = ConcurrentHashMap.newKeySet();

    /** A user group: its id, its handle (without the @), its name and its members. */
    record FakeUserGroup(String id, String handle, String name, Set<String> users) {}
    // Starts at Slack's ts 1764300000.000100 and steps 100 µs, so every ts is unique and sorts in posting order.
    private final AtomicLong tsMicros = new AtomicLong(1_764_300_000_000_000L);
    private final AtomicLong views = new AtomicLong();
    private final AtomicLong files = new AtomicLong();

    FakeSlackMethods(String baseUrl, Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.grantedScopes = SlackScopes.botScopes(SlackScopes.MANIFEST);
    }

    void deactivate(String userId) {
        deactivated.add(userId);
    }

    /** The user object Slack gives for this member ({@code users.info}, {@code user_change}). */
    JsonNode userJson(String userId) {
        FakeUser user = usersById.get(userId);
        return userJson(user != null ? user : FakeUser.unregistered(userId));
    }

    void addUser(FakeUser user) {
        usersById.put(user.id(), user);
        if (user.email() != null) {
            usersByEmail.put(user.email().toLowerCase(Locale.ROOT), user);
        }
    }

    /** Adds members to a channel ({@code #name} or id); {@code conversations.members} lists them. */
    void addChannelMembers(String nameOrId, List<String> users) {
        channelMembers.computeIfAbsent(channelFor(nameOrId), id -> ConcurrentHashMap.newKeySet()).addAll(users);
    }

    /** Defines a user group, replacing one with the same id. */
    void addUserGroup(String id, String handle, String name, List<String> users) {
        userGroups.put(id, new FakeUserGroup(id, handle, name, Set.copyOf(users)));
    }

    /** {@code #name} or {@code name} maps to a stable fake id; an id is returned as it is. */
    String channelFor(String nameOrId) {
        Objects.requireNonNull(nameOrId, "nameOrId == null");
        if (CONVERSATION_ID.matcher(nameOrId).matches()) {
            return nameOrId;
        }
        String name = (nameOrId.startsWith("#") ? nameOrId.substring(1) : nameOrId).toLowerCase(Locale.ROOT);
        return channelIdsByName.computeIfAbsent(name, FakeSlackMethods::idForName);
    }

    /** Ids depend only on the name, so they are the same in every run and every FakeSlack. */
    private static String idForName(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "C" + HexFormat.of().formatHex(digest, 0, 5).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ApiReply answer(String method, Map<String, String> params) {
        if (!SlackScopes.BY_METHOD.containsKey(method)) {
            return ApiReply.error("unknown_method");
        }
        Optional<String> missingScope = SlackScopes.missing(method, grantedScopes);
        if (missingScope.isPresent()) {
            return ApiReply.missingScope(missingScope.get(), grantedScopes);
        }
        return switch (method) {
            case "auth.test" -> authTest();
            case "chat.postMessage" -> postMessage(params);
            case "chat.update" -> update(params);
            case "chat.postEphemeral" -> postEphemeral(params);
            case "chat.getPermalink" -> permalink(params);
            case "views.open", "views.push", "views.publish", "views.update" -> view(method, params);
            case "conversations.open" -> conversationsOpen(params);
            case "users.lookupByEmail" -> lookupByEmail(params);
            case "users.info" -> usersInfo(params);
            case "conversations.members" -> conversationsMembers(params);
            case "conversations.list" -> conversationsList(params);
            case "usergroups.users.list" -> userGroupUsers(params);
            case "usergroups.list" -> userGroupList();
            case "files.getUploadURLExternal" -> uploadUrl(params);
            case "files.completeUploadExternal" -> completeUpload(params);
            default -> ApiReply.error("unknown_method");
        };
    }

    private ApiReply authTest() {
        return ApiReply.ok(Json.object()
                .put("url", WORKSPACE_URL)
                .put("team", FakeSlack.TEAM_NAME)
                .put("user", FakeSlack.BOT_NAME)
                .put("team_id", FakeSlack.TEAM_ID)
                .put("user_id", FakeSlack.BOT_USER_ID)
                .put("bot_id", FakeSlack.BOT_ID)
                .put("is_enterprise_install", false));
    }

    private ApiReply postMessage(Map<String, String> params) {
        ApiReply invalid = checkChatMessage(params);
        if (invalid != null) {
            return invalid;
        }
        String channel = channelFor(params.get("channel"));
        String ts = nextTs();
        ObjectNode message = message(params, ts);
        if (present(params.get("thread_ts"))) {
            message.put("thread_ts", params.get("thread_ts"));
        }
        ObjectNode reply = Json.object().put("channel", channel).put("ts", ts);
        reply.set("message", message);
        return ApiReply.ok(reply);
    }

    private ApiReply update(Map<String, String> params) {
        ApiReply invalid = checkChatMessage(params);
        if (invalid != null) {
            return invalid;
        }
        String ts = params.get("ts");
        if (!present(ts)) {
            return ApiReply.missing("ts");
        }
        ObjectNode reply = Json.object()
                .put("channel", channelFor(params.get("channel")))
                .put("ts", ts)
                .put("text", params.getOrDefault("text", ""));
        reply.set("message", message(params, ts));
        return ApiReply.ok(reply);
    }

    private ApiReply postEphemeral(Map<String, String> params) {
        ApiReply invalid = checkChatMessage(params);
        if (invalid != null) {
            return invalid;
        }
        if (!present(params.get("user"))) {
            return ApiReply.missing("user");
        }
        return ApiReply.ok(Json.object().put("message_ts", nextTs()));
    }

    private ApiReply permalink(Map<String, String> params) {
        if (!present(params.get("channel"))) {
            return ApiReply.error("channel_not_found");
        }
        String ts = params.get("message_ts");
        if (!present(ts)) {
            return ApiReply.missing("message_ts");
        }
        String channel = channelFor(params.get("channel"));
        return ApiReply.ok(Json.object()
                .put("channel", channel)
                .put("permalink", WORKSPACE_URL + "archives/" + channel + "/p" + ts.replace(".", "")));
    }

    /** Slack's rules for chat.* : a channel, some content, and blocks within Block Kit's limits. */
    private static ApiReply checkChatMessage(Map<String, String> params) {
        if (!present(params.get("channel"))) {
            return ApiReply.error("channel_not_found");
        }
        String blocks = params.get("blocks");
        if (present(blocks)) {
            List<String> problems = BlockKitLimits.checkMessageBlocks(blocks);
            if (!problems.isEmpty()) {
                return ApiReply.error("invalid_blocks", problems);
            }
        }
        boolean hasBlocks = present(blocks) && Json.parse(blocks).size() > 0;
        if (!present(params.get("text")) && !hasBlocks && !present(params.get("attachments"))) {
            return ApiReply.error("no_text");
        }
        return null;
    }

    private ObjectNode message(Map<String, String> params, String ts) {
        ObjectNode message = Json.object()
                .put("type", "message")
                .put("text", params.getOrDefault("text", ""))
                .put("user", FakeSlack.BOT_USER_ID)
                .put("bot_id", FakeSlack.BOT_ID)
                .put("app_id", FakeSlack.APP_ID)
                .put("team", FakeSlack.TEAM_ID)
                .put("ts", ts);
        if (present(params.get("blocks"))) {
            message.set("blocks", Json.parse(params.get("blocks")));
        }
        return message;
    }

    private ApiReply view(String method, Map<String, String> params) {
        String required = switch (method) {
            case "views.open", "views.push" -> "trigger_id";
            case "views.publish" -> "user_id";
            default -> null;
        };
        if (required != null && !present(params.get(required))) {
            return ApiReply.missing(required);
        }
        if (method.equals("views.update") && !present(params.get("view_id")) && !present(params.get("external_id"))) {
            return ApiReply.missing("view_id or external_id");
        }
        String viewJson = params.get("view");
        if (!present(viewJson)) {
            return ApiReply.missing("view");
        }
        List<String> problems = BlockKitLimits.checkView(viewJson);
        if (!problems.isEmpty()) {
            return ApiReply.error("invalid_arguments", problems);
        }
        ObjectNode view = (ObjectNode) Json.parse(viewJson);
        String id = present(params.get("view_id"))
                ? params.get("view_id")
                : "V" + String.format("%010d", views.incrementAndGet());
        view.put("id", id)
                .put("team_id", FakeSlack.TEAM_ID)
                .put("app_id", FakeSlack.APP_ID)
                .put("bot_id", FakeSlack.BOT_ID)
                .put("hash", clock.millis() + "." + id)
                .put("root_view_id", id);
        view.putObject("state").putObject("values");
        ObjectNode reply = Json.object();
        reply.set("view", view);
        return ApiReply.ok(reply);
    }

    private ApiReply conversationsOpen(Map<String, String> params) {
        String users = params.get("users");
        String id;
        if (present(users)) {
            String[] members = users.split(",");
            id = members.length == 1 ? "D" + members[0].trim() : "G" + idForName(users).substring(1);
        } else if (present(params.get("channel"))) {
            id = params.get("channel");
        } else {
            return ApiReply.missing("users or channel");
        }
        ObjectNode reply = Json.object();
        reply.putObject("channel").put("id", id);
        return ApiReply.ok(reply);
    }

    private ApiReply lookupByEmail(Map<String, String> params) {
        String email = params.get("email");
        if (!present(email)) {
            return ApiReply.missing("email");
        }
        FakeUser user = usersByEmail.get(email.toLowerCase(Locale.ROOT));
        if (user == null) {
            return ApiReply.error("users_not_found");
        }
        ObjectNode reply = Json.object();
        reply.set("user", userJson(user));
        return ApiReply.ok(reply);
    }

    private ApiReply usersInfo(Map<String, String> params) {
        String id = params.get("user");
        if (!present(id)) {
            return ApiReply.missing("user");
        }
        FakeUser user = usersById.get(id);
        if (user == null) {
            user = id.equals(FakeSlack.BOT_USER_ID)
                    ? new FakeUser(id, null, FakeSlack.BOT_NAME, "Handshake", "America/New_York")
                    : FakeUser.unregistered(id);
        }
        ObjectNode reply = Json.object();
        reply.set("user", userJson(user));
        return ApiReply.ok(reply);
    }

    /** Slack's paging: {@code limit} members from {@code cursor} (an offset, as an opaque string to the caller). */
    private ApiReply conversationsMembers(Map<String, String> params) {
        String channel = params.get("channel");
        if (!present(channel)) {
            return ApiReply.error("channel_not_found");
        }
        List<String> members = channelMembers.getOrDefault(channelFor(channel), Set.of()).stream().sorted().toList();
        int from = present(params.get("cursor")) ? Integer.parseInt(params.get("cursor").substring("next:".length())) : 0;
        int limit = present(params.get("limit")) ? Math.max(1, Math.min(1000, Integer.parseInt(params.get("limit"))))
                : 100;
        int to = Math.min(members.size(), from + limit);
        ObjectNode reply = Json.object();
        ArrayNode out = reply.putArray("members");
        members.subList(from, to).forEach(out::add);
        reply.putObject("response_metadata").put("next_cursor", to < members.size() ? "next:" + to : "");
        return ApiReply.ok(reply);
    }

    private ApiReply conversationsList(Map<String, String> params) {
        ObjectNode reply = Json.object();
        ArrayNode channels = reply.putArray("channels");
        channelIdsByName.forEach((name, id) -> channels.addObject().put("id", id).put("name", name)
                .put("is_channel", true).put("is_private", false).put("is_archived", false));
        reply.putObject("response_metadata").put("next_cursor", "");
        return ApiReply.ok(reply);
    }

    private ApiReply userGroupUsers(Map<String, String> params) {
        FakeUserGroup group = userGroups.get(params.getOrDefault("usergroup", ""));
        if (group == null) {
            return ApiReply.error("no_such_subteam");
        }
        ObjectNode reply = Json.object();
        ArrayNode users = reply.putArray("users");
        group.users().stream().sorted().forEach(users::add);
        return ApiReply.ok(reply);
    }

    private ApiReply userGroupList() {
        ObjectNode reply = Json.object();
        ArrayNode groups = reply.putArray("usergroups");
        userGroups.values().stream().sorted(java.util.Comparator.comparing(FakeUserGroup::id)).forEach(group ->
                groups.addObject().put("id", group.id()).put("team_id", FakeSlack.TEAM_ID).put("is_usergroup", true)
                        .put("name", group.name()).put("handle", group.handle()).put("user_count", group.users().size()));
        return ApiReply.ok(reply);
    }

    private JsonNode userJson(FakeUser user) {
        ObjectNode json = Json.object()
                .put("id", user.id())
                .put("team_id", FakeSlack.TEAM_ID)
                .put("name", user.name())
                .put("deleted", deactivated.contains(user.id()))
                .put("real_name", user.realName())
                .put("tz", user.tz())
                .put("tz_offset", ZoneId.of(user.tz()).getRules().getOffset(clock.instant()).getTotalSeconds())
                .put("is_bot", user.id().equals(FakeSlack.BOT_USER_ID));
        // Slack leaves display_name empty until the member sets one; the fake does so for members nobody registered.
        ObjectNode profile = json.putObject("profile")
                .put("real_name", user.realName())
                .put("display_name", user.email() == null ? "" : user.name());
        if (user.email() != null) {
            profile.put("email", user.email());
        }
        return json;
    }

    private ApiReply uploadUrl(Map<String, String> params) {
        if (!present(params.get("filename"))) {
            return ApiReply.missing("filename");
        }
        if (!present(params.get("length"))) {
            return ApiReply.missing("length");
        }
        String fileId = "F" + String.format("%010d", files.incrementAndGet());
        return ApiReply.ok(Json.object()
                .put("upload_url", baseUrl + "upload/" + fileId)
                .put("file_id", fileId));
    }

    private ApiReply completeUpload(Map<String, String> params) {
        String filesJson = params.get("files");
        if (!present(filesJson)) {
            return ApiReply.missing("files");
        }
        JsonNode requested = Json.parse(filesJson);
        if (!requested.isArray() || requested.isEmpty()) {
            return ApiReply.error("invalid_arguments",
                    List.of("[ERROR] must be a non-empty array [json-pointer:/files]"));
        }
        ObjectNode reply = Json.object();
        ArrayNode out = reply.putArray("files");
        for (JsonNode file : requested) {
            String title = file.path("title").asText(file.path("id").asText());
            out.addObject().put("id", file.path("id").asText()).put("title", title).put("name", title);
        }
        return ApiReply.ok(reply);
    }

    private String nextTs() {
        long micros = tsMicros.addAndGet(100);
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
