package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages of every conversation of the demo's workspace, in posting order, and the ephemeral messages each
 * member sees (kept only while the demo runs, as Slack keeps them only until the client reloads). Thread-safe.
 */
final class Messages {

    /** A message as Slack stores it: {@code ts} is its id in the conversation; replies carry their parent's ts. */
    record Message(String ts, String user, String text, JsonNode blocks, String threadTs, List<String> files,
            boolean edited) {

        Message {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** A message only {@code user} sees, from the app or from Slack itself ({@code sender} "slackbot"). */
    record Ephemeral(String id, String conversation, String user, String ts, String text, JsonNode blocks,
            String threadTs, String sender) {}

    static final String FROM_APP = "app";
    static final String FROM_SLACKBOT = "slackbot";
    static final int MAX_EPHEMERALS_PER_USER = 100;

    private final Clock clock;
    private final Changes changes;
    private final Map<String, List<Message>> byConversation = new LinkedHashMap<>();
    private final List<Ephemeral> ephemerals = new ArrayList<>();
    private long lastTsMicros;
    private long ephemeralIds;

    Messages(Clock clock, Changes changes) {
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.changes = Objects.requireNonNull(changes, "changes == null");
    }

    /** Posts a message, or a reply when {@code threadTs} names a message of the conversation. */
    Message post(String conversation, String user, String text, JsonNode blocks, String threadTs,
            List<String> files) {
        Message posted;
        synchronized (this) {
            String parent = null;
            if (threadTs != null && !threadTs.isBlank()) {
                parent = findLocked(conversation, threadTs)
                        .map(m -> m.threadTs() == null ? m.ts() : m.threadTs()).orElse(null);
            }
            posted = new Message(nextTs(), user, text == null ? "" : text, blocks, parent, files, false);
            byConversation.computeIfAbsent(conversation, c -> new ArrayList<>()).add(posted);
        }
        changes.bump();
        return posted;
    }

    synchronized Optional<Message> find(String conversation, String ts) {
        return findLocked(conversation, ts);
    }

    /** Replaces a message's text and blocks in place; empty when there is no such message. */
    Optional<Message> update(String conversation, String ts, String text, JsonNode blocks) {
        Message updated;
        synchronized (this) {
            List<Message> messages = byConversation.getOrDefault(conversation, List.of());
            int index = indexOf(messages, ts);
            if (index < 0) {
                return Optional.empty();
            }
            Message old = messages.get(index);
            updated = new Message(old.ts(), old.user(), text == null ? "" : text, blocks, old.threadTs(), old.files(),
                    true);
            messages.set(index, updated);
        }
        changes.bump();
        return Optional.of(updated);
    }

    boolean delete(String conversation, String ts) {
        boolean removed;
        synchronized (this) {
            List<Message> messages = byConversation.getOrDefault(conversation, List.of());
            int index = indexOf(messages, ts);
            removed = index >= 0 && messages.remove(index) != null;
        }
        if (removed) {
            changes.bump();
        }
        return removed;
    }

    Ephemeral postEphemeral(String conversation, String user, String text, JsonNode blocks, String threadTs,
            String sender) {
        Ephemeral posted;
        synchronized (this) {
            posted = new Ephemeral("E" + (++ephemeralIds), conversation, user, nextTs(), text == null ? "" : text,
                    blocks, threadTs, sender);
            ephemerals.add(posted);
            List<Ephemeral> mine = ephemerals.stream().filter(e -> e.user().equals(user)).toList();
            if (mine.size() > MAX_EPHEMERALS_PER_USER) {
                ephemerals.remove(mine.get(0));
            }
        }
        changes.bump();
        return posted;
    }

    synchronized Optional<Ephemeral> ephemeral(String id) {
        return ephemerals.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Replaces an ephemeral message (a {@code response_url} answer with {@code replace_original}). */
    boolean replaceEphemeral(String id, String text, JsonNode blocks) {
        synchronized (this) {
            int index = -1;
            for (int i = 0; i < ephemerals.size(); i++) {
                if (ephemerals.get(i).id().equals(id)) {
                    index = i;
                }
            }
            if (index < 0) {
                return false;
            }
            Ephemeral old = ephemerals.get(index);
            ephemerals.set(index, new Ephemeral(old.id(), old.conversation(), old.user(), old.ts(),
                    text == null ? "" : text, blocks, old.threadTs(), old.sender()));
        }
        changes.bump();
        return true;
    }

    /** Removes an ephemeral message its user dismissed (or the app deleted). */
    boolean dismiss(String user, String id) {
        boolean removed;
        synchronized (this) {
            removed = ephemerals.removeIf(e -> e.id().equals(id) && e.user().equals(user));
        }
        if (removed) {
            changes.bump();
        }
        return removed;
    }

    synchronized List<Message> in(String conversation) {
        return List.copyOf(byConversation.getOrDefault(conversation, List.of()));
    }

    synchronized List<Ephemeral> ephemeralsFor(String user) {
        return ephemerals.stream().filter(e -> e.user().equals(user)).toList();
    }

    /** Every conversation's messages, to save. */
    synchronized Map<String, List<Message>> snapshot() {
        Map<String, List<Message>> copy = new LinkedHashMap<>();
        byConversation.forEach((conversation, messages) -> copy.put(conversation, List.copyOf(messages)));
        return copy;
    }

    /** Puts back saved messages (before the demo serves anything). */
    synchronized void restore(Map<String, List<Message>> saved) {
        byConversation.clear();
        saved.forEach((conversation, messages) -> byConversation.put(conversation, new ArrayList<>(messages)));
        byConversation.values().stream().flatMap(List::stream)
                .mapToLong(m -> micros(m.ts())).max().ifPresent(max -> lastTsMicros = max);
    }

    private Optional<Message> findLocked(String conversation, String ts) {
        List<Message> messages = byConversation.getOrDefault(conversation, List.of());
        int index = indexOf(messages, ts);
        return index < 0 ? Optional.empty() : Optional.of(messages.get(index));
    }

    private static int indexOf(List<Message> messages, String ts) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).ts().equals(ts)) {
                return i;
            }
        }
        return -1;
    }

    /** Slack's ts: seconds and microseconds of the (demo) time of posting, unique and increasing. */
    private String nextTs() {
        Instant now = clock.instant();
        long micros = Math.max(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, lastTsMicros + 1);
        lastTsMicros = micros;
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static long micros(String ts) {
        int dot = ts.indexOf('.');
        try {
            return Long.parseLong(ts.substring(0, dot)) * 1_000_000 + Long.parseLong(ts.substring(dot + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
