package dev.handshake.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Files uploaded through Slack's external upload flow: reserved, then received, then shared. Thread-safe. */
final class Uploads {

    // The demo keeps files in memory and in its workspace file, and its web server takes no request over a mebibyte.
    /** Bigger uploads are refused. */
    static final int MAX_BYTES = 1000 * 1000;

    /** An uploaded file; {@code content} is null until the upload URL received it. */
    record Upload(String id, String filename, long length, String title, byte[] content) {}

    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private long ids;

    synchronized String reserve(String filename, long length) {
        String id = "F0" + String.format("%09d", ++ids);
        uploads.put(id, new Upload(id, Objects.requireNonNull(filename, "filename == null"), length, filename, null));
        return id;
    }

    /** Stores the bytes sent to a file's upload URL; false for an unknown file or one already received. */
    synchronized boolean receive(String id, byte[] content) {
        Upload upload = uploads.get(id);
        if (upload == null || upload.content() != null) {
            return false;
        }
        uploads.put(id, new Upload(id, upload.filename(), content.length, upload.title(), content.clone()));
        return true;
    }

    /** Titles a received file; empty when it is unknown or its bytes never arrived. */
    synchronized Optional<Upload> complete(String id, String title) {
        Upload upload = uploads.get(id);
        if (upload == null || upload.content() == null) {
            return Optional.empty();
        }
        Upload titled = new Upload(id, upload.filename(), upload.length(),
                title == null || title.isBlank() ? upload.filename() : title, upload.content());
        uploads.put(id, titled);
        return Optional.of(titled);
    }

    synchronized Optional<Upload> find(String id) {
        return Optional.ofNullable(uploads.get(id));
    }

    synchronized Map<String, Upload> snapshot() {
        Map<String, Upload> received = new LinkedHashMap<>();
        uploads.forEach((id, upload) -> {
            if (upload.content() != null) {
                received.put(id, upload);
            }
        });
        return received;
    }

    synchronized void restore(Map<String, Upload> saved) {
        uploads.clear();
        uploads.putAll(saved);
        saved.keySet().forEach(id -> {
            try {
                ids = Math.max(ids, Long.parseLong(id.substring(2)));
            } catch (RuntimeException e) {
                // Not one of ours: keeps its id, numbering goes on from the others.
            }
        });
    }
}
