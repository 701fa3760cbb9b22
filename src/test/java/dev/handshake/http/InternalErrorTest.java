package dev.handshake.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InternalErrorTest {

    private final Logger log = (Logger) LoggerFactory.getLogger("InternalErrorTest");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private WebServer web;

    @AfterEach
    void stop() throws Exception {
        log.detachAppender(logged);
        if (web != null) {
            web.stop();
        }
    }

    @Test
    void theAnswerCarriesTheMessageAndAReferenceAndTheLogTheError() throws Exception {
        logged.start();
        log.addAppender(logged);
        web = new WebServer(0);
        web.mount("/fail", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                Json.internalError(response, log, "Test intake", new IllegalStateException("secret detail"),
                        "internal error; nothing was stored");
            }
        });
        web.start();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.port() + "/fail"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.body()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
        JsonNode body = new ObjectMapper().readTree(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("internal error; nothing was stored");
        String ref = body.path("ref").asText();
        assertThat(ref).matches("[0-9a-f]{1,16}");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("Test intake failed (ref " + ref + ")");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret detail");
        });
    }
}
