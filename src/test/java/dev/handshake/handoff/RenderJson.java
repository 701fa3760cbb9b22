package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads rendered blocks back the way Slack receives them: serialized to JSON, then parsed. */
final class RenderJson {

    /** The markup the renderers are allowed to write themselves; any other {@code <} came from user text. */
    private static final Pattern APP_MARKUP = Pattern.compile(String.join("|",
            "<@[UW][A-Z0-9]+>",
            "<!date\\^\\d+\\^[^|<>]+\\|[^|<>]+>",
            "<!subteam\\^S[A-Z0-9]+>",
            "<#[CG][A-Z0-9]+>",
            "<https?://[^|<>\\s]+\\|Open in CRM>",
            "<mailto:[^|<>\\s]+\\|[^|<>\\s]+>",
            "<tel:\\+?[0-9]+(;ext=[0-9]+)?\\|[0-9 ()+.#a-zA-Z-]+>"));
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)>");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RenderJson() {}

    static String json(Object blocksOrView) {
        return GsonFactory.createSnakeCase().toJson(blocksOrView);
    }

    static JsonNode tree(Object blocksOrView) {
        try {
            return MAPPER.readTree(json(blocksOrView));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every string value anywhere in the serialized blocks. */
    static List<String> strings(Object blocksOrView) {
        List<String> out = new ArrayList<>();
        collect(tree(blocksOrView), out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collect(child, out));
    }

    /** The blocks of one type, e.g. "section" or "actions". */
    static List<JsonNode> blocks(Rendered rendered, String type) {
        List<JsonNode> out = new ArrayList<>();
        tree(rendered.blocks()).forEach(b -> {
            if (type.equals(b.path("type").asText())) {
                out.add(b);
            }
        });
        return out;
    }

    static List<String> sectionTexts(Rendered rendered) {
        return blocks(rendered, "section").stream()
                .filter(b -> b.has("text"))
                .map(b -> b.path("text").path("text").asText())
                .toList();
    }

    static List<String> fieldTexts(Rendered rendered) {
        List<String> out = new ArrayList<>();
        blocks(rendered, "section").forEach(b -> b.path("fields").forEach(f -> out.add(f.path("text").asText())));
        return out;
    }

    static List<String> contextTexts(Rendered rendered) {
        List<String> out = new ArrayList<>();
        blocks(rendered, "context").forEach(b -> b.path("elements").forEach(e -> out.add(e.path("text").asText())));
        return out;
    }

    /** Every text a reader sees: section texts, fields and context lines, in order. */
    static String visibleText(Rendered rendered) {
        List<String> all = new ArrayList<>(sectionTexts(rendered));
        all.addAll(fieldTexts(rendered));
        all.addAll(contextTexts(rendered));
        return String.join("\n", all);
    }

    static List<JsonNode> buttons(Rendered rendered) {
        List<JsonNode> out = new ArrayList<>();
        blocks(rendered, "actions").forEach(b -> b.path("elements").forEach(out::add));
        return out;
    }

    /** The action ids of the elements of the rendered message's actions blocks, in order. */
    static List<String> actionIds(Rendered rendered) {
        return buttons(rendered).stream().map(element -> element.path("action_id").asText()).toList();
    }

    /**
     * Fails unless every {@code <} and {@code >} in the output (blocks and fallback text) belongs to markup the
     * app wrote, and every user mention is one of {@code allowedUsers}.
     */
    static void assertOnlyAppMarkup(Rendered rendered, Set<String> allowedUsers) {
        List<String> all = new ArrayList<>(strings(rendered.blocks()));
        all.add(rendered.text());
        assertOnlyAppMarkup(all, allowedUsers);
    }

    static void assertOnlyAppMarkup(List<String> strings, Set<String> allowedUsers) {
        for (String s : strings) {
            String rest = APP_MARKUP.matcher(s).replaceAll("");
            assertThat(rest).as("outside app markup in: %s", s).doesNotContain("<", ">");
            Matcher mention = MENTION.matcher(s);
            while (mention.find()) {
                assertThat(allowedUsers).as("mention in: %s", s).contains(mention.group(1));
            }
        }
    }

    /** Fails on a lone UTF-16 surrogate, as left by cutting an emoji in half. */
    static void assertNoBrokenSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                        .as("high surrogate at %d is followed by its low surrogate", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }

    /** Fails unless the message keeps to Slack's Block Kit limits and has no broken characters. */
    static void assertWithinLimits(Rendered rendered) {
        assertThat(rendered.text()).isNotBlank().hasSizeLessThanOrEqualTo(3000);
        assertNoBrokenSurrogates(rendered.text());
        assertThat(rendered.blocks()).hasSizeLessThanOrEqualTo(50);
        assertThat(sectionTexts(rendered)).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(3000));
        assertThat(contextTexts(rendered)).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(3000));
        assertThat(fieldTexts(rendered)).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(2000));
        blocks(rendered, "section").forEach(b -> assertThat(b.path("fields").size()).isLessThanOrEqualTo(10));
        buttons(rendered).forEach(b -> assertThat(b.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(75));
        strings(rendered.blocks()).forEach(RenderJson::assertNoBrokenSurrogates);
    }

    /** About {@code length} UTF-16 units of emoji, after one letter when {@code shifted}, so cuts fall inside emoji. */
    static String huge(int length, boolean shifted) {
        return (shifted ? "a" : "") + "😀".repeat(length / 2);
    }
}
