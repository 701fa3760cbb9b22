package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers {@code /sla} questions from one agreement: help, the lists (stages, personas, goals, terms) and
 * the card of any stage, persona, KPI or glossary term; unknown terms get suggestions. Pure and thread-safe;
 * build a new one when the agreement changes.
 */
public final class SlaAnswers {

    private final Agreement agreement;
    private final TermIndex index;

    public SlaAnswers(Agreement agreement) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.index = TermIndex.of(agreement);
    }

    /** The answer to the question; {@link SlaQuery.Kind#OTHER} gets a "not available yet" answer. */
    public Answer answer(SlaQuery query, AnswerContext context) {
        Objects.requireNonNull(query, "query == null");
        AnswerContext extra = context == null ? AnswerContext.none() : context;
        boolean share = query.share();
        return switch (query.kind()) {
            case HELP -> HelpCard.render(agreement, share);
            case STAGES -> termOr(query, () -> StagesCard.render(agreement, share));
            case PERSONAS -> PersonasCard.render(agreement, share);
            case PERSONA -> persona(query);
            case GOALS -> termOr(query, () -> GoalsCard.render(agreement, extra.today(), share));
            case TERMS -> termOr(query, () -> TermsCard.render(agreement, extra, share));
            case LOOKUP -> index.resolve(query.argument())
                    .map(term -> card(term, share))
                    .orElseGet(() -> UnknownTermAnswer.term(query.argument(), index.suggest(query.argument())));
            case OTHER -> OtherCommandAnswer.render(query);
        };
    }

    /** The term index behind the lookups, for callers that resolve terms themselves. */
    public TermIndex index() {
        return index;
    }

    /** "stages foo" may name a term (a glossary entry "Terms of payment", say); if not, it lists. */
    private Answer termOr(SlaQuery query, Supplier<Answer> list) {
        if (query.argument().isEmpty()) {
            return list.get();
        }
        Optional<Term> term = index.resolve(query.text());
        return term.map(t -> card(t, query.share())).orElseGet(list);
    }

    private Answer persona(SlaQuery query) {
        return index.resolve(query.argument(), Term.Kind.PERSONA)
                .map(term -> card(term, query.share()))
                .orElseGet(() -> UnknownTermAnswer.persona(
                        query.argument(), index.suggest(query.argument(), Term.Kind.PERSONA)));
    }

    private Answer card(Term term, boolean share) {
        if (term instanceof Term.OfStage stage) {
            return StageCard.render(agreement, stage.stage(), share);
        }
        if (term instanceof Term.OfPersona persona) {
            return PersonaCard.render(agreement, persona.persona(), share);
        }
        if (term instanceof Term.OfKpi kpi) {
            return KpiCard.render(agreement, kpi.kpi(), share);
        }
        return GlossaryCard.render(agreement, ((Term.OfGlossary) term).entry(), share);
    }
}
