package dev.handshake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpServer server;
    private ExecutorService executor;
    private URI base;
    /** The client port of each request the server received, in order: equal ports mean one connection. */
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/echo", exchange -> {
            byte[] body = received(exchange);
            String echo = exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                    + "content-type=" + exchange.getRequestHeaders().getFirst("Content-Type") + "\n"
                    + "x-signature=" + exchange.getRequestHeaders().getFirst("X-Signature") + "\n"
                    + "content-length=" + exchange.getRequestHeaders().getFirst("Content-Length") + "\n"
                    + new String(body, StandardCharsets.UTF_8);
            answer(exchange, 200, echo.getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/chunked", exchange -> {
            received(exchange);
            exchange.sendResponseHeaders(200, 0); // length 0 = chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte[] piece : chunkedPieces()) {
                    out.write(piece);
                    out.flush();
                }
            }
        });
        server.createContext("/close", exchange -> {
            received(exchange);
            exchange.getResponseHeaders().set("Connection", "close");
            answer(exchange, 200, "bye".getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/missing", exchange -> {
            received(exchange);
            answer(exchange, 404, "no such thing".getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/empty", exchange -> {
            received(exchange);
            answer(exchange, 204, new byte[0], true);
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void sendsTheHeadTheVaryingHeadersAndTheBodyAndReadsAContentLengthBody() throws IOException {
        HttpConnection.Head head = new HttpConnection.Head("POST", "/echo?x=1", Map.of("Content-Type", "text/plain"));
        try (HttpConnection connection = new HttpConnection(base, TIMEOUT, TIMEOUT)) {
            HttpConnection.Response response = connection.send(new HttpConnection.Request(head,
                    Map.of("X-Signature", "v0=abc"), "héllo wörld".getBytes(StandardCharsets.UTF_8)));

            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("""
                    POST /echo?x=1
                    content-type=text/plain
                    x-signature=v0=abc
                    content-length=13
                    héllo wörld""");
        }
    }

    @Test
    void readsAChunkedBodyOfSeveralChunks() throws IOException {
        try (HttpConnection connection = new HttpConnection(base, TIMEOUT, TIMEOUT)) {
            HttpConnection.Response response = connection.send(get("/chunked"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(concat(chunkedPieces()));
            // and the connection is still in step: the next answer on it is read correctly
            HttpConnection.Response next = connection.send(post("/echo", "after chunks"));
            assertThat(new String(next.body(), StandardCharsets.UTF_8)).endsWith("\nafter chunks");
            assertThat(connection.opened()).isEqualTo(1);
        }
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
    }

    @Test
    void readsChunksWithExtensionsAndTrailersThenTheNextAnswerOnTheSameSocket() throws Exception {
        // Written by hand, so the chunk boundaries are known: three chunks, one with an extension, then a trailer.
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\nworld, 10b\r\n0\r\nX-Trailer: t\r\n\r\n";
        String second = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try (Socket s = raw.accept()) {
                    for (String answer : List.of(chunked, second)) {
                        readHead(s.getInputStream());
                        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    }
                    s.getInputStream().read(); // wait for the client to close
                } catch (IOException e) {
                    // the test's assertions report what went wrong
                }
            });
            serving.start();
            try (HttpConnection connection = new HttpConnection(URI.create("http://127.0.0.1:" + raw.getLocalPort()),
                    TIMEOUT, TIMEOUT)) {
                HttpConnection.Response first = connection.send(get("/a"));
                HttpConnection.Response next = connection.send(get("/b"));

                assertThat(first.status()).isEqualTo(200);
                assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("hello world, 10b");
                assertThat(next.status()).isEqualTo(201);
                assertThat(new String(next.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
                assertThat(connection.opened()).isEqualTo(1);
            }
            serving.join(TIMEOUT.toMillis());
        }
    }

    @Test
    void keepsOneConnectionForManyRequestsOfMixedFraming() throws IOException {
        try (HttpConnection connection = new HttpConnection(base, TIMEOUT, TIMEOUT)) {
            for (int i = 0; i < 20; i++) {
                HttpConnection.Response response = i % 3 == 0 ? connection.send(get("/chunked"))
                        : i % 3 == 1 ? connection.send(post("/echo", "request " + i))
                        : connection.send(get("/empty"));
                assertThat(response.status()).isEqualTo(i % 3 == 2 ? 204 : 200);
                if (i % 3 == 1) {
                    assertThat(new String(response.body(), StandardCharsets.UTF_8)).endsWith("\nrequest " + i);
                }
                if (i % 3 == 2) {
                    assertThat(response.body()).isEmpty();
                }
            }
            assertThat(connection.opened()).isEqualTo(1);
        }
        assertThat(clientPorts).hasSize(20);
        assertThat(clientPorts).containsOnly(clientPorts.get(0));
    }

    @Test
    void opensANewConnectionAfterAnAnswerThatSaysConnectionClose() throws IOException {
        try (HttpConnection connection = new HttpConnection(base, TIMEOUT, TIMEOUT)) {
            assertThat(connection.send(post("/echo", "one")).status()).isEqualTo(200);
            HttpConnection.Response closing = connection.send(post("/close", "two"));
            assertThat(closing.status()).isEqualTo(200);
            assertThat(new String(closing.body(), StandardCharsets.UTF_8)).isEqualTo("bye");
            assertThat(connection.isOpen()).isFalse();

            HttpConnection.Response after = connection.send(post("/echo", "three"));

            assertThat(after.status()).isEqualTo(200);
            assertThat(new String(after.body(), StandardCharsets.UTF_8)).endsWith("\nthree");
            assertThat(connection.opened()).isEqualTo(2);
        }
        assertThat(clientPorts).hasSize(3);
        assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
        assertThat(clientPorts.get(2)).isNotEqualTo(clientPorts.get(1));
    }

    @Test
    void returnsA4xxStatusWithItsBodyAndKeepsTheConnection() throws IOException {
        try (HttpConnection connection = new HttpConnection(base, TIMEOUT, TIMEOUT)) {
            HttpConnection.Response missing = connection.send(post("/missing", "anything"));

            assertThat(missing.status()).isEqualTo(404);
            assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("no such thing");
            assertThat(connection.send(post("/echo", "next")).status()).isEqualTo(200);
            assertThat(connection.opened()).isEqualTo(1);
        }
    }

    @Test
    void anAnswerCutShortIsAnIoErrorAndTheNextRequestReconnects() throws Exception {
        // A raw server: the first connection gets half an answer then is closed; the second gets a whole one.
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread serving = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = raw.accept()) {
                        accepted.incrementAndGet();
                        readHead(s.getInputStream());
                        String answer = i == 0
                                ? "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part"
                                : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nwhole";
                        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serving.start();
            URI rawBase = URI.create("http://127.0.0.1:" + raw.getLocalPort());
            try (HttpConnection connection = new HttpConnection(rawBase, TIMEOUT, TIMEOUT)) {
                assertThatThrownBy(() -> connection.send(get("/")))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("9 of 100");
                assertThat(connection.isOpen()).isFalse();

                HttpConnection.Response second = connection.send(get("/"));

                assertThat(second.status()).isEqualTo(200);
                assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("whole");
                assertThat(connection.opened()).isEqualTo(2);
            }
            serving.join(TIMEOUT.toMillis());
            assertThat(accepted).hasValue(2);
        }
    }

    @Test
    void loadCountsExpectedStatusesOtherStatusesAndEndsWhenTheRequestsRunOut() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        Load.Requests requests = worker -> {
            int i = made.getAndIncrement();
            if (i >= 30) {
                return null;
            }
            return i % 3 == 0 ? post("/missing", "x") : post("/echo", "request " + i);
        };

        Load.LoadResult result = new Load(base, 3).run(Duration.ofMinutes(1), requests, 200);

        assertThat(result.ok()).isEqualTo(20);
        assertThat(result.otherStatus()).isEqualTo(10);
        assertThat(result.failures()).isZero();
        assertThat(result.exhausted()).isTrue();
        assertThat(result.p99Millis()).isPositive();
        // one keep-alive connection per worker
        assertThat(clientPorts).hasSize(30);
        assertThat(clientPorts.stream().distinct().count()).isEqualTo(3);
    }

    // ---- helpers

    private static HttpConnection.Request get(String path) {
        return new HttpConnection.Request(new HttpConnection.Head("GET", path, Map.of()), Map.of(), new byte[0]);
    }

    private static HttpConnection.Request post(String path, String body) {
        return new HttpConnection.Request(new HttpConnection.Head("POST", path, Map.of("Content-Type", "text/plain")),
                Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] received(HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, boolean noBody) throws IOException {
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Pieces larger than the server's chunk buffer and a small one, so the answer has several chunks. */
    private static List<byte[]> chunkedPieces() {
        byte[] big = new byte[20_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        return List.of("first piece;".getBytes(StandardCharsets.UTF_8), big,
                "last piece".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(List<byte[]> pieces) {
        int length = pieces.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
