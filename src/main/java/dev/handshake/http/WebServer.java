package dev.handshake.http;

import jakarta.servlet.http.HttpServlet;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The embedded Jetty 12 server: one servlet context, JSON error pages, no server banner, bounded bodies. */
public final class WebServer {

    /** No endpoint accepts more than this; endpoints may set tighter limits. */
    static final long MAX_REQUEST_BYTES = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;

    public WebServer(int port) {
        // Jetty's default job queue (BlockingArrayQueue) sizes itself by starting the JMX platform MBean server,
        // about a tenth of a second of CPU at start-up; a plain unbounded queue behaves the same without it.
        QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000, new LinkedBlockingQueue<>());
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(null);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        server.setErrorHandler(new JsonErrorHandler.ServerLevel());
        SizeLimitHandler whileRead = new SizeLimitHandler(MAX_REQUEST_BYTES, -1);
        whileRead.setHandler(context);
        server.setHandler(new OversizedBody(MAX_REQUEST_BYTES, whileRead));
        server.setStopTimeout(5_000);
    }

    public void mount(String path, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), path);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void stop() throws Exception {
        server.stop();
    }
}
