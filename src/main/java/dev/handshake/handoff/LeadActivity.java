package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The parts of a handoff message about what marketing knows beyond the lead's details: its last touches, newest
 * first, and the sender's extra fields under "More".
 */
final class LeadActivity {

    static final int TOUCHES_SHOWN = 3;
    static final int EXTRAS_SHOWN = 8;
    private static final int TOUCH_LIMIT = 250;
    private static final int EXTRA_NAME_LIMIT = 100;
    private static final int EXTRA_VALUE_LIMIT = 300;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private LeadActivity() {}

    /**
     * "*Last touches*" with the newest three, each on its day in {@code zone}, and how many earlier ones were left
     * out; empty when the lead has none. Touches on the same day keep the order they were sent in, later first.
     */
    static Optional<LayoutBlock> touches(Lead lead, ZoneId zone) {
        List<Touch> touches = lead.touches();
        if (touches.isEmpty()) {
            return Optional.empty();
        }
        List<Touch> newestFirst = IntStream.range(0, touches.size()).boxed()
                .sorted(Comparator.<Integer, Instant>comparing(i -> touches.get(i).sortKey(zone))
                        .thenComparing(i -> i).reversed())
                .map(touches::get)
                .toList();
        StringBuilder text = new StringBuilder("*Last touches*");
        newestFirst.stream().limit(TOUCHES_SHOWN).forEach(touch -> text.append("\n• ")
                .append(DAY.format(touch.day(zone))).append(" — ").append(SlackText.line(touch.what(), TOUCH_LIMIT)));
        int earlier = touches.size() - TOUCHES_SHOWN;
        if (earlier > 0) {
            text.append("\n…and ").append(earlier).append(earlier == 1 ? " earlier touch" : " earlier touches");
        }
        return Optional.of(section(s -> s.text(markdownText(text.toString()))));
    }

    /**
     * "*More*" with the first eight extra fields as section fields, then how many more the CSV export holds;
     * empty when the lead has none.
     */
    static List<LayoutBlock> more(Lead lead) {
        List<ExtraField> extras = lead.extras();
        if (extras.isEmpty()) {
            return List.of();
        }
        List<TextObject> fields = new ArrayList<>();
        extras.stream().limit(EXTRAS_SHOWN).forEach(extra -> fields.add(markdownText(
                "*" + SlackText.line(extra.name(), EXTRA_NAME_LIMIT) + "*\n" + value(extra))));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*More*")).fields(fields)));
        int hidden = extras.size() - EXTRAS_SHOWN;
        if (hidden > 0) {
            blocks.add(context(List.of(markdownText("+" + hidden + " more in the CSV export (`/sla export`)"))));
        }
        return blocks;
    }

    private static String value(ExtraField extra) {
        if (extra.value() instanceof Boolean flag) {
            return flag ? "Yes" : "No";
        }
        String text = SlackText.line(extra.text(), EXTRA_VALUE_LIMIT);
        return text.isEmpty() ? "—" : text;
    }
}
