package dev.handshake.e2e;

import dev.handshake.testing.TestDatabase;

/**
 * How an end-to-end test runs the app: how Slack's requests reach it and which database it keeps its state in. The
 * listener tests run over both transports on SQLite; a representative few (intake, clicks, the clock, the stats) also
 * run over HTTP on PostgreSQL, where the SQL and the write path differ, rather than the whole matrix.
 */
public enum Setup {
    HTTP_ON_SQLITE(Transport.HTTP, TestDatabase.SQLITE),
    SOCKET_MODE_ON_SQLITE(Transport.SOCKET_MODE, TestDatabase.SQLITE),
    HTTP_ON_POSTGRESQL(Transport.HTTP, TestDatabase.POSTGRESQL);

    private final Transport transport;
    private final TestDatabase database;

    Setup(Transport transport, TestDatabase database) {
        this.transport = transport;
        this.database = database;
    }

    public Transport transport() {
        return transport;
    }

    public TestDatabase database() {
        return database;
    }
}
