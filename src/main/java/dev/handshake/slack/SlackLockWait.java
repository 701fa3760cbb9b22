package dev.handshake.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import dev.handshake.db.Busy;
import dev.handshake.db.LockWait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware that gives every Slack request's database writes {@link #LIMIT} to get the write lock instead of
 * the busy timeout, so that Slack (which gives up after 3 seconds) always gets an answer; a write that gave up and
 * was not answered by its listener gets "try again" here: in the slash command's reply, on the clicked message
 * (ephemeral, through its response URL, queued in the outbox: it waits in the writer's queue for the lock too, and
 * is sent once the database takes writes again), or as an error on the submitted modal's first input.
 */
final class SlackLockWait implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(SlackLockWait.class);

    /** Within Slack's 3 seconds with room for the rest of the request and the network. */
    static final Duration LIMIT = Duration.ofMillis(1500);
    static final String TRY_AGAIN = "Handshake's database is busy right now, so nothing was changed. "
            + "Please try again in a few seconds.";

    private final LockWait lockWait;
    private final Replies replies;

    SlackLockWait(LockWait lockWait, Replies replies) {
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
        this.replies = Objects.requireNonNull(replies, "replies == null");
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        try {
            return lockWait.atMost(LIMIT, () -> chain.next(req));
        } catch (Exception e) {
            if (!Busy.isBusy(e)) {
                throw e;
            }
            Response answer = tryAgain(req);
            if (answer == null) {
                throw e;
            }
            log.warn("Answered a Slack {} with \"try again\": the database stayed locked for {} ms",
                    req.getRequestType(), LIMIT.toMillis());
            return answer;
        }
    }

    /** The "try again" answer for this kind of request, or null when there is no way to show one. */
    private Response tryAgain(Request<?> req) {
        if (req instanceof SlashCommandRequest command) {
            return command.getContext().ack(r -> r.responseType("ephemeral").text(TRY_AGAIN));
        }
        if (req instanceof BlockActionRequest action) {
            if (action.getPayload().getResponseUrl() != null
                    && replies.tell(action.getPayload().getResponseUrl(), action.getPayload().getUser().getId(),
                            TRY_AGAIN).isCompletedExceptionally()) {
                // The database cannot even queue "try again" (PostgreSQL unreachable): a failed acknowledgement is
                // the one way left to show the rep that the click did nothing, and Slack shows it on the message.
                return Response.builder().statusCode(503).body("").build();
            }
            return action.getContext().ack();
        }
        if (req instanceof ViewSubmissionRequest submission) {
            String blockId = firstInput(submission.getPayload().getView().getBlocks());
            return blockId == null ? null : submission.getContext().ackWithErrors(Map.of(blockId, TRY_AGAIN));
        }
        return null;
    }

    private static String firstInput(List<LayoutBlock> blocks) {
        if (blocks == null) {
            return null;
        }
        return blocks.stream().filter(InputBlock.class::isInstance).map(b -> ((InputBlock) b).getBlockId())
                .filter(Objects::nonNull).findFirst().orElse(null);
    }
}
