package dev.handshake.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal blocking HTTP/1.1 client on one persistent keep-alive socket: the load generator's transport, far
 * cheaper in CPU than {@code java.net.http}, so that it takes less of the two cores it shares with the server.
 *
 * <p>It writes each request in one go and reads the whole answer: status line, headers, then a body framed by
 * {@code Content-Length}, {@code Transfer-Encoding: chunked} or (only without either) the end of the connection.
 * After {@code Connection: close}, an I/O error or a malformed answer it closes the socket; the next request opens
 * a new one. Not thread-safe: one per worker.
 */
final class HttpConnection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_LINE = 16 * 1024;

    /**
     * What every request of a run has in common: method, path and the headers that do not vary, encoded once as
     * the request line and those header lines.
     */
    static final class Head {
        private final String method;
        private final String path;
        private final byte[] bytes;

        Head(String method, String path, Map<String, String> headers) {
            this.method = Objects.requireNonNull(method, "method == null");
            this.path = Objects.requireNonNull(path, "path == null");
            StringBuilder text = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> text.append(header(name, value)));
            this.bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }
    }

    /** One request: its head, the headers that vary from one request to the next (e.g. a signature), and the body. */
    record Request(Head head, Map<String, String> headers, byte[] body) {
        Request {
            Objects.requireNonNull(head, "head == null");
            Objects.requireNonNull(headers, "headers == null");
            Objects.requireNonNull(body, "body == null");
        }
    }

    /** An answer: its status and its body (decoded from chunks when it was chunked). */
    record Response(int status, byte[] body) {}

    private final InetSocketAddress server;
    private final byte[] host;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final byte[] in = new byte[16 * 1024];
    private int inPos;
    private int inLimit;
    private byte[] out = new byte[4 * 1024];
    private int outLength;
    private Socket socket;
    private InputStream input;
    private OutputStream output;
    private long opened;

    /** A connection to {@code base}'s host and port (http only); nothing is opened until needed. */
    HttpConnection(URI base, Duration connectTimeout, Duration readTimeout) {
        Objects.requireNonNull(base, "base == null");
        if (!"http".equals(base.getScheme()) || base.getPort() < 0) {
            throw new IllegalArgumentException("need http://host:port, got " + base);
        }
        this.server = new InetSocketAddress(base.getHost(), base.getPort());
        this.host = header("Host", base.getHost() + ":" + base.getPort()).getBytes(StandardCharsets.ISO_8859_1);
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    boolean isOpen() {
        return socket != null;
    }

    /** How many sockets this connection has opened so far. */
    long opened() {
        return opened;
    }

    /** Opens the socket unless it is open already. */
    void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
            s.connect(server, connectTimeoutMillis);
            input = s.getInputStream();
            output = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        inPos = 0;
        inLimit = 0;
        opened++;
    }

    /** Sends the request (opening the socket if needed) and reads the whole answer; closes the socket on failure. */
    Response send(Request request) throws IOException {
        boolean ok = false;
        try {
            open();
            write(request);
            Response response = read(request.head().method());
            ok = true;
            return response;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        input = null;
        output = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is best effort; the next request opens a new socket either way.
            }
        }
    }

    // ---- writing

    private void write(Request request) throws IOException {
        outLength = 0;
        append(request.head().bytes);
        append(host);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            appendAscii(header(h.getKey(), h.getValue()));
        }
        byte[] body = request.body();
        if (body.length > 0 || !"GET".equals(request.head().method()) && !"HEAD".equals(request.head().method())) {
            appendAscii("Content-Length: " + body.length + "\r\n");
        }
        append(CRLF);
        append(body);
        output.write(out, 0, outLength);
        output.flush();
    }

    private void append(byte[] bytes) {
        if (outLength + bytes.length > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLength + bytes.length));
        }
        System.arraycopy(bytes, 0, out, outLength, bytes.length);
        outLength += bytes.length;
    }

    private void appendAscii(String text) {
        append(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String header(String name, String value) {
        if (name.isEmpty() || (name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("bad header: " + name);
        }
        return name + ": " + value + "\r\n";
    }

    // ---- reading

    private Response read(String method) throws IOException {
        while (true) {
            String statusLine = line();
            int status = status(statusLine);
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            long contentLength = -1;
            boolean chunked = false;
            boolean close = http10;
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("bad header line: " + line);
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = contentLength(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                    case "connection" -> {
                        String v = value.toLowerCase(Locale.ROOT);
                        if (v.contains("close")) {
                            close = true;
                        } else if (v.contains("keep-alive")) {
                            close = false;
                        }
                    }
                    default -> { }
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // an interim answer (e.g. 100 Continue); the real one follows
            }
            byte[] body;
            if ("HEAD".equals(method) || status == 204 || status == 304) {
                body = new byte[0];
            } else if (chunked) {
                body = chunks();
            } else if (contentLength >= 0) {
                body = exactly(Math.toIntExact(contentLength));
            } else {
                body = untilEnd();
                close = true;
            }
            if (close) {
                close();
            }
            return new Response(status, body);
        }
    }

    private static int status(String line) throws ProtocolException {
        // "HTTP/1.1 200 OK": the code is the three digits after the first space.
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new ProtocolException("bad status line: " + line);
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad status line: " + line);
        }
    }

    private static long contentLength(String value) throws ProtocolException {
        try {
            long length = Long.parseLong(value);
            if (length < 0) {
                throw new ProtocolException("negative Content-Length: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad Content-Length: " + value);
        }
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + sizeLine);
            }
            if (size < 0) {
                throw new ProtocolException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields: read and ignored
                }
                return body.toByteArray();
            }
            body.write(exactly(size));
            if (!line().isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] exactly(int length) throws IOException {
        byte[] body = new byte[length];
        int at = 0;
        while (at < length) {
            if (inPos == inLimit && !fill()) {
                throw new EOFException("connection closed after " + at + " of " + length + " body bytes");
            }
            int n = Math.min(length - at, inLimit - inPos);
            System.arraycopy(in, inPos, body, at, n);
            inPos += n;
            at += n;
        }
        return body;
    }

    private byte[] untilEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (inPos < inLimit || fill()) {
            body.write(in, inPos, inLimit - inPos);
            inPos = inLimit;
        }
        return body.toByteArray();
    }

    /** One line without its CRLF (a bare LF is accepted too). */
    private String line() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (inPos == inLimit && !fill()) {
                throw new EOFException("connection closed in the middle of the answer's head");
            }
            for (int i = inPos; i < inLimit; i++) {
                if (in[i] == '\n') {
                    int end = i > inPos && in[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(in, inPos, end - inPos, StandardCharsets.ISO_8859_1);
                    inPos = i + 1;
                    if (line == null) {
                        return part;
                    }
                    line.append(part);
                    int last = line.length() - 1;
                    if (end == i && last >= 0 && line.charAt(last) == '\r') {
                        line.setLength(last); // the CR was at the end of the previous buffer
                    }
                    return line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(in, inPos, inLimit - inPos, StandardCharsets.ISO_8859_1));
            inPos = inLimit;
            if (line.length() > MAX_LINE) {
                throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    private boolean fill() throws IOException {
        int n = input.read(in, 0, in.length);
        if (n <= 0) {
            return false;
        }
        inPos = 0;
        inLimit = n;
        return true;
    }
}
