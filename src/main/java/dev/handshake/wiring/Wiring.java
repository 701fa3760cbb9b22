package dev.handshake.wiring;

import com.slack.api.bolt.App;
import dev.handshake.ask.SlaCommand;
import dev.handshake.http.HealthCheck;
import dev.handshake.http.WebServer;
import dev.handshake.lifecycle.Lifecycle;
import dev.handshake.lifecycle.Managed;
import dev.handshake.outbox.Outbox;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What each capability adds to the app at start-up, in one place: its Slack listeners, its HTTP endpoints, its
 * outbox handlers, its health checks, its {@code /sla} commands, its work to finish before the app serves and its
 * parts with threads to start and stop. Outbox handlers are registered, endpoints mounted and start-up work added to
 * the lifecycle as they come; listeners, health checks, commands and parts are kept for the composition root, which
 * builds the Slack app, the health page and the {@code /sla} registry from them once every capability is wired, and
 * starts the parts once the app serves. Used on the start-up thread only.
 */
public final class Wiring {

    private final Outbox outbox;
    private final WebServer web;
    private final Lifecycle lifecycle;
    private final Set<String> paths = new HashSet<>();
    private final List<Consumer<App>> listeners = new ArrayList<>();
    private final List<HealthCheck> healthChecks = new ArrayList<>();
    private final List<SlaCommand> commands = new ArrayList<>();
    private final Set<String> joinedActions = new HashSet<>();
    private final Map<String, Managed> parts = new LinkedHashMap<>();

    public Wiring(Outbox outbox, WebServer web, Lifecycle lifecycle) {
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.web = Objects.requireNonNull(web, "web == null");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle == null");
    }

    /** Slack listeners: registered on the Slack app once it is built. */
    public void listeners(Consumer<App> register) {
        listeners.add(Objects.requireNonNull(register, "register == null"));
    }

    /** Outbox handlers (and transports): registered now, before the dispatcher starts. */
    public void handlers(Consumer<Outbox> register) {
        register.accept(outbox);
    }

    /** An HTTP endpoint; two capabilities cannot serve one path. */
    public void endpoint(String path, HttpServlet servlet) {
        if (!paths.add(path)) {
            throw new IllegalStateException("two endpoints at " + path);
        }
        web.mount(path, Objects.requireNonNull(servlet, "servlet == null"));
    }

    /** A part of {@code GET /health}, shown in the order added. */
    public void health(HealthCheck check) {
        healthChecks.add(Objects.requireNonNull(check, "check == null"));
    }

    /** A {@code /sla} command, shown on the help card in the order added. */
    public void command(SlaCommand command) {
        commands.add(Objects.requireNonNull(command, "command == null"));
    }

    /**
     * Block actions whose listeners act only through write transactions on the request's thread (no Slack call or
     * other effect before one commits): among replicas their replay key is stored in those transactions, one commit
     * per click instead of two.
     */
    public void joinedActions(String... actionIds) {
        joinedActions.addAll(List.of(actionIds));
    }

    /**
     * Work done once at start-up before the app serves (a backfill of stored figures): run in the order added, before
     * the Slack app, the web server and every part.
     */
    public void beforeServing(String name, Runnable work) {
        Objects.requireNonNull(work, "work == null");
        lifecycle.add(name, Managed.of(work::run, () -> { }));
    }

    /**
     * A part with threads or resources (a worker that ticks, a connection): started once the app serves, after the
     * parts added before it, and stopped before them. Kept until {@link #startParts()}.
     */
    public void part(String name, Managed part) {
        Objects.requireNonNull(part, "part == null");
        if (parts.putIfAbsent(Objects.requireNonNull(name, "name == null"), part) != null) {
            throw new IllegalStateException("two parts named " + name);
        }
    }

    /** Adds the parts kept so far to the lifecycle, to start after what it already holds, in the order added. */
    public void startParts() {
        parts.forEach(lifecycle::add);
        parts.clear();
    }

    /** Registers every capability's listeners on the app. */
    public void registerListeners(App app) {
        listeners.forEach(register -> register.accept(app));
    }

    public List<HealthCheck> healthChecks() {
        return List.copyOf(healthChecks);
    }

    public List<SlaCommand> commands() {
        return List.copyOf(commands);
    }

    public Set<String> joinedActions() {
        return Set.copyOf(joinedActions);
    }
}
