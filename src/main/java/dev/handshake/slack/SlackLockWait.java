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
import dev.handshake.db.OutcomeUnknownException;
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
 * (ephemeral, through its response URL, or in a direct message for a click on the App Home: sent right after the
 * ack without the database, which may be locked), or as an error on the submitted modal's first input. So does a
 * request whose write started but was not confirmed in time, and one whose replay status could not be checked. An
 * event gets no answer of its own: its error makes Slack send it again.
 */
final class SlackLockWait implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(SlackLockWait.class);

    /** Within Slack's 3 seconds with room for the rest of the request and the network. */
    static final Duration LIMIT = Duration.ofMillis(1500);
    static final String TRY_AGAIN = "Handshake's database is busy right now, so nothing was changed. "
            + "Please try again in a few seconds.";
    /** For a click or a modal, where "try again" means clicking again. */
    static final String CLICK_AGAIN = "Handshake's database is busy right now, so nothing was changed. "
            + "Please click again in a moment.";
    static final String UNCONFIRMED = "Handshake's database did not confirm this, so it may or may not have been "
            + "saved. Please check, and click again in a moment if nothing changed.";
    static final String REPLAY_UNKNOWN = "Handshake could not check whether it already handled this request, so "
            + "nothing was changed. Please try again in a moment.";

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
            String message = messageFor(e);
            if (message == null) {
                throw e;
            }
            Response answer = tryAgain(req, message);
            if (answer == null) {
                throw e;
            }
            log.warn("Answered a Slack {} with \"try again\": {}", req.getRequestType(), e.getMessage());
            return answer;
        }
    }

    /** What to tell the user for a failure that a retry can fix, or null for any other failure. */
    private static String messageFor(Exception e) {
        if (e instanceof ReplayStatusUnknownException) {
            return REPLAY_UNKNOWN;
        }
        if (e instanceof OutcomeUnknownException) {
            // Every change a click or a submission makes is a compare-and-set: trying again cannot apply it twice.
            return UNCONFIRMED;
        }
        return Busy.isBusy(e) ? TRY_AGAIN : null;
    }

    private static String forClicks(String message) {
        return TRY_AGAIN.equals(message) ? CLICK_AGAIN : message;
    }

    /** The "try again" answer for this kind of request, or null when there is no way to show one. */
    private Response tryAgain(Request<?> req, String message) {
        if (req instanceof SlashCommandRequest command) {
            return command.getContext().ack(r -> r.responseType("ephemeral").text(message));
        }
        if (req instanceof BlockActionRequest action) {
            replies.tellDespiteTheDatabase(action.getPayload().getResponseUrl(), action.getPayload().getUser().getId(),
                    forClicks(message));
            return action.getContext().ack();
        }
        if (req instanceof ViewSubmissionRequest submission) {
            var view = submission.getPayload().getView();
            String blockId = firstInput(view.getBlocks());
            if (blockId == null && view.getState() != null && view.getState().getValues() != null) {
                blockId = view.getState().getValues().keySet().stream().findFirst().orElse(null);
            }
            return blockId == null ? null : submission.getContext().ackWithErrors(Map.of(blockId, forClicks(message)));
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
