package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Sends what Slack sends to the app: slash commands, interactions and Events API callbacks, signed with the signing
 * secret exactly as Slack signs them (see {@link SlackSigner}), to {@code <base>/slack/events}, or to a Bolt app in
 * this process ({@link #inProcess}). The body sent is byte for byte the string that was signed. {@link #overSocketMode}
 * sends the same payloads as Slack's Socket Mode envelopes instead, through {@link SocketModeServer}, and answers with
 * the app's acknowledgement. Immutable and
 * thread-safe; {@code with...} methods return copies.
 */
public final class SlackClient {

    /** Where a signed request goes: the app's {@code /slack/events} over HTTP, or an app in this process. */
    @FunctionalInterface
    public interface Sender {
        HttpResponse<String> post(String body, Map<String, String> headers);
    }

    /** Who acts when a test does not say. */
    public static final String DEFAULT_USER = "U0USER0001";
    /** Where things happen when a test does not say. */
    public static final String DEFAULT_CHANNEL = "C0CHAN0001";
    /** The deprecated verification token Slack still sends in every payload. */
    public static final String VERIFICATION_TOKEN = "vErIfIcAtIoNtOkEnFoRtEsTs";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final Sender sender;
    private final SlackSigner signer;
    private final Clock clock;
    private final UnaryOperator<String> responseUrls;
    private final SocketModeServer socketMode;

    public SlackClient(URI appBaseUri, String signingSecret, Clock clock) {
        this(overHttp(eventsUri(appBaseUri), newHttpClient()), new SlackSigner(signingSecret), clock,
                SlackClient::invalidResponseUrl, null);
    }

    private SlackClient(Sender sender, SlackSigner signer, Clock clock, UnaryOperator<String> responseUrls,
            SocketModeServer socketMode) {
        this.sender = sender;
        this.signer = signer;
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.responseUrls = responseUrls;
        this.socketMode = socketMode;
    }

    /**
     * The same requests as Slack's Socket Mode envelopes, sent through {@code server} to the app's connections; each
     * call answers once the app acknowledged its envelope, with the acknowledgement as a {@link SocketModeAck}.
     */
    public SlackClient overSocketMode(SocketModeServer server) {
        Objects.requireNonNull(server, "server == null");
        return new SlackClient(sender, signer, clock, responseUrls, server);
    }

    /**
     * Requests run through {@code app} in this process ({@code app.run}, the whole middleware chain, as its servlet
     * would), for fast listener tests; the answer is Bolt's response as an HTTP response.
     */
    public static SlackClient inProcess(App app, String signingSecret, Clock clock) {
        return new SlackClient(new InProcessSender(app), new SlackSigner(signingSecret), clock,
                SlackClient::invalidResponseUrl, null);
    }

    private static String invalidResponseUrl(String kind) {
        return "https://hooks.slack.invalid/" + kind + "/" + FakeSlack.TEAM_ID + "/" + randomHex(12);
    }

    /** Every command and interaction will carry this response_url unless it names its own. */
    public SlackClient withResponseUrl(String url) {
        Objects.requireNonNull(url, "url == null");
        return new SlackClient(sender, signer, clock, kind -> url, socketMode);
    }

    /**
     * Every command and interaction gets its own response_url on the fake ({@code <kind>-<random>}, e.g.
     * {@code commands-3f9a…}), so {@link FakeSlack#responseUrlPosts()} shows what the app answered.
     */
    public SlackClient withFakeSlack(FakeSlack fake) {
        Objects.requireNonNull(fake, "fake == null");
        return new SlackClient(sender, signer, clock, kind -> fake.responseUrl(kind + "-" + randomHex(8)),
                socketMode);
    }

    /** The same requests signed with another secret, for negative tests. */
    public SlackClient withSigningSecret(String signingSecret) {
        return new SlackClient(sender, new SlackSigner(signingSecret), clock, responseUrls, socketMode);
    }

    public SlackClient withClock(Clock newClock) {
        return new SlackClient(sender, signer, newClock, responseUrls, socketMode);
    }

    // ---- slash commands

    /** {@code command text} typed by {@code userId} in {@code channelId}. */
    public HttpResponse<String> slashCommand(String command, String text, String userId, String channelId) {
        return slashCommand(SlashCommand.of(command, text).withUser(userId).withChannel(channelId));
    }

    public HttpResponse<String> slashCommand(SlashCommand cmd) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", VERIFICATION_TOKEN);
        form.put("team_id", FakeSlack.TEAM_ID);
        form.put("team_domain", FakeSlack.TEAM_DOMAIN);
        form.put("channel_id", cmd.channelId());
        form.put("channel_name", cmd.channelName());
        form.put("user_id", cmd.userId());
        form.put("user_name", cmd.userName());
        form.put("command", cmd.command());
        form.put("text", cmd.text());
        form.put("api_app_id", FakeSlack.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", cmd.responseUrl() != null ? cmd.responseUrl() : responseUrls.apply("commands"));
        form.put("trigger_id", cmd.triggerId() != null ? cmd.triggerId() : newTriggerId());
        if (socketMode != null) {
            // Over Socket Mode the same fields come as a JSON object.
            ObjectNode payload = Json.object();
            form.forEach(payload::put);
            return envelope("slash_commands", payload, true, null);
        }
        return signedPost(FormCodec.encode(form), FORM, Map.of());
    }

    // ---- interactivity

    /** A {@code block_actions} interaction: one button click. */
    /**
     * A click on a button of the App Home tab: the container is the view, and Slack sends no channel, message or
     * response URL.
     */
    public HttpResponse<String> homeAction(String actionId, String value, String userId) {
        ObjectNode payload = Json.object().put("type", "block_actions");
        payload.set("user", user(userId, SlashCommand.userNameFor(userId)));
        payload.put("api_app_id", FakeSlack.APP_ID).put("token", VERIFICATION_TOKEN);
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME0001");
        payload.put("trigger_id", newTriggerId());
        payload.set("team", team());
        payload.putNull("enterprise");
        payload.put("is_enterprise_install", false);
        payload.set("view", view("V0HOME0001", "", ""));
        ((ObjectNode) payload.get("view")).put("type", "home");
        ((ObjectNode) payload.get("view")).putObject("state").putObject("values");
        ObjectNode action = payload.putArray("actions").addObject()
                .put("action_id", actionId)
                .put("block_id", "home-" + value);
        action.putObject("text").put("type", "plain_text").put("text", actionId).put("emoji", true);
        action.put("value", value);
        action.put("type", "button").put("action_ts", actionTs());
        return interaction(payload);
    }

    public HttpResponse<String> blockAction(BlockAction click) {
        ObjectNode payload = Json.object().put("type", "block_actions");
        payload.set("user", user(click.userId(), click.userName()));
        payload.put("api_app_id", FakeSlack.APP_ID).put("token", VERIFICATION_TOKEN);
        payload.putObject("container")
                .put("type", "message")
                .put("message_ts", click.messageTs())
                .put("channel_id", click.channelId())
                .put("is_ephemeral", false);
        payload.put("trigger_id", click.triggerId() != null ? click.triggerId() : newTriggerId());
        payload.set("team", team());
        payload.putNull("enterprise");
        payload.put("is_enterprise_install", false);
        payload.putObject("channel").put("id", click.channelId()).put("name", click.channelName());
        ObjectNode message = payload.putObject("message")
                .put("type", "message")
                .put("user", FakeSlack.BOT_USER_ID)
                .put("ts", click.messageTs())
                .put("bot_id", FakeSlack.BOT_ID)
                .put("app_id", FakeSlack.APP_ID)
                .put("text", click.messageText())
                .put("team", FakeSlack.TEAM_ID);
        message.set("blocks", Json.parse(click.messageBlocksJson()));
        payload.putObject("state").putObject("values");
        payload.put("response_url", click.responseUrl() != null ? click.responseUrl() : responseUrls.apply("actions"));
        ObjectNode action = payload.putArray("actions").addObject()
                .put("action_id", click.actionId())
                .put("block_id", click.blockId());
        action.putObject("text").put("type", "plain_text").put("text", click.buttonText()).put("emoji", true);
        if (click.value() != null) {
            action.put("value", click.value());
        }
        if (click.selected() != null) {
            action.put("type", "static_select");
            ObjectNode option = action.putObject("selected_option");
            option.putObject("text").put("type", "plain_text").put("text", click.selected()).put("emoji", true);
            option.put("value", click.selected());
            action.putObject("placeholder").put("type", "plain_text").put("text", click.buttonText());
            action.remove("text");
            action.put("action_ts", click.actionTs() != null ? click.actionTs() : actionTs());
        } else {
            action.put("type", "button").put("action_ts", click.actionTs() != null ? click.actionTs() : actionTs());
        }
        return interaction(payload);
    }

    /** A {@code view_submission} of a modal with this callback id, private metadata and input values. */
    public HttpResponse<String> viewSubmission(String callbackId, String privateMetadata,
            Map<String, Map<String, StateValue>> stateValues, String userId) {
        return viewSubmission(newViewId(), callbackId, privateMetadata, stateValues, userId);
    }

    /**
     * Submits the modal a recorded {@code views.open}/{@code views.push} opened, with its view id, callback id and
     * private metadata.
     */
    public HttpResponse<String> viewSubmission(SlackCall viewsOpen, Map<String, Map<String, StateValue>> stateValues,
            String userId) {
        JsonNode view = viewsOpen.response().path("view");
        if (view.isMissingNode()) {
            throw new AssertionError("no view was opened by " + viewsOpen);
        }
        return viewSubmission(view.path("id").asText(), view.path("callback_id").asText(""),
                view.path("private_metadata").asText(""), stateValues, userId);
    }

    private HttpResponse<String> viewSubmission(String viewId, String callbackId, String privateMetadata,
            Map<String, Map<String, StateValue>> stateValues, String userId) {
        ObjectNode payload = Json.object().put("type", "view_submission");
        payload.set("team", team());
        payload.set("user", user(userId, SlashCommand.userNameFor(userId)));
        payload.put("api_app_id", FakeSlack.APP_ID).put("token", VERIFICATION_TOKEN);
        payload.put("trigger_id", newTriggerId());
        ObjectNode view = view(viewId, callbackId, privateMetadata);
        ObjectNode values = view.putObject("state").putObject("values");
        stateValues.forEach((blockId, actions) -> {
            ObjectNode block = values.putObject(blockId);
            actions.forEach((actionId, value) -> block.set(actionId, stateValue(value)));
        });
        payload.set("view", view);
        payload.putArray("response_urls");
        payload.put("is_enterprise_install", false);
        payload.putNull("enterprise");
        return interaction(payload);
    }

    /** A {@code view_closed} interaction (sent only for views opened with {@code notify_on_close}). */
    public HttpResponse<String> viewClosed(String callbackId, String privateMetadata, String userId) {
        ObjectNode payload = Json.object().put("type", "view_closed");
        payload.set("team", team());
        payload.set("user", user(userId, SlashCommand.userNameFor(userId)));
        payload.put("api_app_id", FakeSlack.APP_ID).put("token", VERIFICATION_TOKEN);
        ObjectNode view = view(newViewId(), callbackId, privateMetadata);
        view.putObject("state").putObject("values");
        payload.set("view", view);
        payload.put("is_cleared", false);
        payload.put("is_enterprise_install", false);
        payload.putNull("enterprise");
        return interaction(payload);
    }

    // ---- Events API

    /** An {@code event_callback} wrapping {@code eventJson}; a non-null {@code retryNum} marks it as Slack's retry. */
    public HttpResponse<String> event(String eventJson, Integer retryNum) {
        return event(eventJson, "Ev" + randomHex(5).toUpperCase(Locale.ROOT), retryNum);
    }

    /** Same, with a chosen {@code event_id}, to send the same event twice. */
    public HttpResponse<String> event(String eventJson, String eventId, Integer retryNum) {
        JsonNode event = Json.parse(eventJson);
        if (!event.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object: " + eventJson);
        }
        ObjectNode envelope = Json.object()
                .put("token", VERIFICATION_TOKEN)
                .put("team_id", FakeSlack.TEAM_ID)
                .put("api_app_id", FakeSlack.APP_ID);
        envelope.set("event", event);
        envelope.put("type", "event_callback")
                .put("event_id", eventId)
                .put("event_time", clock.instant().getEpochSecond());
        envelope.putArray("authorizations").addObject()
                .putNull("enterprise_id")
                .put("team_id", FakeSlack.TEAM_ID)
                .put("user_id", FakeSlack.BOT_USER_ID)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        envelope.put("is_ext_shared_channel", false);
        if (socketMode != null) {
            return envelope("events_api", envelope, false, retryNum);
        }
        Map<String, String> headers = retryNum == null
                ? Map.of()
                : Map.of("X-Slack-Retry-Num", retryNum.toString(), "X-Slack-Retry-Reason", "http_timeout");
        return signedPost(Json.write(envelope), JSON, headers);
    }

    // ---- anything

    /**
     * Posts {@code body} as it is, stamped with {@code timestamp}, and signed correctly unless
     * {@code signatureOverride} is given (then that exact header value is sent). A null content type sends none.
     */
    public HttpResponse<String> raw(String body, String contentType, Map<String, String> extraHeaders, long timestamp,
            String signatureOverride) {
        if (socketMode != null) {
            throw new UnsupportedOperationException("raw bodies, timestamps and signatures exist only over HTTP");
        }
        String signature = signatureOverride != null ? signatureOverride : signer.sign(timestamp, body);
        return post(body, contentType, extraHeaders, timestamp, signature);
    }

    /** Seconds since the epoch by this client's clock, the value it puts in {@code X-Slack-Request-Timestamp}. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    // ---- plumbing

    private HttpResponse<String> interaction(ObjectNode payload) {
        if (socketMode != null) {
            // Slack takes an answer in the acknowledgement of a submission (errors, another view), not of a click.
            return envelope("interactive", payload, "view_submission".equals(payload.path("type").asText()), null);
        }
        return signedPost("payload=" + URLEncoder.encode(Json.write(payload), StandardCharsets.UTF_8), FORM, Map.of());
    }

    /** Sends an envelope through the Socket Mode stand-in and waits for the app to acknowledge it. */
    private HttpResponse<String> envelope(String type, ObjectNode payload, boolean acceptsResponsePayload,
            Integer retryAttempt) {
        String id = socketMode.send(type, payload, acceptsResponsePayload, retryAttempt);
        return new SocketModeAck(socketMode, id, socketMode.awaitAck(id, REQUEST_TIMEOUT));
    }

    private HttpResponse<String> signedPost(String body, String contentType, Map<String, String> extraHeaders) {
        long timestamp = now();
        return post(body, contentType, extraHeaders, timestamp, signer.sign(timestamp, body));
    }

    private HttpResponse<String> post(String body, String contentType, Map<String, String> extraHeaders,
            long timestamp, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        headers.put(SlackSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(SlackSigner.SIGNATURE_HEADER, signature);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.putAll(extraHeaders);
        return sender.post(body, headers);
    }

    private static Sender overHttp(URI eventsUri, HttpClient http) {
        return (body, headers) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri)
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("POST " + eventsUri + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("interrupted during POST " + eventsUri));
            }
        };
    }

    private static ObjectNode team() {
        return Json.object().put("id", FakeSlack.TEAM_ID).put("domain", FakeSlack.TEAM_DOMAIN);
    }

    private static ObjectNode user(String id, String name) {
        return Json.object().put("id", id).put("username", name).put("name", name).put("team_id", FakeSlack.TEAM_ID);
    }

    private static ObjectNode view(String viewId, String callbackId, String privateMetadata) {
        ObjectNode view = Json.object()
                .put("id", viewId)
                .put("team_id", FakeSlack.TEAM_ID)
                .put("type", "modal");
        view.putArray("blocks");
        view.put("private_metadata", privateMetadata).put("callback_id", callbackId);
        view.putObject("title").put("type", "plain_text").put("text", "Handshake").put("emoji", true);
        view.put("hash", "1764300000." + randomHex(4))
                .put("clear_on_close", false)
                .put("notify_on_close", false)
                .putNull("previous_view_id")
                .put("root_view_id", viewId)
                .put("app_id", FakeSlack.APP_ID)
                .put("external_id", "")
                .put("app_installed_team_id", FakeSlack.TEAM_ID)
                .put("bot_id", FakeSlack.BOT_ID);
        return view;
    }

    private static ObjectNode stateValue(StateValue value) {
        if (value instanceof StateValue.PlainText text) {
            return Json.object().put("type", "plain_text_input").put("value", text.value());
        }
        if (value instanceof StateValue.UsersSelect users) {
            return Json.object().put("type", "users_select").put("selected_user", users.userId());
        }
        StateValue.StaticSelect select = (StateValue.StaticSelect) value;
        ObjectNode json = Json.object().put("type", "static_select");
        ObjectNode option = json.putObject("selected_option");
        option.putObject("text").put("type", "plain_text").put("text", select.label()).put("emoji", true);
        option.put("value", select.value());
        return json;
    }

    private String actionTs() {
        Instant now = clock.instant();
        return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000);
    }

    private String newTriggerId() {
        return now() + "." + ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L) + "." + randomHex(16);
    }

    private static String newViewId() {
        return "V" + randomHex(5).toUpperCase(Locale.ROOT);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static URI eventsUri(URI appBaseUri) {
        Objects.requireNonNull(appBaseUri, "appBaseUri == null");
        String base = appBaseUri.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/slack/events");
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
