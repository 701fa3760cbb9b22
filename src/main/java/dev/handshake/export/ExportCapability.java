package dev.handshake.export;

import dev.handshake.people.PeopleCapability;
import dev.handshake.stats.Stats;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The export capability: {@code /sla export} and the outbox handler that uploads the CSV. */
public final class ExportCapability {

    private ExportCapability() {}

    /**
     * {@code stats} tells when each rejection's follow-up was due, which the CSV shows; {@code people} who may
     * export (the agreement's export audience: the CSV holds leads' personal data).
     */
    public static void wire(Foundation base, Wiring wiring, Stats stats, PeopleCapability people) {
        ExportCommand export = new ExportCommand(new HandoffExport(base.database().jdbi(), base.zone(),
                stats.followUpClock(), base.clock()), base.slack(), base.outbox(), base.clock(), base.zone(),
                new ExportCommand.Who(base.agreement().exportAudience(), people.membership(), people.audiences(),
                        base.afterAck(), base.replies()));
        wiring.handlers(export::register);
        wiring.command(export.command());
    }
}
