package dev.handshake.outbox;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Owes work for events as they are recorded, whatever their kind (a webhook per endpoint that wants it, a CRM
 * update): called inside the recording transaction, so what it owes is stored with the event or not at all.
 * Registered at start-up; implementations are thread-safe and quick (they run on the database's writer).
 */
@FunctionalInterface
public interface Subscriber {

    /** The items owed for {@code event}; {@code handle} is the recording transaction, for reads it needs. */
    List<Owed> owedFor(Handle handle, Recorded event);
}
