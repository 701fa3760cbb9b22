package dev.handshake.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private static final int LIMIT = 64 * 1024;

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @Test
    void aBodyUnderTheLimitIsReadWhole() throws IOException {
        byte[] body = bytes(LIMIT - 1);

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), LIMIT)).hasValueSatisfying(
                read -> assertThat(read).isEqualTo(body));
    }

    @Test
    void aBodyExactlyAtTheLimitIsReadWhole() throws IOException {
        byte[] body = bytes(LIMIT);

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), LIMIT)).hasValueSatisfying(
                read -> assertThat(read).isEqualTo(body));
    }

    @Test
    void aBodyOneByteOverTheLimitIsRefused() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(bytes(LIMIT + 1)), LIMIT)).isEmpty();
    }

    @Test
    void anEmptyBodyIsEmptyBytesNotARefusal() throws IOException {
        assertThat(BoundedBody.read(InputStream.nullInputStream(), LIMIT)).hasValueSatisfying(
                read -> assertThat(read).isEmpty());
    }

    @Test
    void aBodyArrivingInSmallPiecesIsReassembledInOrder() throws IOException {
        byte[] body = bytes(10_000);
        InputStream trickle = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < body.length ? body[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= body.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 7), body.length - next);
                System.arraycopy(body, next, b, off, n);
                next += n;
                return n;
            }
        };

        Optional<byte[]> read = BoundedBody.read(trickle, LIMIT);

        assertThat(read).hasValueSatisfying(r -> assertThat(r).isEqualTo(body));
    }

    @Test
    void aHugeBodyStopsBeingReadSoonAfterTheLimit() throws IOException {
        CountingEndlessStream huge = new CountingEndlessStream(1L << 30);

        assertThat(BoundedBody.read(huge, LIMIT)).isEmpty();
        assertThat(huge.bytesRead).isGreaterThan(LIMIT).isLessThanOrEqualTo(LIMIT + 8192L);
    }

    /** A stream of {@code length} bytes that counts how many were handed out. */
    private static final class CountingEndlessStream extends InputStream {

        private final long length;
        long bytesRead;

        CountingEndlessStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (bytesRead >= length) {
                return -1;
            }
            bytesRead++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (bytesRead >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - bytesRead);
            Arrays.fill(b, off, off + n, (byte) 'x');
            bytesRead += n;
            return n;
        }
    }
}
