package dev.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the code's layout, read from the main sources: no package cycle, SQL only in the store classes, and
 * no Slack call that changes something outside the outbox's handlers (except {@code views.open}).
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/handshake");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.handshake\\.([a-z]+)\\.[A-Z]");
    private static final Pattern SQL = Pattern.compile("createQuery\\(|createUpdate\\(|prepareBatch\\(|\\.execute\\(\"");
    private static final Pattern SLACK_WRITE = Pattern.compile("\\.(postMessage|updateMessage|postEphemeral|respond"
            + "|publishHome|uploadFile|openDirectMessage|chatPostMessage|chatUpdate|viewsPublish|filesUploadV2)\\(");

    /** Every main source file, by its path under {@code dev/handshake}, with its text. */
    private static Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(MAIN.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static String packageOf(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> uses = new TreeMap<>();
        sources().forEach((path, text) -> {
            String from = packageOf(path);
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(m.group(1));
                }
            }
        });
        assertThat(uses).as("the scan found the packages").containsKeys("handoff", "outbox", "slack", "ask");
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycle(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> uses, List<String> path,
            Set<String> seen, List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, uses, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    @Test
    void sqlLivesInTheStoreClassesOfItsCapability() {
        Set<String> withSql = new TreeSet<>();
        sources().forEach((path, text) -> {
            if (SQL.matcher(text).find()) {
                withSql.add(path);
            }
        });
        assertThat(withSql).containsExactlyInAnyOrder(
                "crm/EndpointStore.java",
                "db/CopyToPostgres.java", "db/Database.java", "db/Dialect.java", "db/GroupCommit.java",
                "db/PostgresTransactions.java",
                "export/HandoffExport.java",
                "funnel/StageEventStore.java",
                "handoff/DecisionTimes.java", "handoff/HandoffStore.java", "handoff/Ledger.java",
                "handoff/RouteStore.java", "handoff/TimerStore.java", "handoff/Timers.java",
                "outbox/LaneLeases.java", "outbox/OutboxStore.java",
                "review/AgreementVersions.java", "review/ReviewStore.java",
                "roster/Roster.java",
                "routing/RepProfiles.java", "routing/RotationStore.java",
                "slack/SeenRequests.java",
                "stats/FunnelLeads.java", "stats/Stats.java");
        assertThat(sources().get("stats/Stats.java")).as("stats only reads").doesNotContain("createUpdate(");
    }

    @Test
    void slackCallsThatChangeSomethingAreMadeOnlyByOutboxHandlers() {
        List<String> outside = new ArrayList<>();
        sources().forEach((path, text) -> {
            boolean implementation = path.equals("slack/SlackApi.java") || path.equals("slack/SlackWebApi.java");
            boolean handler = text.contains("SlackHandler.") || text.contains("implements OutboxHandler");
            if (path.startsWith("demo/")) {
                return; // the demo's stand-in for Slack answers these methods; it never calls Slack
            }
            if (SLACK_WRITE.matcher(text).find() && !implementation && !handler) {
                outside.add(path);
            }
            if (text.contains("ctx.respond(") || text.contains("getContext().respond(") || text.contains(".client()")) {
                outside.add(path + " (through Bolt's context)");
            }
            // Socket Mode opens its connections with the app-level token, not the bot's: a read, changing nothing.
            boolean socketMode = path.equals("slack/SocketModeLink.java");
            if (text.contains("MethodsClient") && !implementation && !socketMode) {
                outside.add(path + " (the SDK's client)");
            }
        });
        assertThat(outside).isEmpty();
    }
}
