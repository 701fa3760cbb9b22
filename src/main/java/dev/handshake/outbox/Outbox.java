package dev.handshake.outbox;

import dev.handshake.db.JoinedClaim;
import dev.handshake.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work the app owes the outside world (every Slack call that changes something, and later webhooks and the
 * CRM), kept in the database until it is done: a change adds what it owes in its own transaction, and the
 * {@link Dispatcher} sends it after the commit, lane by lane, with each kind's {@link OutboxHandler}. Handlers and
 * transports are registered at start-up, before {@link Dispatcher#start()}. Thread-safe.
 */
public final class Outbox {

    /** Transient failures are retried this long, then the item is given up. */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(72);
    /** How long a done or failed item is kept unless its handler says otherwise. */
    public static final Duration KEEP_FOR = Duration.ofDays(30);
    /** A handler's {@link OutboxHandler#keepFor()} that keeps its items. */
    public static final Duration FOREVER = java.time.temporal.ChronoUnit.FOREVER.getDuration();
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxStore store;
    private final Transactions writes;
    private final Clock clock;
    private final Map<String, OutboxHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher;
    /** What each open transaction (by its handle) owes through {@link #oweOnce}, with the ids of the items. */
    private final Map<Handle, Map<Owed, Long>> inOpenTransaction = new ConcurrentHashMap<>();

    public Outbox(OutboxStore store, Transactions writes, Clock clock, int senderThreads) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.dispatcher = new Dispatcher(store, handlers, transports, clock, senderThreads);
    }

    /** Who sends items of {@code kind}; one handler per kind. */
    public Outbox register(String kind, OutboxHandler handler) {
        Objects.requireNonNull(handler, "handler == null");
        if (handlers.putIfAbsent(Objects.requireNonNull(kind, "kind == null"), handler) != null) {
            throw new IllegalStateException("two handlers for outbox items of kind " + kind);
        }
        return this;
    }

    public Outbox register(Transport transport) {
        if (transports.putIfAbsent(transport.name(), transport) != null) {
            throw new IllegalStateException("two transports named " + transport.name());
        }
        return this;
    }

    /** Who owes work for recorded events (every kind, present and future); registered at start-up. */
    public Outbox subscribe(Subscriber subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber == null"));
        return this;
    }

    /**
     * Offers an event to every subscriber inside the transaction that records it, and owes what they ask, due at
     * {@code now}: the event and the work it calls for are committed together or not at all.
     */
    public void publish(Handle handle, Recorded event, java.time.Instant now) {
        for (Subscriber subscriber : subscribers) {
            for (Owed owed : subscriber.owedFor(handle, event)) {
                owe(handle, owed, now);
            }
        }
    }

    /** Adds an item inside the caller's transaction; the dispatcher is woken once that transaction commits. */
    public void owe(Handle handle, Owed owed) {
        owe(handle, owed, clock.instant());
    }

    /** As {@link #owe(Handle, Owed)}, due at {@code now}: the time of the change that owes it. */
    public void owe(Handle handle, Owed owed, java.time.Instant now) {
        OutboxStore.add(handle, owed, now);
        handle.afterCommit(dispatcher::wake);
    }

    /**
     * As {@link #owe(Handle, Owed, java.time.Instant)}, unless the open transaction already owes the very same item
     * (same kind, lane, subject and detail): then one is enough. For work rendered from the state current when it is
     * sent (an App Home view), which a burst of changes committed together needs only once. It is safe because the
     * dispatcher cannot take an item before it is committed, and the one already owed commits with this change (in
     * the group-commit writer, later transactions of a batch commit with the earlier ones).
     */
    public void oweOnce(Handle handle, Owed owed, java.time.Instant now) {
        oweAll(handle, List.of(), List.of(owed), now);
    }

    /**
     * Owes each of {@code each} as {@link #owe(Handle, Owed, java.time.Instant)} does and each of {@code once} as
     * {@link #oweOnce} does, with one statement: a change that owes several items (a decision owes four) pays for
     * one round trip to the server instead of one per item.
     */
    public void oweAll(Handle handle, List<Owed> each, List<Owed> once, java.time.Instant now) {
        Map<Owed, Long> owedHere = once.isEmpty() ? Map.of() : inOpenTransaction.computeIfAbsent(handle, open -> {
            // Forgotten when the transaction ends; until then the handle is the transaction's.
            open.afterCommit(() -> inOpenTransaction.remove(open));
            open.afterRollback(() -> inOpenTransaction.remove(open));
            return new ConcurrentHashMap<>();
        });
        List<Owed> adding = new ArrayList<>(each);
        int firstOnce = adding.size();
        for (Owed owed : once) {
            Long earlier = owedHere.get(owed);
            // The check in SQL: a batch's transaction that failed was rolled back to its savepoint, items and all.
            if (!adding.subList(firstOnce, adding.size()).contains(owed)
                    && (earlier == null || !OutboxStore.stillOwed(handle, earlier, owed))) {
                adding.add(owed);
            }
        }
        if (adding.isEmpty()) {
            return;
        }
        List<Long> ids = OutboxStore.addAllReturningIds(handle, adding, now);
        for (int i = firstOnce; i < adding.size(); i++) {
            if (ids.get(i) != null) {
                owedHere.put(adding.get(i), ids.get(i));
            }
        }
        handle.afterCommit(dispatcher::wake);
    }

    /** Adds an item in a transaction of its own, and returns once it is committed. */
    public void add(Owed owed) {
        writes.useTransaction(handle -> owe(handle, owed));
    }

    /**
     * Adds an item in a transaction of its own without waiting for the commit, for work no change owes (a reply
     * to a click that changed nothing, a view to refresh). If it cannot be stored the loss is logged; the future
     * says whether it was (already failed when the database cannot be reached).
     */
    public CompletableFuture<Void> enqueue(Owed owed) {
        return writes.submit(handle -> {
                    owe(handle, owed);
                    return (Void) null;
                })
                .whenComplete((ignored, error) -> {
                    if (error instanceof JoinedClaim.Refused || error != null
                            && error.getCause() instanceof JoinedClaim.Refused) {
                        // A repeated Slack request's reply: the request is to have no effect, this one included.
                        log.debug("Not queued for a repeated request: a {} in lane {}", owed.kind(), owed.lane());
                    } else if (error != null) {
                        log.warn("Could not queue a {} in lane {}: {}", owed.kind(), owed.lane(), error.getMessage());
                    }
                });
    }

    /** Tells the dispatcher something new may be due, so it does not wait for its next poll. */
    public void wake() {
        dispatcher.wake();
    }

    /** The dispatcher that sends what is owed; start it once every handler is registered. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public OutboxStore store() {
        return store;
    }
}
