package dev.handshake.e2e;

import dev.handshake.testing.TestDatabase;

/**
 * How an end-to-end test runs the app: how Slack's requests reach it and which database it keeps its state in. Every
 * end-to-end test that stores anything runs on both databases. The listener tests run with
 * {@link #eachTransportAndDatabase()}: over HTTP on SQLite and over Socket Mode on PostgreSQL, so each transport and
 * each database takes the whole class once without running the class four times (the transport and the database are
 * independent: one is how a request arrives, the other where its effect is stored). A few classes where both matter
 * most (clicks, the clock, the stats) take three setups.
 */
public enum Setup {
    HTTP_ON_SQLITE(Transport.HTTP, TestDatabase.SQLITE),
    SOCKET_MODE_ON_SQLITE(Transport.SOCKET_MODE, TestDatabase.SQLITE),
    HTTP_ON_POSTGRESQL(Transport.HTTP, TestDatabase.POSTGRESQL),
    SOCKET_MODE_ON_POSTGRESQL(Transport.SOCKET_MODE, TestDatabase.POSTGRESQL);

    /** Each transport and each database once: the setups of the listener tests' classes. */
    static java.util.stream.Stream<Setup> eachTransportAndDatabase() {
        return java.util.stream.Stream.of(HTTP_ON_SQLITE, SOCKET_MODE_ON_POSTGRESQL);
    }

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
