package dev.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ConsoleLogging}: the app's log format and levels, set up without an XML file. */
class ConsoleLoggingTest {

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.apply(context);
        return context;
    }

    @SuppressWarnings("unchecked")
    private static String format(LoggerContext context, Logger logger, Level level, String message) {
        ConsoleAppender<ILoggingEvent> console =
                (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
        Encoder<ILoggingEvent> encoder = console.getEncoder();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, null, null);
        event.setTimeStamp(1_767_225_600_123L);
        event.setThreadName("main");
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void writesOneUtcLinePerEventEvenWhenTheMessageHasLineBreaks() {
        LoggerContext context = configured();

        String line = format(context, context.getLogger("dev.handshake.handoff.Handoffs"), Level.INFO,
                "lead from\r\nform\nfake line");

        assertThat(line).isEqualTo("2026-01-01T00:00:00.123Z INFO  [main] d.h.handoff.Handoffs - lead from form fake line"
                + System.lineSeparator());
    }

    @Test
    void theAppAtInfoAndTheLibrariesAtWarn() {
        LoggerContext context = configured();

        assertThat(context.getLogger("dev.handshake.Handshake").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.slack.api.bolt.App").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.slack.api.bolt.util.SlackRequestParser").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
    }

    @Test
    void aConfigurationFileOnTheClasspathTakesOver() {
        // The tests' logback-test.xml is on the classpath: logback must go on to read it.
        ConsoleLogging logging = new ConsoleLogging();
        LoggerContext context = new LoggerContext();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console")).isNull();
    }
}
