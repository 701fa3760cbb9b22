package dev.handshake.handoff;

import dev.handshake.people.Membership;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The handoff's life, in one place: for each {@link HandoffState}, the {@link Step}s that may happen there, who may
 * take each, and the state it leads to. Every click and every timer asks {@link #check} before it changes a handoff;
 * the store's compare-and-set on the state then makes sure only one change wins. docs/HANDOFFS.md draws this table
 * ({@link #mermaid()}).
 */
public final class HandoffLife {

    /** Who may take a step (any one of {@code who}) and where it leads. */
    public record Rule(Set<Role> who, HandoffState to) {
        public Rule {
            who = Collections.unmodifiableSet(EnumSet.copyOf(who));
        }
    }

    /** What {@link #check} found. */
    public sealed interface Verdict {

        /** The step may happen: it moves the handoff from {@code from} to {@code to}. */
        record Allowed(HandoffState from, HandoffState to) implements Verdict {}

        /** The step does not happen in the handoff's state (someone else got there first, or it never could). */
        record NotNow(HandoffState state) implements Verdict {}

        /** The user is not one of those who may take the step. */
        record NotYours(Set<Role> who) implements Verdict {}

        /** Slack could not tell whether the user belongs to the audience that may ({@code why}: Slack's error). */
        record CannotTell(String why) implements Verdict {}
    }

    /** Whether a user has a role for a handoff; membership of an audience may ask Slack, so call after the ack. */
    @FunctionalInterface
    public interface Roles {
        Membership.Check of(Role role, Handoff handoff, String userId);
    }

    private static final Map<HandoffState, Map<Step, Rule>> RULES = rules();

    private HandoffLife() {}

    private static Map<HandoffState, Map<Step, Rule>> rules() {
        Map<HandoffState, Map<Step, Rule>> rules = new EnumMap<>(HandoffState.class);
        for (HandoffState state : HandoffState.values()) {
            rules.put(state, new EnumMap<>(Step.class));
        }
        add(rules, HandoffState.PENDING, Step.ACCEPT, HandoffState.ACCEPTED, Role.DECIDER);
        add(rules, HandoffState.PENDING, Step.REJECT, HandoffState.REJECTED, Role.DECIDER);
        add(rules, HandoffState.PENDING, Step.TAKE, HandoffState.ACCEPTED, Role.ESCALATION);
        add(rules, HandoffState.PENDING, Step.REASSIGN, HandoffState.PENDING, Role.ESCALATION);
        add(rules, HandoffState.PENDING, Step.REMINDER_DUE, HandoffState.PENDING, Role.CLOCK);
        add(rules, HandoffState.PENDING, Step.ROTATE, HandoffState.PENDING, Role.CLOCK);
        add(rules, HandoffState.PENDING, Step.LAPSE, HandoffState.UNCLAIMED, Role.CLOCK);

        // A late accept is still the best end for a lead nobody claimed in time.
        add(rules, HandoffState.UNCLAIMED, Step.ACCEPT, HandoffState.ACCEPTED, Role.DECIDER);
        add(rules, HandoffState.UNCLAIMED, Step.TAKE, HandoffState.ACCEPTED, Role.ESCALATION);
        add(rules, HandoffState.UNCLAIMED, Step.REASSIGN, HandoffState.PENDING, Role.MARKETING, Role.ESCALATION);
        add(rules, HandoffState.UNCLAIMED, Step.RECYCLE, HandoffState.RECYCLED, Role.MARKETING);

        add(rules, HandoffState.ACCEPTED, Step.MARK_CONTACTED, HandoffState.CONTACTED, Role.ACCEPTER);
        add(rules, HandoffState.ACCEPTED, Step.CONTACT_REMINDER_DUE, HandoffState.ACCEPTED, Role.CLOCK);
        add(rules, HandoffState.ACCEPTED, Step.CONTACT_DEADLINE_PASSED, HandoffState.ACCEPTED, Role.CLOCK);

        add(rules, HandoffState.REJECTED, Step.RECYCLE, HandoffState.RECYCLED, Role.MARKETING);
        add(rules, HandoffState.REJECTED, Step.CONTEST, HandoffState.CONTESTED, Role.MARKETING);
        add(rules, HandoffState.REJECTED, Step.FOLLOWUP_REMINDER_DUE, HandoffState.REJECTED, Role.CLOCK);
        add(rules, HandoffState.REJECTED, Step.FOLLOWUP_DEADLINE_PASSED, HandoffState.REJECTED, Role.CLOCK);

        add(rules, HandoffState.CONTESTED, Step.UPHOLD, HandoffState.UPHELD, Role.ESCALATION);
        add(rules, HandoffState.CONTESTED, Step.REOPEN, HandoffState.PENDING, Role.ESCALATION);

        add(rules, HandoffState.UPHELD, Step.RECYCLE, HandoffState.RECYCLED, Role.MARKETING);
        add(rules, HandoffState.UPHELD, Step.FOLLOWUP_REMINDER_DUE, HandoffState.UPHELD, Role.CLOCK);
        add(rules, HandoffState.UPHELD, Step.FOLLOWUP_DEADLINE_PASSED, HandoffState.UPHELD, Role.CLOCK);
        return rules;
    }

    private static void add(Map<HandoffState, Map<Step, Rule>> rules, HandoffState from, Step step, HandoffState to,
            Role... who) {
        rules.get(from).put(step, new Rule(EnumSet.copyOf(List.of(who)), to));
    }

    /** The rule for a step in a state, or empty when the step cannot happen there. */
    public static Optional<Rule> rule(HandoffState from, Step step) {
        return Optional.ofNullable(RULES.get(from).get(step));
    }

    /** The steps that may happen in a state, in the order of {@link Step}. */
    public static Set<Step> steps(HandoffState from) {
        Set<Step> steps = RULES.get(from).keySet();
        return steps.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(steps);
    }

    /**
     * Whether {@code userId} may take {@code step} on the handoff now; {@code userId} is null for the clock. Roles are
     * asked in the rule's order, the ones that need no Slack call first, and only until one says yes.
     */
    public static Verdict check(Handoff handoff, Step step, String userId, Roles roles) {
        Objects.requireNonNull(handoff, "handoff == null");
        Objects.requireNonNull(step, "step == null");
        Optional<Rule> rule = rule(handoff.state(), step);
        if (rule.isEmpty()) {
            return new Verdict.NotNow(handoff.state());
        }
        Set<Role> who = rule.get().who();
        if (userId == null) {
            return who.contains(Role.CLOCK) ? new Verdict.Allowed(handoff.state(), rule.get().to())
                    : new Verdict.NotYours(who);
        }
        String unknown = null;
        for (Role role : who) {
            if (role == Role.CLOCK) {
                continue;
            }
            Membership.Check check = roles.of(role, handoff, userId);
            if (check.yes()) {
                return new Verdict.Allowed(handoff.state(), rule.get().to());
            }
            if (check.answer() == Membership.Answer.UNKNOWN) {
                unknown = check.why();
            }
        }
        return unknown != null ? new Verdict.CannotTell(unknown) : new Verdict.NotYours(who);
    }

    /** The table as a Mermaid state diagram, as docs/HANDOFFS.md shows it. */
    public static String mermaid() {
        List<String> lines = new ArrayList<>();
        lines.add("stateDiagram-v2");
        lines.add("    [*] --> pending: received");
        for (HandoffState from : HandoffState.values()) {
            for (Map.Entry<Step, Rule> entry : RULES.get(from).entrySet()) {
                Rule rule = entry.getValue();
                List<String> who = rule.who().stream().map(HandoffLife::label).toList();
                lines.add("    " + from.key() + " --> " + rule.to().key() + ": " + entry.getKey().name().toLowerCase(
                        java.util.Locale.ROOT) + " (" + String.join(" or ", who) + ")");
            }
        }
        lines.add("    accepted --> [*]: when the stage sets no first contact");
        for (HandoffState state : HandoffState.values()) {
            if (state.finished()) {
                lines.add("    " + state.key() + " --> [*]");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String label(Role role) {
        return switch (role) {
            case DECIDER -> "who_decides";
            case ACCEPTER -> "the rep who accepted";
            case MARKETING -> "marketing";
            case ESCALATION -> "escalation target";
            case CLOCK -> "clock";
        };
    }
}
