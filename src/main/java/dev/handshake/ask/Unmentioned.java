package dev.handshake.ask;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an answer shared in a channel so it pings nobody: each user mention becomes the person's name, each user
 * group mention the group's handle, as plain text. Names come from what is already known (no Slack call in the
 * acknowledgement); someone not known yet is shown by their member id, which does not ping either.
 */
public final class Unmentioned implements SlaCommandListener.Unmention {

    private static final Pattern MENTION = Pattern.compile(
            "<@([UW][A-Z0-9]{2,30})(?:\\|[^>]*)?>|<!subteam\\^(S[A-Z0-9]{2,30})(?:\\|[^>]*)?>"
                    + "|<!(here|channel|everyone)(?:\\|[^>]*)?>");
    private static final int NAME_LIMIT = 80;

    private final Function<String, Optional<String>> userName;
    private final Function<String, Optional<String>> groupName;

    /** {@code userName} and {@code groupName} answer from what is known, without waiting for Slack. */
    public Unmentioned(Function<String, Optional<String>> userName, Function<String, Optional<String>> groupName) {
        this.userName = Objects.requireNonNull(userName, "userName == null");
        this.groupName = Objects.requireNonNull(groupName, "groupName == null");
    }

    @Override
    public Answer apply(Answer shared) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (LayoutBlock block : shared.blocks()) {
            blocks.add(rewrite(block));
        }
        return new Answer(text(shared.text()), blocks, shared.share());
    }

    private LayoutBlock rewrite(LayoutBlock block) {
        if (block instanceof SectionBlock section) {
            SectionBlock copy = SectionBlock.builder().blockId(section.getBlockId()).text(rewrite(section.getText()))
                    .accessory(section.getAccessory()).build();
            if (section.getFields() != null) {
                copy.setFields(section.getFields().stream().map(this::rewrite).toList());
            }
            return copy;
        }
        if (block instanceof ContextBlock context) {
            return ContextBlock.builder().blockId(context.getBlockId()).elements(context.getElements().stream()
                    .map(element -> element instanceof TextObject text ? rewrite(text) : element).toList()).build();
        }
        return block;
    }

    private TextObject rewrite(TextObject text) {
        if (text instanceof MarkdownTextObject markdown) {
            return MarkdownTextObject.builder().text(text(markdown.getText())).verbatim(markdown.getVerbatim()).build();
        }
        return text;
    }

    /** The mrkdwn with every mention replaced by a name as text. */
    String text(String mrkdwn) {
        if (mrkdwn == null) {
            return null;
        }
        Matcher m = MENTION.matcher(mrkdwn);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown;
            if (m.group(1) != null) {
                shown = userName.apply(m.group(1)).map(name -> Mrkdwn.escapeAndTruncate(name, NAME_LIMIT))
                        .orElse(m.group(1));
            } else if (m.group(2) != null) {
                shown = groupName.apply(m.group(2))
                        .map(name -> "the " + Mrkdwn.escapeAndTruncate(name, NAME_LIMIT) + " group")
                        .orElse("user group " + m.group(2));
            } else {
                shown = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
