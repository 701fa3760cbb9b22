package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import dev.handshake.testing.PackagedApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The smallest kill: a handoff answered 202 survives {@code kill -9} and is posted after the restart. */
class RestartAfterKillIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAnsweredHandoffSurvivesKillNine() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).build()) {
            slack.failAlways("chat.postMessage", Fault.hang()); // the post cannot finish before the kill
            app.start();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(app.base().resolve("/handoffs"))
                    .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"id":"kill-1","stage":"mql","lead":{"name":"Dana Whitfield"},"assignee":"U0123ABCD"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(202);

            app.kill();
            assertThat(app.isAlive()).isFalse();
            slack.clearFaults();
            app.start();

            slack.awaitCall("chat.postMessage", Duration.ofSeconds(20));
            try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                    ResultSet rows = db.createStatement().executeQuery(
                            "SELECT count(*) FROM handoffs WHERE external_id = 'kill-1'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertThat(app.starts()).isEqualTo(2);
        }
    }
}
