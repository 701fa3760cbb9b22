package dev.handshake.agreement;

import dev.handshake.clock.BusinessCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The marketing–sales service level agreement, as loaded and validated from {@code sla.yml}; {@code hubspot} is null
 * when the agreement has no HubSpot writer; {@code permissions} left out means the defaults.
 */
public record Agreement(
        String name,
        String version,
        LocalDate effective,
        Owners owners,
        List<Persona> personas,
        List<Stage> stages,
        Goals goals,
        List<Commitment> commitments,
        HandoffTerms handoff,
        BusinessCalendar calendar,
        ReviewTerms review,
        List<GlossaryTerm> glossary,
        List<IntakeSource> intakeSources,
        List<WebhookEndpoint> webhooks,
        HubSpotTerms hubspot,
        Permissions permissions) {

    public Agreement {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        personas = List.copyOf(personas);
        stages = List.copyOf(stages);
        commitments = List.copyOf(commitments);
        glossary = List.copyOf(glossary);
        intakeSources = intakeSources == null ? List.of() : List.copyOf(intakeSources);
        permissions = permissions == null ? Permissions.DEFAULTS : permissions;
    }

    /** An agreement with the default permissions (see {@link Permissions}). */
    public Agreement(String name, String version, LocalDate effective, Owners owners, List<Persona> personas,
            List<Stage> stages, Goals goals, List<Commitment> commitments, HandoffTerms handoff,
            BusinessCalendar calendar, ReviewTerms review, List<GlossaryTerm> glossary,
            List<IntakeSource> intakeSources, List<WebhookEndpoint> webhooks, HubSpotTerms hubspot) {
        this(name, version, effective, owners, personas, stages, goals, commitments, handoff, calendar, review,
                glossary, intakeSources, webhooks, hubspot, Permissions.DEFAULTS);
    }

    /** An agreement that tells no CRM (no {@code webhooks} and no {@code hubspot}), with the default permissions. */
    public Agreement(String name, String version, LocalDate effective, Owners owners, List<Persona> personas,
            List<Stage> stages, Goals goals, List<Commitment> commitments, HandoffTerms handoff,
            BusinessCalendar calendar, ReviewTerms review, List<GlossaryTerm> glossary,
            List<IntakeSource> intakeSources) {
        this(name, version, effective, owners, personas, stages, goals, commitments, handoff, calendar, review,
                glossary, intakeSources, List.of(), null, Permissions.DEFAULTS);
    }

    /** An agreement whose senders all send the canonical handoff body (no {@code intake.sources}). */
    public Agreement(String name, String version, LocalDate effective, Owners owners, List<Persona> personas,
            List<Stage> stages, Goals goals, List<Commitment> commitments, HandoffTerms handoff,
            BusinessCalendar calendar, ReviewTerms review, List<GlossaryTerm> glossary) {
        this(name, version, effective, owners, personas, stages, goals, commitments, handoff, calendar, review,
                glossary, List.of());
    }

    /** Who may answer rejections and unclaimed leads: as set, or the members of the marketing channel. */
    public SlackTarget marketingAudience() {
        return permissions.marketing() != null ? permissions.marketing()
                : new SlackTarget(SlackTarget.Kind.CHANNEL, handoff.marketingChannel());
    }

    /** Who may act on escalations (Reassign…, Take it) and contests (Uphold, Reopen): the escalation target. */
    public SlackTarget escalationAudience() {
        return handoff.escalation();
    }

    /** Who may run {@code /sla export}: as set, or the escalation target (the managers). */
    public SlackTarget exportAudience() {
        return permissions.export() != null ? permissions.export() : handoff.escalation();
    }

    /** The intake source of that name ({@code POST /handoffs/{name}}), if the agreement has one. */
    public Optional<IntakeSource> intakeSource(String name) {
        return intakeSources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Stage> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Persona> persona(String id) {
        return personas.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The stage that comes before the given one in the funnel, if any. */
    public Optional<Stage> previous(Stage stage) {
        return stages.stream().filter(s -> stage.id().equals(s.next())).findFirst();
    }

    /** The handoff terms for a stage, when that stage is handed to sales. */
    public Optional<StageHandoff> handoffFor(String stageId) {
        return handoff.stages().stream().filter(h -> h.stage().equals(stageId)).findFirst();
    }
}
