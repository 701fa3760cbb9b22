package dev.handshake.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a body sent to an intake source: the canonical field ({@code path}, e.g.
 * {@code $.lead.score}), the mapping's pointer or template that filled it ({@code from}, null when no single
 * mapping did), and what is wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MappedProblem(String path, String from, String message) {}
