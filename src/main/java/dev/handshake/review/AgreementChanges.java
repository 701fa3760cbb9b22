package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Says in plain words what changed between two versions of the agreement. It walks the whole agreement model
 * generically (every component of every record, recursively), so a field added to the model is compared without
 * anyone remembering to: items of a list are matched by their identity (a stage by its id, a target by its name),
 * lists of plain values and sets report what was added and removed, maps are compared key by key, and every changed
 * value is shown old → new in the words of {@link ChangeWords}. Values that are equal once read (a percentage written as 25% or 0.25, a comment,
 * the layout) are not changes.
 */
public final class AgreementChanges {

    private final List<String> lines = new ArrayList<>();
    private final Agreement beforeRoot;
    private final Agreement afterRoot;

    private AgreementChanges(Agreement beforeRoot, Agreement afterRoot) {
        this.beforeRoot = beforeRoot;
        this.afterRoot = afterRoot;
    }

    /** One line per change, old value then new; empty when nothing a reader would notice changed. */
    public static List<String> between(Agreement before, Agreement after) {
        AgreementChanges changes = new AgreementChanges(before, after);
        changes.record("", before, after);
        return List.copyOf(changes.lines);
    }

    /** Compares two records of the same type component by component. */
    private void record(String where, Record before, Record after) {
        for (RecordComponent component : after.getClass().getRecordComponents()) {
            if (ChangeWords.ignored(component)) {
                continue;
            }
            Object was = value(component, before);
            Object now = value(component, after);
            if (same(was, now)) {
                continue;
            }
            String label = ChangeWords.label(where, component);
            value(label, component, before, after, was, now);
        }
    }

    private void value(String label, RecordComponent component, Record beforeParent, Record afterParent, Object was,
            Object now) {
        if (was instanceof Record wasRecord && now instanceof Record nowRecord && !ChangeWords.isWhole(was)) {
            record(label, wasRecord, nowRecord);
        } else if (was instanceof List<?> wasList && now instanceof List<?> nowList) {
            list(label, wasList, nowList);
        } else if (was instanceof Set<?> wasSet && now instanceof Set<?> nowSet) {
            set(label, wasSet, nowSet);
        } else if (was instanceof Map<?, ?> wasMap && now instanceof Map<?, ?> nowMap) {
            map(label, wasMap, nowMap);
        } else {
            String old = ChangeWords.value(component, beforeParent, was, beforeRoot);
            String changed = ChangeWords.value(component, afterParent, now, afterRoot);
            if (!old.equals(changed)) {
                lines.add(label + ": " + old + " → " + changed);
            }
        }
    }

    private void list(String label, List<?> before, List<?> after) {
        Object sample = !after.isEmpty() ? after.get(0) : before.isEmpty() ? null : before.get(0);
        if (sample instanceof Record && ChangeWords.hasIdentity(sample)) {
            keyed(label, before, after);
        } else if (sample instanceof Record && before.size() == after.size()) {
            for (int i = 0; i < after.size(); i++) {
                if (!Objects.equals(before.get(i), after.get(i))) {
                    record(ChangeWords.item(label, (Record) after.get(i), i), (Record) before.get(i),
                            (Record) after.get(i));
                }
            }
        } else if (sample instanceof Record) {
            after.stream().filter(item -> !before.contains(item))
                    .forEach(item -> lines.add(label + ": added " + ChangeWords.describe((Record) item)));
            before.stream().filter(item -> !after.contains(item))
                    .forEach(item -> lines.add(label + ": removed " + ChangeWords.describe((Record) item)));
        } else {
            plainList(label, before, after);
        }
    }

    /** Records matched by identity: added, removed, or compared when present in both. */
    private void keyed(String label, List<?> before, List<?> after) {
        Map<Object, Record> old = byKey(before);
        Map<Object, Record> now = byKey(after);
        if (old.size() != before.size() || now.size() != after.size()) {
            // Two items with one identity cannot be matched; say what was added and removed instead.
            plainList(label, before, after);
            return;
        }
        for (Map.Entry<Object, Record> entry : now.entrySet()) {
            Record was = old.get(entry.getKey());
            if (was == null) {
                lines.add(ChangeWords.identified(label, entry.getValue()) + " added");
            } else if (!was.equals(entry.getValue())) {
                record(ChangeWords.identified(label, entry.getValue()), was, entry.getValue());
            }
        }
        old.forEach((key, was) -> {
            if (!now.containsKey(key)) {
                lines.add(ChangeWords.identified(label, was) + " removed");
            }
        });
        if (old.keySet().equals(now.keySet()) && !List.copyOf(old.keySet()).equals(List.copyOf(now.keySet()))) {
            lines.add(label + ": put in a new order");
        }
    }

    /** Plain values (texts, dates, users): one replaced in place reads old → new, others as added and removed. */
    private void plainList(String label, List<?> before, List<?> after) {
        if (before.size() == after.size() && new TreeSet<>(words(before)).equals(new TreeSet<>(words(after)))) {
            lines.add(label + ": put in a new order");
            return;
        }
        if (before.size() == after.size()) {
            List<Integer> differ = new ArrayList<>();
            for (int i = 0; i < after.size(); i++) {
                if (!Objects.equals(before.get(i), after.get(i))) {
                    differ.add(i);
                }
            }
            if (differ.size() == 1) {
                int i = differ.get(0);
                lines.add(label + ": " + ChangeWords.plain(before.get(i)) + " → " + ChangeWords.plain(after.get(i)));
                return;
            }
        }
        after.stream().filter(item -> !before.contains(item))
                .forEach(item -> lines.add(label + ": added " + ChangeWords.plain(item)));
        before.stream().filter(item -> !after.contains(item))
                .forEach(item -> lines.add(label + ": removed " + ChangeWords.plain(item)));
    }

    private void set(String label, Set<?> before, Set<?> after) {
        ChangeWords.sorted(after).stream().filter(item -> !before.contains(item))
                .forEach(item -> lines.add(label + ": added " + ChangeWords.plain(item)));
        ChangeWords.sorted(before).stream().filter(item -> !after.contains(item))
                .forEach(item -> lines.add(label + ": removed " + ChangeWords.plain(item)));
    }

    /**
     * Entries matched by their key (a mapped field, a sender's value, a HubSpot property), in the order of the keys:
     * added, removed, or compared when present in both.
     */
    private void map(String label, Map<?, ?> before, Map<?, ?> after) {
        Set<Object> keys = new TreeSet<>((a, b) -> ChangeWords.plain(a).compareTo(ChangeWords.plain(b)));
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        for (Object key : keys) {
            Object was = before.get(key);
            Object now = after.get(key);
            String entry = label + " “" + ChangeWords.plain(key) + "”";
            if (was == null) {
                lines.add(entry + " added: " + ChangeWords.plain(now));
            } else if (now == null) {
                lines.add(entry + " removed (was " + ChangeWords.plain(was) + ")");
            } else if (same(was, now)) {
                continue;
            } else if (was instanceof Record wasRecord && now instanceof Record nowRecord && !ChangeWords.isWhole(was)) {
                record(entry, wasRecord, nowRecord);
            } else {
                String old = ChangeWords.plain(was);
                String changed = ChangeWords.plain(now);
                if (!old.equals(changed)) {
                    lines.add(entry + ": " + old + " → " + changed);
                }
            }
        }
    }

    private static List<String> words(Collection<?> items) {
        return items.stream().map(ChangeWords::plain).toList();
    }

    private static Map<Object, Record> byKey(List<?> items) {
        Map<Object, Record> map = new LinkedHashMap<>();
        for (Object item : items) {
            map.putIfAbsent(ChangeWords.identity((Record) item), (Record) item);
        }
        return map;
    }

    /** Equal values; numbers by value, so 0.20 and 0.2 are the same share. */
    private static boolean same(Object a, Object b) {
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of "
                    + record.getClass().getSimpleName(), e);
        }
    }
}
