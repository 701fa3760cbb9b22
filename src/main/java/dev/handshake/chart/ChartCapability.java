package dev.handshake.chart;

import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsCommand;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/**
 * The numbers shown to people: {@code /sla stats [period]}, and with {@code chart} the period's chart, drawn and sent
 * by direct message through the outbox. Here rather than in the stats capability because a chart is drawn from the
 * stats: the stats do not know charts.
 */
public final class ChartCapability {

    private ChartCapability() {}

    /** Adds {@code /sla stats} and the charts' outbox handler; returns the charts, which the reviews post too. */
    public static PeriodChart wire(Foundation base, Wiring wiring, Stats stats) {
        PeriodChart charts = new PeriodChart(stats, base.agreement(), new ChartRenderer(), base.outbox(),
                base.clock());
        wiring.handlers(outbox -> charts.register(base.slack()));
        wiring.command(new StatsCommand(stats, charts, base.clock(), base.zone()).command());
        return charts;
    }
}
