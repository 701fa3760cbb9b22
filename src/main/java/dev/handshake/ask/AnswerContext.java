package dev.handshake.ask;

import java.time.LocalDate;
import java.util.List;

/**
 * What some answers need beyond the agreement: the date of the next review (null when unknown), who acknowledged
 * the agreement (may be empty), and today's date in the agreement's calendar (null when unknown), which tells
 * whether the goals' period has ended.
 */
public record AnswerContext(LocalDate nextReview, List<Acknowledgement> acknowledgements, LocalDate today) {

    public AnswerContext {
        acknowledgements = acknowledgements == null ? List.of() : List.copyOf(acknowledgements);
    }

    public AnswerContext(LocalDate nextReview, List<Acknowledgement> acknowledgements) {
        this(nextReview, acknowledgements, null);
    }

    /** No next review date, no acknowledgements, no date. */
    public static AnswerContext none() {
        return new AnswerContext(null, List.of(), null);
    }
}
