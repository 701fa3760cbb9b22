package dev.handshake.db;

/** What a database check read back: the journal mode and synchronous setting in force. */
public record DatabaseStatus(String journalMode, String synchronous) {}
