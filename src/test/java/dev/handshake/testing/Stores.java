package dev.handshake.testing;

import dev.handshake.db.Transactions;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Stores wired as the app wires them, each write its own transaction, for tests of one store on a real database. */
public final class Stores {

    private Stores() {}

    /** A handoff store whose owed Slack work goes to an outbox that is never dispatched. */
    public static HandoffStore handoffStore(Jdbi jdbi) {
        Transactions writes = Transactions.direct(jdbi);
        return new HandoffStore(jdbi, writes, new Outbox(new OutboxStore(jdbi, writes), writes, Clock.systemUTC(), 1));
    }
}
