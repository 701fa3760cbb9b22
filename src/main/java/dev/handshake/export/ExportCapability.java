package dev.handshake.export;

import dev.handshake.stats.Stats;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The export capability: {@code /sla export} and the outbox handler that uploads the CSV. */
public final class ExportCapability {

    private ExportCapability() {}

    /** {@code stats} tells when each rejection's follow-up was due, which the CSV shows. */
    public static void wire(Foundation base, Wiring wiring, Stats stats) {
        ExportCommand export = new ExportCommand(new HandoffExport(base.database().jdbi(), base.zone(),
                stats.followUpClock(), base.clock()), base.slack(), base.outbox(), base.clock(), base.zone());
        wiring.handlers(export::register);
        wiring.command(export.command());
    }
}
