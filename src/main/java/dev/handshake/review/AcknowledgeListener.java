package dev.handshake.review;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Owner;
import dev.handshake.slack.Replies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The Acknowledge button on an agreement change: only the marketing or sales owner may press it, once each. */
public final class AcknowledgeListener {

    private final AgreementVersions versions;
    private final Agreement agreement;
    private final Replies replies;
    private final Clock clock;

    public AcknowledgeListener(AgreementVersions versions, Agreement agreement, Replies replies, Clock clock) {
        this.versions = Objects.requireNonNull(versions, "versions == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.replies = Objects.requireNonNull(replies, "replies == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public void register(App app) {
        app.blockAction(VersionMessage.ACKNOWLEDGE, this::acknowledge);
    }

    private Response acknowledge(BlockActionRequest req, ActionContext ctx) {
        String user = req.getPayload().getUser().getId();
        String value = req.getPayload().getActions().get(0).getValue();
        Optional<AgreementVersion> version = value != null && value.matches("\\d{1,18}")
                ? versions.find(Long.parseLong(value)) : Optional.empty();
        List<String> roles = new ArrayList<>();
        if (isOwner(agreement.owners().marketing(), user)) {
            roles.add("marketing");
        }
        if (isOwner(agreement.owners().sales(), user)) {
            roles.add("sales");
        }
        String reply;
        if (version.isEmpty()) {
            reply = "This agreement version is no longer known to Handshake.";
        } else if (roles.isEmpty()) {
            reply = "Only the agreement's owners can acknowledge it: the marketing owner and the sales owner named in sla.yml.";
        } else {
            boolean recorded = versions.acknowledge(version.get().id(), roles, user, clock.instant());
            reply = recorded ? null : "You already acknowledged this version.";
        }
        if (reply != null) {
            replies.tell(req.getPayload().getResponseUrl(), user, reply);
        }
        return ctx.ack();
    }

    private static boolean isOwner(Owner owner, String user) {
        return owner != null && user.equals(owner.slackUser());
    }
}
