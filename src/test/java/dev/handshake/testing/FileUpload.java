package dev.handshake.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * The bytes posted to an upload URL handed out by {@link FakeSlack}'s {@code files.getUploadURLExternal}.
 *
 * @param fileId the file id the upload URL was issued for
 * @param bytes  the body exactly as received (a copy is returned)
 * @param at     when the upload arrived
 */
public record FileUpload(String fileId, byte[] bytes, Instant at) {

    public FileUpload {
        Objects.requireNonNull(fileId, "fileId == null");
        bytes = Objects.requireNonNull(bytes, "bytes == null").clone();
        Objects.requireNonNull(at, "at == null");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileUpload that
                && fileId.equals(that.fileId) && java.util.Arrays.equals(bytes, that.bytes) && at.equals(that.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileId, java.util.Arrays.hashCode(bytes), at);
    }

    @Override
    public String toString() {
        return "upload " + fileId + " (" + bytes.length + " bytes) @" + at;
    }
}
