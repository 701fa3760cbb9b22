package dev.handshake.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/** Writes JSON answers with the headers every answer carries. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * Answers 500 for a failure in the app's own code: the error is logged under a new reference, and the answer
     * carries only {@code message} and that reference, never the error itself.
     */
    public static void internalError(HttpServletResponse response, Logger log, String what, Exception error,
            String message) throws IOException {
        String ref = Long.toHexString(ThreadLocalRandom.current().nextLong());
        log.error("{} failed (ref {})", what, ref, error);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", message);
        answer.put("ref", ref);
        write(response, 500, answer);
    }

    static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
