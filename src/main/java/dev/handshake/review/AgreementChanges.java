package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Commitment;
import dev.handshake.agreement.HandoffTerms;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.ReassignTerms;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.clock.BusinessCalendar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Says in plain words what changed between two versions of the agreement: what was added, removed or changed. */
public final class AgreementChanges {

    private final List<String> lines = new ArrayList<>();

    private AgreementChanges() {}

    /** One line per change, old value then new; empty when nothing a reader would notice changed. */
    public static List<String> between(Agreement before, Agreement after) {
        AgreementChanges changes = new AgreementChanges();
        changes.compare("Name", before.name(), after.name());
        changes.compare("Version", before.version(), after.version());
        changes.compare("Effective date", before.effective(), after.effective());
        changes.compare("Marketing owner", before.owners().marketing().name(), after.owners().marketing().name());
        changes.compare("Sales owner", before.owners().sales().name(), after.owners().sales().name());
        changes.stages(before, after);
        changes.personas(before.personas(), after.personas());
        changes.handoff(before.handoff(), after.handoff());
        changes.calendar(before.calendar(), after.calendar());
        changes.compare("Review cadence", before.review().cadence(), after.review().cadence());
        changes.compare("Review channel", before.review().channel(), after.review().channel());
        changes.compare("Review time", before.review().time(), after.review().time());
        changes.compare("Minimum lead→MQL conversion", before.review().minLeadToMqlConversion(),
                after.review().minLeadToMqlConversion());
        changes.compare("Minimum MQL acceptance rate", before.review().minMqlAcceptanceRate(),
                after.review().minMqlAcceptanceRate());
        changes.compare("Goal period", before.goals().period(), after.goals().period());
        changes.compare("Revenue target", before.goals().revenueTarget(), after.goals().revenueTarget());
        changes.list("Commitment", before.commitments().stream().map(AgreementChanges::commitment).toList(),
                after.commitments().stream().map(AgreementChanges::commitment).toList());
        return List.copyOf(changes.lines);
    }

    private void stages(Agreement before, Agreement after) {
        Map<String, Stage> old = byId(before.stages(), Stage::id);
        Map<String, Stage> now = byId(after.stages(), Stage::id);
        for (Stage stage : after.stages()) {
            Stage was = old.get(stage.id());
            if (was == null) {
                lines.add("Stage `" + stage.id() + "` (" + stage.name() + ") added");
                continue;
            }
            String prefix = "Stage `" + stage.id() + "` — ";
            compare(prefix + "name", was.name(), stage.name());
            if (!was.definition().equals(stage.definition())) {
                lines.add(prefix + "definition changed to: " + stage.definition());
            }
            compare(prefix + "owner", was.owner().label(), stage.owner().label());
            compare(prefix + "next stage", was.next(), stage.next());
            list(prefix + "entry criterion", was.entryCriteria(), stage.entryCriteria());
            list(prefix + "alias", was.aliases(), stage.aliases());
        }
        old.keySet().stream().filter(id -> !now.containsKey(id))
                .forEach(id -> lines.add("Stage `" + id + "` (" + old.get(id).name() + ") removed"));
    }

    private void personas(List<Persona> before, List<Persona> after) {
        Map<String, Persona> old = byId(before, Persona::id);
        Map<String, Persona> now = byId(after, Persona::id);
        for (Persona persona : after) {
            Persona was = old.get(persona.id());
            if (was == null) {
                lines.add("Persona `" + persona.id() + "` (" + persona.name() + ") added");
            } else {
                compare("Persona `" + persona.id() + "` — name", was.name(), persona.name());
                compare("Persona `" + persona.id() + "` — summary", was.summary(), persona.summary());
            }
        }
        old.keySet().stream().filter(id -> !now.containsKey(id))
                .forEach(id -> lines.add("Persona `" + id + "` (" + old.get(id).name() + ") removed"));
    }

    private void handoff(HandoffTerms before, HandoffTerms after) {
        Map<String, StageHandoff> old = byId(before.stages(), StageHandoff::stage);
        Map<String, StageHandoff> now = byId(after.stages(), StageHandoff::stage);
        for (StageHandoff terms : after.stages()) {
            StageHandoff was = old.get(terms.stage());
            if (was == null) {
                lines.add("Stage `" + terms.stage() + "` is now handed to sales, with "
                        + hours(terms.responseTime()) + " to answer");
                continue;
            }
            compare("Stage `" + terms.stage() + "` — response time", hours(was.responseTime()),
                    hours(terms.responseTime()));
            compare("Stage `" + terms.stage() + "` — first contact", hours(was.firstContact()),
                    hours(terms.firstContact()));
        }
        old.keySet().stream().filter(id -> !now.containsKey(id))
                .forEach(id -> lines.add("Stage `" + id + "` is no longer handed to sales"));
        compare("Who decides", before.whoDecides(), after.whoDecides());
        compare("Sales channel", before.salesChannel(), after.salesChannel());
        compare("Marketing channel", before.marketingChannel(), after.marketingChannel());
        compare("Escalation target", before.escalation().id(), after.escalation().id());
        list("Rejection reason", before.rejectionReasons(), after.rejectionReasons());
        compare("Reminder", reminder(before.reminder()), reminder(after.reminder()));
        compare("Reassignment", reassign(before.reassign()), reassign(after.reassign()));
        if (before.reassign() != null && after.reassign() != null) {
            list("Reassignment pool member", before.reassign().pool(), after.reassign().pool());
        }
    }

    private void calendar(BusinessCalendar before, BusinessCalendar after) {
        compare("Time zone", before.zone(), after.zone());
        compare("Working days", new java.util.TreeSet<>(before.workingDays()), new java.util.TreeSet<>(after.workingDays()));
        compare("Opening time", before.opens(), after.opens());
        compare("Closing time", before.closes(), after.closes());
        list("Holiday", before.holidays().stream().sorted().map(Object::toString).toList(),
                after.holidays().stream().sorted().map(Object::toString).toList());
    }

    private void compare(String what, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            lines.add(what + ": " + shown(before) + " → " + shown(after));
        }
    }

    private void list(String what, List<String> before, List<String> after) {
        Set<String> old = new LinkedHashSet<>(before);
        Set<String> now = new LinkedHashSet<>(after);
        now.stream().filter(item -> !old.contains(item)).forEach(item -> lines.add(what + " added: " + item));
        old.stream().filter(item -> !now.contains(item)).forEach(item -> lines.add(what + " removed: " + item));
    }

    private static String shown(Object value) {
        return value == null ? "none" : value.toString();
    }

    private static String hours(Duration duration) {
        if (duration == null) {
            return null;
        }
        long minutes = duration.toMinutes();
        return (minutes % 60 == 0 ? String.valueOf(minutes / 60) : String.format(java.util.Locale.ROOT, "%.2f", minutes / 60.0))
                + " business hours";
    }

    private static String reminder(ReminderTerms reminder) {
        if (reminder == null) {
            return "none";
        }
        return reminder.windowPercent() != null ? "when " + reminder.windowPercent() + "% of the window has passed"
                : reminder.beforeDeadline().toMinutes() + " business minutes before the deadline";
    }

    private static String reassign(ReassignTerms reassign) {
        return reassign == null || !reassign.enabled() ? "off"
                : "on, at most " + reassign.maxTimes() + " times";
    }

    private static String commitment(Commitment commitment) {
        return commitment.team().label() + ": " + commitment.what() + " (" + commitment.byWhen() + ")";
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
