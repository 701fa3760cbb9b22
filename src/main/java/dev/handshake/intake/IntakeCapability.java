package dev.handshake.intake;

import dev.handshake.handoff.HandoffCapability;
import dev.handshake.http.BearerToken;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/**
 * The mapped intake capability: {@code POST /handoffs/<source>}, a CRM's or marketing automation's own payload
 * mapped by the agreement's {@code intake:} section into a handoff.
 */
public final class IntakeCapability {

    private IntakeCapability() {}

    /** {@code intake} is the bearer token the endpoint requires, or null while intake is off (it answers 503). */
    public static void wire(Foundation base, Wiring wiring, BearerToken intake, HandoffCapability handoffs) {
        wiring.endpoint("/handoffs/*", new SourceIntakeServlet(intake,
                new MappedIntake(base.agreement(), handoffs.parser()), handoffs.receipt()));
    }
}
