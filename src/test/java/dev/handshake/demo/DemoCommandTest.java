package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code demo [--fresh]} refuses what it does not understand before starting anything, and names the problem. */
class DemoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownArgumentShowsTheUsage() {
        int exit = new DemoCommand(Map.of()).run(List.of("--fresh", "--colour"), print(out), print(err));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar handshake.jar demo [--fresh]");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadPortIsNamed() {
        int exit = new DemoCommand(Map.of("PORT", "eighty")).run(List.of(), print(out), print(err));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Cannot start the demo: PORT must be a number from 0 to 65535, was \"eighty\"");
    }

    @Test
    void aPortInUseIsNamedWithTheFix() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("handshake-demo-port");
            int exit = new DemoCommand(Map.of("PORT", Integer.toString(taken.getLocalPort())), dir)
                    .run(List.of(), print(out), print(err));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("port " + taken.getLocalPort()
                    + " is in use; stop what uses it, or set PORT to another port");
        }
    }

    @Test
    void readsThePortLikeTheApp() {
        assertThat(DemoCommand.port(null)).isEqualTo(3000);
        assertThat(DemoCommand.port(" ")).isEqualTo(3000);
        assertThat(DemoCommand.port("8080")).isEqualTo(8080);
        assertThatThrownBy(() -> DemoCommand.port("70000")).hasMessageContaining("was \"70000\"");
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }
}
