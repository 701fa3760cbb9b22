package dev.handshake.routing;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.PoolRep;
import dev.handshake.agreement.RoutingTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.clock.BusinessCalendar;
import dev.handshake.clock.BusinessHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Decides who gets a lead, by the agreement's routing for its stage: the lead's own assignee when marketing named
 * one who can take it, otherwise the next rep of the stage's pool who can (weighted round robin, one rotation per
 * stage for intake and reassignment alike), otherwise the pool's fallback; and says why. Runs inside the caller's
 * transaction, so the rotation moves only when the assignment commits. Thread-safe.
 */
public final class Router {

    /** Why a lead is being taken from the rep who has it. */
    public enum Cause {
        /** The rep let the deadline pass. */
        MISSED_DEADLINE,
        /** The rep was deactivated in Slack. */
        DEACTIVATED
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter OPENS = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private final Agreement agreement;
    private final RepProfiles profiles;
    private final Function<LocalDate, Map<String, LocalDate>> awayThrough;
    private final Map<ZoneId, BusinessHours> hoursByZone = new ConcurrentHashMap<>();

    /**
     * {@code awayThrough} tells who is away on a date of the agreement's calendar, and through which date;
     * {@code profiles} what Slack says about each rep (time zone, deactivated, name).
     */
    public Router(Agreement agreement, RepProfiles profiles, Function<LocalDate, Map<String, LocalDate>> awayThrough) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.profiles = Objects.requireNonNull(profiles, "profiles == null");
        this.awayThrough = Objects.requireNonNull(awayThrough, "awayThrough == null");
    }

    public RepProfiles profiles() {
        return profiles;
    }

    /**
     * A lead just received: {@code named} is the assignee marketing sent (a Slack user id), or null. A named rep who
     * can take it keeps it; one who is away or deactivated is routed on or kept, as the stage's routing says.
     */
    public Route atIntake(Handle handle, String stage, String named, Instant now) {
        Optional<RoutingTerms> routing = agreement.handoff().routingFor(stage);
        if (named != null) {
            Optional<String> unavailable = unavailable(named, now);
            if (unavailable.isEmpty()) {
                return Route.unrouted(named);
            }
            String sentTo = "sent to " + profiles.name(named) + ", who " + unavailable.get();
            if (routing.isEmpty() || !routing.get().reassignIfUnavailable()) {
                String why = routing.isEmpty() ? "the stage has no routing pool to send it to"
                        : "the agreement keeps such leads with the rep named (reassign_if_unavailable: false)";
                return new Route(Route.Kind.KEPT, named, null, null, sentTo + "; kept with them",
                        "This lead was " + sentTo + ". It stays with them because " + why + ".", List.of());
            }
            return pick(handle, stage, routing.get(), Set.of(named), named, sentTo, now);
        }
        return routing.map(terms -> pick(handle, stage, terms, Set.of(), null, null, now))
                .orElse(Route.unrouted(null));
    }

    /**
     * A lead taken from {@code from}: the next rep of the rotation who can take it and never held it
     * ({@code held}), or the pool's fallback. Empty when the stage has no routing.
     */
    public Optional<Route> reroute(Handle handle, String stage, String from, Set<String> held, Cause cause,
            Instant now) {
        Optional<RoutingTerms> routing = agreement.handoff().routingFor(stage);
        if (routing.isEmpty()) {
            return Optional.empty();
        }
        String why = from == null ? "nobody decided by the deadline" : switch (cause) {
            case MISSED_DEADLINE -> profiles.name(from) + " missed the deadline";
            case DEACTIVATED -> profiles.name(from) + " was deactivated in Slack";
        };
        Set<String> exclude = new HashSet<>(held);
        if (from != null) {
            exclude.add(from);
        }
        return Optional.of(pick(handle, stage, routing.get(), exclude, from, why, now));
    }

    /** Gives {@code user} back the turn of {@code pool} a lead took, now that it was reassigned away from them. */
    public void giveBack(Handle handle, String pool, String user) {
        Optional<PoolRep> rep = agreement.handoff().routingFor(pool).flatMap(terms -> terms.rep(user));
        if (rep.isEmpty()) {
            return;
        }
        Rotation before = RotationStore.lockAndLoad(handle, pool);
        RotationStore.save(handle, pool, before, before.giveBack(rep.get()));
    }

    /**
     * Moves the turn of {@code pool} a lead took from {@code from} (null: nobody had it) to {@code to}, now that it
     * was handed over by hand: {@code from} gets it back, {@code to} is charged it if they are in the pool. Returns
     * whether {@code to} is, so the lead still holds one of the pool's turns.
     */
    public boolean handOver(Handle handle, String pool, String from, String to) {
        Optional<RoutingTerms> terms = agreement.handoff().routingFor(pool);
        if (terms.isEmpty()) {
            return false;
        }
        Optional<PoolRep> giver = from == null ? Optional.empty() : terms.get().rep(from);
        Optional<PoolRep> taker = terms.get().rep(to);
        if (giver.isEmpty() && taker.isEmpty()) {
            return false;
        }
        Rotation before = RotationStore.lockAndLoad(handle, pool);
        Rotation after = giver.isPresent() ? before.giveBack(giver.get()) : before;
        RotationStore.save(handle, pool, before, taker.isPresent() ? after.charge(taker.get()) : after);
        return taker.isPresent();
    }

    /** The stage's rotation as it stands: who gets the next leads, in order, and who is skipped and why. */
    public Queue queue(Handle handle, String stage, Instant now) {
        RoutingTerms terms = agreement.handoff().routingFor(stage).orElse(null);
        if (terms == null) {
            return new Queue(stage, null, List.of(), List.of(), Map.of(), false);
        }
        Assessment assessed = assess(handle, terms, Set.of(), now);
        Rotation rotation = RotationStore.load(handle, stage);
        boolean earliest = assessed.eligible().isEmpty() && !assessed.earliestOpeners().isEmpty();
        Set<String> next = earliest ? assessed.earliestOpeners() : assessed.eligible();
        List<PoolRep> order = rotation.order(terms.pool(), next);
        List<Skip> skipped = assessed.skipped().stream()
                .filter(skip -> !earliest || !assessed.earliestOpeners().contains(skip.user())).toList();
        return new Queue(stage, terms, order, skipped, assessed.open(), earliest);
    }

    /** A stage's rotation now: {@code order} gets the next leads; {@code earliestOpeners} when nobody is at work. */
    public record Queue(String stage, RoutingTerms terms, List<PoolRep> order, List<Skip> skipped,
            Map<String, Integer> open, boolean earliestOpeners) {}

    /** Why this user cannot act on a lead now ("is away until Wed, Dec 9"), or empty when they can. */
    public Optional<String> unavailable(String user, Instant now) {
        if (profiles.deactivated(user)) {
            return Optional.of("was deactivated in Slack");
        }
        LocalDate until = awayThrough.apply(today(now)).get(user);
        return until == null ? Optional.empty() : Optional.of("is away until " + DAY.format(until));
    }

    /** The name to show for a user without pinging them. */
    public String name(String user) {
        return profiles.name(user);
    }

    // --- the pick --------------------------------------------------------------------------------------------

    /**
     * The next rep of the rotation who can take the lead, or the fallback; {@code subject} is the rep the lead is
     * being taken from (or was sent to), whom the note already names and does not list among the skipped.
     */
    private Route pick(Handle handle, String stage, RoutingTerms terms, Set<String> exclude, String subject,
            String prefix, Instant now) {
        Rotation before = RotationStore.lockAndLoad(handle, stage);
        Assessment assessed = assess(handle, terms, exclude, now);
        Set<String> eligible = assessed.eligible();
        Set<String> unavailable = new LinkedHashSet<>(assessed.unavailable());
        String how = "next in rotation";
        if (eligible.isEmpty() && !assessed.earliestOpeners().isEmpty()) {
            // Nobody is at work: the lead goes to whoever starts first, rather than to the fallback at night.
            eligible = assessed.earliestOpeners();
            unavailable.removeAll(eligible);
            how = "nobody is in working hours now; first to start, next in rotation";
        }
        Optional<Rotation.Pick> pick = before.pick(terms.pool(), eligible, unavailable);
        if (pick.isEmpty()) {
            return fallback(terms, assessed.skipped().stream().filter(skip -> !skip.user().equals(subject)).toList(),
                    prefix);
        }
        RotationStore.save(handle, stage, before, pick.get().after());
        String chosen = pick.get().user();
        PoolRep rep = terms.rep(chosen).orElseThrow();
        if (rep.weight() > 1) {
            how += " (weight " + rep.weight() + ")";
        }
        Set<String> shownAsChosen = eligible;
        List<Skip> skipped = assessed.skipped().stream()
                .filter(skip -> !shownAsChosen.contains(skip.user()) && !skip.user().equals(subject)).toList();
        return new Route(Route.Kind.ROTATION, chosen, stage, null, note(prefix, how, skipped), null, skipped);
    }

    private Route fallback(RoutingTerms terms, List<Skip> skipped, String prefix) {
        SlackTarget target = terms.fallback();
        String to = target == null ? "it waits in the sales channel for anyone to take"
                : "it goes to the fallback, " + describe(target);
        String why = "nobody in the pool can take it" + (skipped.isEmpty() ? ""
                : " (" + skipped.stream().map(Skip::text).collect(Collectors.joining("; ")) + ")");
        String note = (prefix == null ? "" : prefix + "; ") + why + "; " + to;
        String assignee = target != null && target.kind() == SlackTarget.Kind.USER ? target.id() : null;
        return new Route(Route.Kind.FALLBACK, assignee, null, target, note, null, skipped);
    }

    /** Someone the fallback names, without pinging: a user by name, a user group or channel by its id or name. */
    public String describe(SlackTarget target) {
        return switch (target.kind()) {
            case USER -> profiles.name(target.id());
            case USER_GROUP -> "the user group " + target.id();
            case CHANNEL -> "the channel " + target.id();
        };
    }

    private static String note(String prefix, String how, List<Skip> skipped) {
        String note = (prefix == null ? "" : prefix + "; ") + how;
        if (!skipped.isEmpty()) {
            note += "; skipped " + skipped.stream().map(Skip::text).collect(Collectors.joining("; "));
        }
        return note;
    }

    // --- who can take a lead now -----------------------------------------------------------------------------

    /**
     * Each rep of the pool: eligible, or skipped for a reason. {@code unavailable} are the skipped who miss this
     * pick (everyone skipped but those excluded for this lead only); {@code earliestOpeners} the reps outside
     * their hours who would otherwise be eligible and start work first.
     */
    private record Assessment(Set<String> eligible, Set<String> unavailable, List<Skip> skipped,
            Set<String> earliestOpeners, Map<String, Integer> open) {}

    private Assessment assess(Handle handle, RoutingTerms terms, Set<String> exclude, Instant now) {
        Map<String, LocalDate> away = awayThrough.apply(today(now));
        boolean capped = terms.cap() != null || terms.pool().stream().anyMatch(rep -> rep.cap() != null);
        Map<String, Integer> open = capped
                ? RotationStore.openCounts(handle, terms.pool().stream().map(PoolRep::user).toList())
                : Map.of();
        Set<String> eligible = new LinkedHashSet<>();
        Set<String> unavailable = new LinkedHashSet<>();
        List<Skip> skipped = new ArrayList<>();
        Map<String, Instant> opensAt = new java.util.HashMap<>();
        for (PoolRep rep : terms.pool()) {
            String user = rep.user();
            String name = profiles.name(user);
            if (exclude.contains(user)) {
                skipped.add(new Skip(user, name, Skip.Reason.HELD_BEFORE, "already had this lead"));
                continue;
            }
            Skip skip = null;
            Optional<Integer> cap = terms.capOf(rep);
            if (profiles.deactivated(user)) {
                skip = new Skip(user, name, Skip.Reason.DEACTIVATED, "deactivated in Slack");
            } else if (away.containsKey(user)) {
                skip = new Skip(user, name, Skip.Reason.AWAY, "away until " + DAY.format(away.get(user)));
            } else if (cap.isPresent() && open.getOrDefault(user, 0) >= cap.get()) {
                skip = new Skip(user, name, Skip.Reason.AT_CAP, "at cap " + cap.get());
            } else if (terms.workingHours()) {
                ZoneId zone = zoneOf(user);
                BusinessHours hours = hoursIn(zone);
                if (!hours.isOpen(now)) {
                    Instant opens = hours.nextOpening(now);
                    opensAt.put(user, opens);
                    skip = new Skip(user, name, Skip.Reason.OUTSIDE_HOURS, "outside working hours (starts "
                            + OPENS.format(opens.atZone(zone)) + " " + zone.getId() + ")");
                }
            }
            if (skip == null) {
                eligible.add(user);
            } else {
                skipped.add(skip);
                unavailable.add(user);
            }
        }
        Set<String> earliest = new LinkedHashSet<>();
        Optional<Instant> first = opensAt.values().stream().min(Instant::compareTo);
        first.ifPresent(at -> opensAt.forEach((user, opens) -> {
            if (opens.equals(at)) {
                earliest.add(user);
            }
        }));
        return new Assessment(eligible, unavailable, skipped, earliest, open);
    }

    private ZoneId zoneOf(String user) {
        return profiles.find(user).flatMap(RepProfile::zone).orElse(agreement.calendar().zone());
    }

    /** The agreement's opening hours and holidays, in {@code zone}. */
    private BusinessHours hoursIn(ZoneId zone) {
        return hoursByZone.computeIfAbsent(zone, z -> {
            BusinessCalendar calendar = agreement.calendar();
            return new BusinessHours(new BusinessCalendar(z, calendar.workingDays(), calendar.opens(),
                    calendar.closes(), calendar.holidays()));
        });
    }

    private LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, agreement.calendar().zone());
    }
}
