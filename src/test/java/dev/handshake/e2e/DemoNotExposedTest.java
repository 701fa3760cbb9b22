package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A normal start serves nothing of the demo: no page, no stand-in for Slack, no page endpoints. */
class DemoNotExposedTest {

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/demo", "/demo/", "/demo/assets/demo.js", "/demo/api/workspace",
            "/demo/api/state?user=U05SDRAVA01", "/demo/files/F0000000001"})
    void answersNotFound(String path) {
        assertThat(app.get(path).statusCode()).isEqualTo(404);
    }

    /** A POST finds nothing there either: the same answer as a path that never existed. */
    @ParameterizedTest
    @ValueSource(strings = {"/demo/slack/api/auth.test", "/demo/api/clock", "/demo/api/type"})
    void hasNoStandInForSlackNorPageEndpoints(String path) {
        int nothing = app.post("/no-such-path", "{}", "application/json", null).statusCode();
        assertThat(nothing).isBetween(404, 405);
        assertThat(app.post(path, "{\"step\":\"quarter\"}", "application/json", null).statusCode())
                .isEqualTo(nothing);
    }
}
