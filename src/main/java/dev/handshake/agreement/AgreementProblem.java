package dev.handshake.agreement;

/**
 * One thing wrong with an agreement file: where it is ({@code path} such as {@code stages[2].owner}, empty for the
 * file as a whole; {@code line} 1-based, 0 when unknown) and what is wrong, written for the person editing it.
 */
public record AgreementProblem(String path, int line, String message) {}
