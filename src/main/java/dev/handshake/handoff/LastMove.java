package dev.handshake.handoff;

import java.time.Instant;

/** The last step a person took on a handoff that is not a decision (reassigned, upheld, reopened, …): by whom, when. */
public record LastMove(Step step, String by, Instant at) {}
