package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which OAuth scope each Web API method the app may call needs, as Slack's method reference states it, and the bot
 * scopes a manifest grants. {@link FakeSlack} answers a call whose scope the manifest does not grant with
 * {@code missing_scope}, as Slack does, so every end-to-end test checks the manifest against the calls it sees.
 */
public final class SlackScopes {

    /** The manifest the app is installed from; every {@code manifest*.yml} grants the same bot scopes. */
    public static final Path MANIFEST = Path.of("manifest.yml");

    /**
     * Method → the scopes of which a bot token needs one (empty: no scope needed). Slack's reference lists these per
     * method; a method missing here is one the fake does not know, which it answers {@code unknown_method}.
     */
    public static final Map<String, Set<String>> BY_METHOD = Map.ofEntries(
            Map.entry("auth.test", Set.of()),
            Map.entry("chat.postMessage", Set.of("chat:write")),
            Map.entry("chat.update", Set.of("chat:write")),
            Map.entry("chat.postEphemeral", Set.of("chat:write")),
            Map.entry("chat.getPermalink", Set.of()),
            Map.entry("views.open", Set.of()),
            Map.entry("views.push", Set.of()),
            Map.entry("views.update", Set.of()),
            Map.entry("views.publish", Set.of()),
            Map.entry("conversations.open", Set.of("im:write", "mpim:write")),
            Map.entry("users.lookupByEmail", Set.of("users:read.email")),
            Map.entry("users.info", Set.of("users:read")),
            Map.entry("conversations.members", Set.of("channels:read", "groups:read", "im:read", "mpim:read")),
            Map.entry("conversations.list", Set.of("channels:read", "groups:read", "im:read", "mpim:read")),
            Map.entry("usergroups.users.list", Set.of("usergroups:read")),
            Map.entry("usergroups.list", Set.of("usergroups:read")),
            Map.entry("files.getUploadURLExternal", Set.of("files:write")),
            Map.entry("files.completeUploadExternal", Set.of("files:write")));

    /**
     * Scopes that are never needed by a method call but by what the app does: {@code commands} for the slash command,
     * {@code chat:write.public} to post in the agreement's public channels without being invited to them.
     */
    public static final Map<String, String> NEEDED_WITHOUT_A_METHOD = Map.of(
            "commands", "the /sla slash command",
            "chat:write.public", "chat.postMessage to public channels the app was not invited to");

    /** Slack grants {@code users:read.email} only together with {@code users:read} (changelog, January 2017). */
    public static final Map<String, String> REQUIRES = Map.of("users:read.email", "users:read");

    private SlackScopes() {}

    /** The scope {@code method} needs that {@code granted} lacks, if any (the first of its alternatives). */
    static Optional<String> missing(String method, Set<String> granted) {
        Set<String> needed = BY_METHOD.get(method);
        if (needed == null || needed.isEmpty() || needed.stream().anyMatch(granted::contains)) {
            return Optional.empty();
        }
        return Optional.of(needed.stream().sorted().findFirst().orElseThrow());
    }

    /** The bot scopes a manifest requests, in its order. */
    public static Set<String> botScopes(Path manifest) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(manifest));
            Set<String> scopes = new LinkedHashSet<>();
            root.path("oauth_config").path("scopes").path("bot").forEach(scope -> scopes.add(scope.asText()));
            return scopes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }
}
