package dev.handshake.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * How many durable appends a second this disk takes: each writes 4 KiB at the end of a file and forces it, like a
 * WAL commit with {@code synchronous=FULL}. One writer, so this is the ceiling for one-commit-per-request designs.
 */
final class DiskSync {

    private DiskSync() {}

    static double fsyncsPerSecond(Path folder, Duration duration) throws IOException {
        Path file = Files.createTempFile(folder, "fsync", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer page = ByteBuffer.allocate(4096);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            int syncs = 0;
            while (System.nanoTime() < end) {
                page.clear();
                channel.write(page);
                channel.force(false);
                syncs++;
            }
            return syncs / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
