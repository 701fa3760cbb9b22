package dev.handshake.crm;

import dev.handshake.outbox.FailedCall;
import dev.handshake.outbox.Failure;
import dev.handshake.outbox.Transport;
import java.util.Optional;

/**
 * HubSpot as the outbox sees it: the writer's failures as its handler classified them, and calls on threads of its
 * own, so a slow HubSpot never holds up Slack or the webhooks. Thread-safe.
 */
final class HubSpotTransport implements Transport {

    @Override
    public String name() {
        return HubSpotHandler.DESTINATION;
    }

    @Override
    public Optional<Failure> classify(RuntimeException error) {
        return error instanceof FailedCall failed ? Optional.of(failed.failure()) : Optional.empty();
    }

    @Override
    public int senders() {
        return HubSpotHandler.LANES;
    }
}
