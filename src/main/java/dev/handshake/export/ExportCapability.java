package dev.handshake.export;

import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The export capability: {@code /sla export} and the outbox handler that uploads the CSV. */
public final class ExportCapability {

    private ExportCapability() {}

    public static void wire(Foundation base, Wiring wiring) {
        ExportCommand export = new ExportCommand(new HandoffExport(base.database().jdbi(), base.zone()), base.slack(),
                base.outbox(), base.clock(), base.zone());
        wiring.handlers(export::register);
        wiring.command(export.command());
    }
}
