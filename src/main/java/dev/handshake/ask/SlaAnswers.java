package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Answers {@code /sla} questions from one agreement: help, the lists (stages, personas, goals, terms) and the card
 * of any stage, persona, KPI or glossary term; unknown terms get suggestions. Offers them as the agreement's own
 * {@code /sla} commands, with which the other capabilities' commands make up the registry. Thread-safe; build a new
 * one when the agreement changes.
 */
public final class SlaAnswers {

    static final int MAX_KEPT_ANSWERS = 256;
    private static final AnswerContext NO_CONTEXT = AnswerContext.none();

    private final Agreement agreement;
    private final TermIndex index;
    private final Map<KeptKey, String> recent = new ConcurrentHashMap<>();

    private record KeptKey(SlaCommand.Handler handler, SlaQuery query, AnswerContext context) {}

    public SlaAnswers(Agreement agreement) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.index = TermIndex.of(agreement);
    }

    /**
     * The {@code /sla} registry: the agreement's commands (help, which lists every command's help lines; stages;
     * personas; goals; terms; and the lookup of anything else), then {@code others} in their order on the help card.
     * {@code termsContext} tells {@code /sla terms} the next review and who acknowledged the agreement in force;
     * {@code today} is today's date in the agreement's calendar, which tells {@code /sla goals} whether the goals'
     * period has ended. Fails when two commands claim one word.
     */
    public SlaCommands commands(Supplier<AnswerContext> termsContext, Supplier<LocalDate> today,
            List<SlaCommand> others) {
        Objects.requireNonNull(termsContext, "termsContext == null");
        Objects.requireNonNull(today, "today == null");
        List<SlaCommand> listed = new ArrayList<>(List.of(
                SlaCommand.question(List.of("stages"), List.of(new HelpLine("/sla stages",
                                "the funnel, stage by stage, with owners and response times")),
                        kept((query, context) -> termOr(query, () -> StagesCard.render(agreement, query.share())))),
                SlaCommand.question(List.of("personas", "persona"), List.of(
                                new HelpLine("/sla personas", "the buyer personas both teams agreed on"),
                                new HelpLine("/sla persona " + HelpCard.examplePersona(agreement),
                                        "one persona: who they are, their traits and pains")),
                        kept((query, context) -> query.argument().isEmpty()
                                ? PersonasCard.render(agreement, query.share()) : persona(query))),
                SlaCommand.question(List.of("goals"), List.of(new HelpLine("/sla goals",
                                "the revenue target, team and individual targets, and the KPIs")),
                        new Kept(() -> new AnswerContext(null, List.of(), today.get()), (query, context) ->
                                termOr(query, () -> GoalsCard.render(agreement, context.today(), query.share())))),
                SlaCommand.question(List.of("terms"), List.of(new HelpLine("/sla terms",
                                "who commits to what, the handoff rules, the owners and the next review")),
                        new Kept(termsContext, (query, context) ->
                                termOr(query, () -> TermsCard.render(agreement, context, query.share()))))));
        listed.addAll(others);
        List<HelpLine> lines = listed.stream().flatMap(command -> command.help().stream()).toList();
        List<SlaCommand> all = new ArrayList<>();
        all.add(SlaCommand.question(List.of("help", "?"), List.of(),
                kept((query, context) -> HelpCard.render(agreement, lines, query.share()))));
        all.addAll(listed);
        return new SlaCommands(all, kept((query, context) -> lookup(query)));
    }

    /** The term index behind the lookups, for callers that resolve terms themselves. */
    public TermIndex index() {
        return index;
    }

    private Answer lookup(SlaQuery query) {
        return index.resolve(query.argument())
                .map(term -> card(term, query.share()))
                .orElseGet(() -> UnknownTermAnswer.term(query.argument(), index.suggest(query.argument())));
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

    private Kept kept(BiFunction<SlaQuery, AnswerContext, Answer> render) {
        return new Kept(() -> NO_CONTEXT, render);
    }

    /**
     * An answer from the agreement alone, which depends only on the question and its context. The same few
     * questions are asked over and over, and rendering a card and writing it as JSON cost more than the rest of the
     * request, so the JSON of recent answers is kept.
     */
    private final class Kept implements SlaCommand.Handler {

        private final Supplier<AnswerContext> context;
        private final BiFunction<SlaQuery, AnswerContext, Answer> render;

        Kept(Supplier<AnswerContext> context, BiFunction<SlaQuery, AnswerContext, Answer> render) {
            this.context = context;
            this.render = render;
        }

        @Override
        public Answer answer(SlaRequest request) {
            return render.apply(request.query(), context.get());
        }

        @Override
        public String json(SlaRequest request) {
            if (recent.size() >= MAX_KEPT_ANSWERS) {
                recent.clear();
            }
            return recent.computeIfAbsent(new KeptKey(this, request.query(), context.get()),
                    key -> render.apply(key.query(), key.context()).json());
        }
    }
}
