package dev.handshake.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.handshake.config.Settings;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar handshake.jar demo [--fresh]}: starts the demo on {@code PORT} (3000 by default) with its data in
 * {@code data/}, prints where to open it, and runs until stopped.
 */
public final class DemoCommand {

    private final Map<String, String> env;
    private final Path data;

    public DemoCommand(Map<String, String> env) {
        this(env, Path.of(""));
    }

    /** A demo whose {@code data/} folder is in {@code directory} rather than the working directory. */
    DemoCommand(Map<String, String> env, Path directory) {
        this.env = Map.copyOf(env);
        this.data = directory.resolve("data");
    }

    /** Starts the demo and returns 0 (it keeps running), or an exit code after printing why it cannot start. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean fresh = false;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else {
                err.println("Usage: java -jar handshake.jar demo [--fresh]"
                        + "   (--fresh starts over with new sample data)");
                return 2;
            }
        }
        int port;
        try {
            port = port(env.get(Settings.PORT));
        } catch (IllegalArgumentException e) {
            err.println("Cannot start the demo: " + e.getMessage());
            return 2;
        }
        quietLogs();
        try {
            Demo demo = Demo.start(new Demo.Options(data, port, fresh, true, Clock.systemUTC()));
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
            out.println("Open " + demo.pageUrl());
            return 0;
        } catch (Exception e) {
            err.println("Cannot start the demo: " + (portTaken(e)
                    ? "port " + port + " is in use; stop what uses it, or set PORT to another port"
                    : e.getMessage()));
            return 1;
        }
    }

    private static boolean portTaken(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    static int port(String raw) {
        if (raw == null || raw.isBlank()) {
            return 3000;
        }
        try {
            int port = Integer.parseInt(raw.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Named below with the range.
        }
        throw new IllegalArgumentException(Settings.PORT + " must be a number from 0 to 65535, was \"" + raw + "\"");
    }

    /**
     * The one line the demo prints is the one to read: the app's own progress notes stay out of the console (warnings
     * and errors still show), unless a logging configuration file says otherwise. The bot's first ask for its identity comes a moment before the web server, where the
     * stand-in for Slack answers, is listening; its retry succeeds, so that first miss is not worth a warning here.
     */
    private static void quietLogs() {
        ClassLoader loader = DemoCommand.class.getClassLoader();
        boolean configured = System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && !configured) {
            context.getLogger("dev.handshake").setLevel(Level.WARN);
            context.getLogger("dev.handshake.slack.BotIdentity").setLevel(Level.ERROR);
        }
    }
}
