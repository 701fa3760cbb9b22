package dev.handshake.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace's side of the demo's data, next to the app's database: messages, App Homes, files, whether the
 * sample story is complete and how far the demo clock is ahead. Saved a moment after each change (and at once when
 * the clock moves or the demo stops), by writing a new file and moving it over the old one. Thread-safe.
 */
final class WorkspaceFile implements AutoCloseable {

    static final Duration SAVE_DELAY = Duration.ofMillis(300);
    private static final int FORMAT = 1;
    private static final Logger log = LoggerFactory.getLogger(WorkspaceFile.class);

    /** What is saved. */
    record Saved(int format, boolean seeded, long clockOffsetMillis, Map<String, List<Messages.Message>> messages,
            Map<String, Views.View> homes, Map<String, Uploads.Upload> files) {}

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-save");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private Workspace workspace;
    private DemoClock clock;

    WorkspaceFile(Path file) {
        this.file = Objects.requireNonNull(file, "file == null");
    }

    /** What was saved last time; empty when there is no file (or it cannot be read as one). */
    Optional<Saved> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Saved saved = json.readValue(file.toFile(), Saved.class);
            return saved.format() == FORMAT ? Optional.of(saved) : Optional.empty();
        } catch (IOException e) {
            log.warn("The demo's workspace file {} cannot be read ({}); starting over", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Puts a saved workspace back and saves every later change of {@code workspace}. */
    void attach(Workspace target, DemoClock demoClock, Saved saved) {
        this.workspace = Objects.requireNonNull(target, "target == null");
        this.clock = Objects.requireNonNull(demoClock, "demoClock == null");
        if (saved != null) {
            target.messages().restore(saved.messages() == null ? Map.of() : saved.messages());
            target.views().restoreHomes(saved.homes() == null ? Map.of() : saved.homes());
            target.uploads().restore(saved.files() == null ? Map.of() : saved.files());
            if (saved.seeded()) {
                target.markSeeded(true);
            }
        }
        target.changes().onChange(this::saveSoon);
    }

    void saveSoon() {
        if (scheduled.compareAndSet(false, true)) {
            saver.schedule(() -> {
                scheduled.set(false);
                saveQuietly();
            }, SAVE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Saves now, on the caller's thread. */
    synchronized void save() {
        if (workspace == null) {
            return;
        }
        Saved saved = new Saved(FORMAT, workspace.seeded(), clock.offset().toMillis(),
                workspace.messages().snapshot(), workspace.views().homesSnapshot(), workspace.uploads().snapshot());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            json.writeValue(temporary.toFile(), saved);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the demo's workspace to " + file, e);
        }
    }

    private void saveQuietly() {
        try {
            save();
        } catch (RuntimeException e) {
            log.warn("Could not save the demo's workspace: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        saver.shutdown();
        try {
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveQuietly();
    }
}
