package dev.handshake.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/** Answers every request 404 with the reason, for a path that this configuration of the app does not serve. */
public final class NotServed extends HttpServlet {

    private final String reason;

    public NotServed(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason == null");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 404, Map.of("error", reason));
    }
}
