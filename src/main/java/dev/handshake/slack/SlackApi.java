package dev.handshake.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.User;
import com.slack.api.model.Usergroup;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SlackWebApi} over the SDK's {@link MethodsClient}: each call checked for {@code ok} and turned into a
 * {@link SlackCallException} of the right kind when it fails. While Slack refuses the token, calls are refused
 * here without reaching Slack, except one probe per interval ({@link SlackStatus#reasonToHoldCall()}). Calls block;
 * make them after the ack. Thread-safe.
 */
public final class SlackApi implements SlackWebApi, SlackReads {

    private final MethodsClient client;
    private final ActionResponseSender responses;
    private final SlackStatus status;

    /** {@code slack} sends answers to response URLs; {@code client} (bound to the bot token) makes the calls. */
    public SlackApi(Slack slack, MethodsClient client, SlackStatus status) {
        this.responses = new ActionResponseSender(Objects.requireNonNull(slack, "slack == null"));
        this.client = Objects.requireNonNull(client, "client == null");
        this.status = Objects.requireNonNull(status, "status == null");
    }

    /** Over {@code slack}'s own clients, with the bot token. */
    public static SlackApi of(Slack slack, String botToken, SlackStatus status) {
        return new SlackApi(slack, slack.methods(botToken), status);
    }

    @Override
    public AuthTestResponse authTest() {
        return call("auth.test", null, () -> client.authTest(r -> r));
    }

    @Override
    public Posted postMessage(String channel, String text, List<LayoutBlock> blocks, String threadTs) {
        ChatPostMessageResponse response = call("chat.postMessage", channel, () -> client.chatPostMessage(r -> r
                .channel(channel).text(text).blocks(blocks).threadTs(threadTs).unfurlLinks(false).unfurlMedia(false)));
        return new Posted(response.getChannel(), response.getTs());
    }

    @Override
    public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call("chat.update", channel, () -> client.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    @Override
    public void postEphemeral(String channel, String user, String text, List<LayoutBlock> blocks) {
        call("chat.postEphemeral", channel, () -> client.chatPostEphemeral(r -> r
                .channel(channel).user(user).text(text).blocks(blocks)));
    }

    @Override
    public void openView(String triggerId, View view) {
        call("views.open", null, () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    @Override
    public void publishHome(String userId, View view) {
        call("views.publish", null, () -> client.viewsPublish(r -> r.userId(userId).view(view)));
    }

    @Override
    public void uploadFile(String channelId, String threadTs, String filename, String title, byte[] content,
            String comment) {
        call("files.uploadV2", channelId, () -> client.filesUploadV2(r -> r.channel(channelId).threadTs(threadTs)
                .filename(filename).title(title).fileData(content).initialComment(comment)));
    }

    @Override
    public String openDirectMessage(String userId) {
        ConversationsOpenResponse response = call("conversations.open", null,
                () -> client.conversationsOpen(r -> r.users(List.of(userId))));
        return response.getChannel().getId();
    }

    @Override
    public Optional<String> userIdByEmail(String email) {
        try {
            UsersLookupByEmailResponse response = call("users.lookupByEmail", null,
                    () -> client.usersLookupByEmail(r -> r.email(email)));
            return Optional.of(response.getUser().getId());
        } catch (SlackCallException e) {
            if ("users_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Person> person(String userId) {
        try {
            UsersInfoResponse response = call("users.info", null, () -> client.usersInfo(r -> r.user(userId)));
            var profile = response.getUser().getProfile();
            String name = profile == null ? null : firstNonBlank(profile.getRealName(), profile.getDisplayName());
            return Optional.of(new Person(userId, name != null ? name : response.getUser().getName(),
                    profile == null ? null : profile.getEmail()));
        } catch (SlackCallException e) {
            if ("user_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<SlackWebApi.SlackUser> userByEmail(String email) {
        try {
            UsersLookupByEmailResponse response = call("users.lookupByEmail", null,
                    () -> client.usersLookupByEmail(r -> r.email(email)));
            return Optional.of(slackUser(response.getUser()));
        } catch (SlackCallException e) {
            if ("users_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<SlackWebApi.SlackUser> userInfo(String userId) {
        try {
            UsersInfoResponse response = call("users.info", null, () -> client.usersInfo(r -> r.user(userId)));
            return Optional.of(slackUser(response.getUser()));
        } catch (SlackCallException e) {
            if ("user_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<SlackReads.SlackUser> user(String userId) {
        try {
            UsersInfoResponse response = call("users.info", null, () -> client.usersInfo(r -> r.user(userId)));
            User user = response.getUser();
            String display = user.getProfile() == null ? null : user.getProfile().getDisplayName();
            String real = user.getRealName() != null ? user.getRealName()
                    : user.getProfile() == null ? null : user.getProfile().getRealName();
            // The full name reads best in "Reassigned to Chloe Chen by Morgan Lee"; then what they chose to be called.
            String name = real != null && !real.isBlank() ? real
                    : display != null && !display.isBlank() ? display : user.getName();
            return Optional.of(new SlackReads.SlackUser(user.getId(), name, user.isDeleted(), user.isBot()));
        } catch (SlackCallException e) {
            if ("user_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Slack's user, as the app needs it; the name is the one people see in Slack. */
    public static SlackWebApi.SlackUser slackUser(User user) {
        User.Profile profile = user.getProfile();
        String name = firstNonBlank(profile == null ? null : profile.getDisplayName(),
                profile == null ? null : profile.getRealName(), user.getRealName(), user.getName());
        return new SlackWebApi.SlackUser(user.getId(), name, user.getTz(), profile == null ? null : profile.getEmail(),
                user.isDeleted());
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    @Override
    public List<String> userGroupMembers(String groupId) {
        UsergroupsUsersListResponse response = call("usergroups.users.list", null,
                () -> client.usergroupsUsersList(r -> r.usergroup(groupId)));
        return response.getUsers() == null ? List.of() : List.copyOf(response.getUsers());
    }

    @Override
    public List<UserGroup> userGroups() {
        UsergroupsListResponse response = call("usergroups.list", null, () -> client.usergroupsList(r -> r));
        List<UserGroup> groups = new ArrayList<>();
        for (Usergroup group : response.getUsergroups() == null ? List.<Usergroup>of() : response.getUsergroups()) {
            groups.add(new UserGroup(group.getId(), group.getHandle(), group.getName()));
        }
        return groups;
    }

    @Override
    public List<String> channelMembers(String channelId) {
        List<String> members = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsMembersResponse response = call("conversations.members", channelId,
                    () -> client.conversationsMembers(r -> r.channel(channelId).limit(1000).cursor(page)));
            if (response.getMembers() != null) {
                members.addAll(response.getMembers());
            }
            cursor = nextCursor(response.getResponseMetadata());
        } while (cursor != null);
        return members;
    }

    @Override
    public Optional<String> channelId(String name) {
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse response = call("conversations.list", null, () -> client.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                    .excludeArchived(true).limit(1000).cursor(page)));
            for (Conversation channel : response.getChannels() == null ? List.<Conversation>of()
                    : response.getChannels()) {
                if (name.equals(channel.getName())) {
                    return Optional.of(channel.getId());
                }
            }
            cursor = nextCursor(response.getResponseMetadata());
        } while (cursor != null);
        return Optional.empty();
    }

    @Override
    public String permalink(String channelId, String messageTs) {
        ChatGetPermalinkResponse response = call("chat.getPermalink", channelId,
                () -> client.chatGetPermalink(r -> r.channel(channelId).messageTs(messageTs)));
        return response.getPermalink();
    }

    private static String nextCursor(com.slack.api.model.ResponseMetadata metadata) {
        String next = metadata == null ? null : metadata.getNextCursor();
        return next == null || next.isBlank() ? null : next;
    }

    @Override
    public void respond(String responseUrl, String text) {
        String held = status.reasonToHoldCall();
        if (held != null) {
            throw SlackCallException.held("response_url", held);
        }
        WebhookResponse response;
        try {
            response = responses.send(responseUrl, ActionResponse.builder()
                    .responseType("ephemeral").replaceOriginal(false).text(text).build());
        } catch (IOException e) {
            throw new SlackCallException("response_url", null, SlackCallException.Kind.TRANSIENT,
                    "transport: " + e.getClass().getSimpleName(), null, e);
        }
        int code = response.getCode() == null ? 0 : response.getCode();
        if (code == 429) {
            List<String> after = response.getHeaders() == null ? null : response.getHeaders().get("retry-after");
            throw new SlackCallException("response_url", null, SlackCallException.Kind.RATE_LIMITED, "ratelimited",
                    retryAfter(after == null || after.isEmpty() ? null : after.get(0)), null);
        }
        if (code >= 500 || code == 0) {
            throw new SlackCallException("response_url", null, SlackCallException.Kind.TRANSIENT, "http_" + code,
                    null, null);
        }
        if (code >= 400) {
            // Slack answers 404 once a response URL expired (30 minutes) or was used five times: no retry helps.
            throw new SlackCallException("response_url", null, SlackCallException.Kind.PERMANENT, "http_" + code,
                    null, null);
        }
    }

    @FunctionalInterface
    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String method, String channel, Call<T> call) {
        String held = status.reasonToHoldCall();
        if (held != null) {
            throw SlackCallException.held(method, held);
        }
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                throw new SlackCallException(method, channel, SlackCallException.Kind.RATE_LIMITED, "ratelimited",
                        retryAfter(e.getResponse().header("Retry-After")), e);
            }
            throw new SlackCallException(method, channel, SlackCallException.Kind.TRANSIENT, "http_" + code, null, e);
        } catch (IOException e) {
            throw new SlackCallException(method, channel, SlackCallException.Kind.TRANSIENT,
                    "transport: " + e.getClass().getSimpleName(), null, e);
        }
        if (response == null) {
            throw new SlackCallException(method, channel, SlackCallException.Kind.TRANSIENT, "empty_response", null,
                    null);
        }
        if (!response.isOk()) {
            SlackCallException failure = SlackCallException.fromSlackError(method, channel, response.getError());
            if (failure.kind() == SlackCallException.Kind.AUTH) {
                status.authFailed(failure.error());
            }
            throw failure;
        }
        status.succeeded(channel);
        return response;
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
