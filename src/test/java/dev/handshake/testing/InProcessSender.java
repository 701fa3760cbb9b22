package dev.handshake.testing;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Runs a signed request through a Bolt app in this process, parsed by Bolt's own parser and handled by
 * {@code app.run} (its whole middleware chain) as its servlet would, and gives back the answer as an HTTP response.
 */
final class InProcessSender implements SlackClient.Sender {

    private static final URI EVENTS = URI.create("http://in-process/slack/events");

    private final App app;
    private final SlackRequestParser parser;

    InProcessSender(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public HttpResponse<String> post(String body, Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .queryString(Map.of())
                .headers(new RequestHeaders(multi))
                .requestBody(body)
                .remoteAddress("127.0.0.1")
                .build());
        Response response;
        try {
            response = app.run(request);
        } catch (Exception e) {
            throw new IllegalStateException("the app failed the request: " + e, e);
        }
        Map<String, List<String>> answerHeaders = new HashMap<>(response.getHeaders());
        if (response.getContentType() != null) {
            answerHeaders.put("Content-Type", List.of(response.getContentType()));
        }
        return new Answer(response.getStatusCode(), response.getBody() == null ? "" : response.getBody(),
                HttpHeaders.of(answerHeaders, (name, value) -> true));
    }

    /** Bolt's answer, as the HTTP response its servlet would have written. */
    private record Answer(int statusCode, String body, HttpHeaders headers) implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(EVENTS).POST(HttpRequest.BodyPublishers.noBody()).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return EVENTS;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
