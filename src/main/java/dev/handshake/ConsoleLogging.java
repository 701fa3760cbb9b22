package dev.handshake;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The app's logging: one line per event on the console, libraries at WARN. Found by logback as a service; a
 * configuration file given the usual way ({@code -Dlogback.configurationFile}, or {@code logback-test.xml} or
 * {@code logback.xml} on the classpath) replaces it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    // In code rather than in logback.xml: reading an XML configuration costs the app about half a second of start-up.
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{24} - "
            // %replace keeps one log line per event even if a message carries user-supplied line breaks
            + "%replace(%msg){'[\\r\\n]+', ' '}%n%ex{short}";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configurationFileGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up the console appender and the levels; what {@code configure} does when no file is given. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("com.slack.api").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        // Logs a stack trace when the first connection fails; the app says which database and why, in one line.
        context.getLogger("com.zaxxer.hikari.pool.HikariPool").setLevel(Level.OFF);
        // Warns with the whole request body when it cannot tell what a request is: payloads stay out of the log
        context.getLogger("com.slack.api.bolt.util.SlackRequestParser").setLevel(Level.ERROR);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }

    private static boolean configurationFileGiven() {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        return System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null
                || loader.getResource(ClassicConstants.AUTOCONFIG_FILE) != null;
    }
}
