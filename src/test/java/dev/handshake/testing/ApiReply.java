package dev.handshake.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** What {@link FakeSlack} sends back for one Web API call, or that it sends nothing at all. */
record ApiReply(int status, String contentType, String body, Map<String, String> headers, String answeredWith) {

    static final String JSON = "application/json; charset=utf-8";

    static ApiReply ok(ObjectNode fields) {
        ObjectNode body = Json.object().put("ok", true);
        body.setAll(fields);
        return new ApiReply(200, JSON, Json.write(body), Map.of(), "ok");
    }

    static ApiReply error(String error) {
        return error(error, List.of());
    }

    /** {@code ok:false}, with Slack's {@code response_metadata.messages} when there are details to give. */
    static ApiReply error(String error, List<String> messages) {
        ObjectNode body = Json.object().put("ok", false).put("error", error);
        if (!messages.isEmpty()) {
            ArrayNode list = body.putObject("response_metadata").putArray("messages");
            messages.forEach(list::add);
        }
        return new ApiReply(200, JSON, Json.write(body), Map.of(), error);
    }

    /** As Slack answers a call the token has no scope for: which scope was needed, which were granted. */
    static ApiReply missingScope(String needed, java.util.Collection<String> provided) {
        ObjectNode body = Json.object().put("ok", false).put("error", "missing_scope").put("needed", needed)
                .put("provided", String.join(",", provided));
        return new ApiReply(200, JSON, Json.write(body), Map.of(), "missing_scope");
    }

    static ApiReply missing(String field) {
        return error("invalid_arguments", List.of("[ERROR] missing required field: " + field));
    }

    static ApiReply forFault(Fault fault) {
        if (fault instanceof Fault.Status s) {
            return new ApiReply(s.httpStatus(), "text/plain; charset=utf-8", "fake slack: HTTP " + s.httpStatus(),
                    Map.of(), "http_" + s.httpStatus());
        }
        if (fault instanceof Fault.RateLimited r) {
            Map<String, String> headers = r.retryAfterSeconds().isPresent()
                    ? Map.of("Retry-After", Integer.toString(r.retryAfterSeconds().getAsInt()))
                    : Map.of();
            return new ApiReply(429, JSON, "{\"ok\":false,\"error\":\"ratelimited\"}", headers, "ratelimited");
        }
        if (fault instanceof Fault.SlackError e) {
            return error(e.error());
        }
        if (fault instanceof Fault.Hang) {
            return new ApiReply(0, null, null, Map.of(), "hang");
        }
        throw new IllegalArgumentException("no reply of its own for " + fault);
    }

    boolean hangs() {
        return status == 0;
    }
}
