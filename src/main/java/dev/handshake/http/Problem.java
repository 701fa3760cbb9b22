package dev.handshake.http;

/** One thing wrong with a request body, at a JSON path such as {@code $.lead.name}. */
public record Problem(String path, String message) {}
