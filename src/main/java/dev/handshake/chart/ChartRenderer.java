package dev.handshake.chart;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders charts, and degrades when the machine cannot: without any installed font, Java's text drawing fails
 * ("No physical fonts found", or a NullPointerException in its font configuration on slim images). Then there is no
 * chart, a log line names the fix once, and whatever carried the chart goes out without it. Thread-safe.
 */
public final class ChartRenderer {

    private static final Logger log = LoggerFactory.getLogger(ChartRenderer.class);

    private final AtomicBoolean reported = new AtomicBoolean();

    public ChartRenderer() {
        if (System.getProperty("java.awt.headless") == null) {
            // A server has no display; without this, a JVM started with DISPLAY set would try to open one.
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The PNG, or empty when this machine cannot draw one (logged once, with the fix). */
    public Optional<byte[]> png(ChartData data) {
        try {
            return Optional.of(NumbersChart.png(NumbersChart.build(data)));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error | RuntimeException e) {
            if (reported.compareAndSet(false, true)) {
                if (isFontProblem(e)) {
                    log.warn("Charts are off: Java found no font to draw text with ({}). Install one, e.g. "
                            + "`apt-get install fonts-dejavu-core` on Debian or Ubuntu, and restart; until then reviews "
                            + "and /sla stats charts go out without a picture", e.toString());
                } else {
                    log.warn("Charts are off: drawing one failed; reviews and /sla stats charts go out without a "
                            + "picture until the app restarts", e);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether the failure comes from Java's fonts (none installed, or no fontconfig on a slim image). */
    static boolean isFontProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("font")) {
                return true;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("sun.font.") || frame.getClassName().contains("FontConfiguration")) {
                    return true;
                }
            }
        }
        return false;
    }
}
