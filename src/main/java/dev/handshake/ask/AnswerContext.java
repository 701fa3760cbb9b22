package dev.handshake.ask;

import java.time.LocalDate;
import java.util.List;

/**
 * What some answers need beyond the agreement: the date of the next review (null when unknown), and who
 * acknowledged the agreement (may be empty).
 */
public record AnswerContext(LocalDate nextReview, List<Acknowledgement> acknowledgements) {

    public AnswerContext {
        acknowledgements = acknowledgements == null ? List.of() : List.copyOf(acknowledgements);
    }

    /** No next review date and no acknowledgements. */
    public static AnswerContext none() {
        return new AnswerContext(null, List.of());
    }
}
