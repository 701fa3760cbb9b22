package dev.handshake.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's narrow port to Slack's Web API: the handful of calls it makes, each checked for {@code ok} and turned
 * into a {@link SlackCallException} of the right kind when it fails. While Slack refuses the token, calls are refused
 * here without reaching Slack, except one probe per interval ({@link SlackStatus#reasonToHoldCall()}). Calls block; make
 * them after the ack. Thread-safe.
 */
public final class SlackApi {

    /** Where a posted message landed. */
    public record Posted(String channel, String ts) {}

    private final MethodsClient client;
    private final SlackStatus status;

    public SlackApi(MethodsClient client, SlackStatus status) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.status = Objects.requireNonNull(status, "status == null");
    }

    /** Who the token belongs to: the workspace and the bot user. */
    public AuthTestResponse authTest() {
        return call("auth.test", null, () -> client.authTest(r -> r));
    }

    public Posted postMessage(String channel, String text, List<LayoutBlock> blocks, String threadTs) {
        ChatPostMessageResponse response = call("chat.postMessage", channel, () -> client.chatPostMessage(r -> r
                .channel(channel).text(text).blocks(blocks).threadTs(threadTs).unfurlLinks(false).unfurlMedia(false)));
        return new Posted(response.getChannel(), response.getTs());
    }

    public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call("chat.update", channel, () -> client.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    public void postEphemeral(String channel, String user, String text, List<LayoutBlock> blocks) {
        call("chat.postEphemeral", channel, () -> client.chatPostEphemeral(r -> r
                .channel(channel).user(user).text(text).blocks(blocks)));
    }

    public void openView(String triggerId, View view) {
        call("views.open", null, () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    public void publishHome(String userId, View view) {
        call("views.publish", null, () -> client.viewsPublish(r -> r.userId(userId).view(view)));
    }

    /** Uploads a file into a channel (or a DM), through Slack's external upload flow. */
    public void uploadFile(String channelId, String filename, String title, byte[] content, String comment) {
        uploadFile(channelId, null, filename, title, content, comment);
    }

    /** As {@link #uploadFile(String, String, String, byte[], String)}, as a reply in a thread when {@code threadTs} is set. */
    public void uploadFile(String channelId, String threadTs, String filename, String title, byte[] content,
            String comment) {
        call("files.uploadV2", channelId, () -> client.filesUploadV2(r -> r.channel(channelId).threadTs(threadTs)
                .filename(filename).title(title).fileData(content).initialComment(comment)));
    }

    /** Opens (or finds) the direct-message channel with a user and returns its id. */
    public String openDirectMessage(String userId) {
        ConversationsOpenResponse response = call("conversations.open", null,
                () -> client.conversationsOpen(r -> r.users(List.of(userId))));
        return response.getChannel().getId();
    }

    /** The Slack user with this email, or empty when Slack knows none. */
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
                throw new SlackCallException(method, SlackCallException.Kind.RATE_LIMITED, "ratelimited",
                        retryAfter(e.getResponse().header("Retry-After")), e);
            }
            throw new SlackCallException(method, SlackCallException.Kind.TRANSIENT, "http_" + code, null, e);
        } catch (IOException e) {
            throw new SlackCallException(method, SlackCallException.Kind.TRANSIENT,
                    "transport: " + e.getClass().getSimpleName(), null, e);
        }
        if (response == null) {
            throw new SlackCallException(method, SlackCallException.Kind.TRANSIENT, "empty_response", null, null);
        }
        if (!response.isOk()) {
            SlackCallException failure = SlackCallException.fromSlackError(method, response.getError());
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
