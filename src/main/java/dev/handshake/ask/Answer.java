package dev.handshake.ask;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A reply to {@code /sla}: the escaped notification fallback {@code text}, the Block Kit {@code blocks}
 * (at most 50), and whether it should be posted in the channel rather than shown only to the asker.
 */
public record Answer(String text, List<LayoutBlock> blocks, boolean share) {

    public Answer {
        Objects.requireNonNull(text, "text == null");
        blocks = List.copyOf(blocks);
    }

    /** The answer as the body of the slash command's acknowledgement: ephemeral, or in the channel when shared. */
    public String json() {
        return Response.json(200, SlashCommandResponse.builder()
                .responseType(share ? "in_channel" : "ephemeral")
                .text(text).blocks(blocks).build()).getBody();
    }
}
