package dev.handshake.slack;

import dev.handshake.http.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Slack's part of the health page, from {@link SlackStatus}: the token, and channels the app cannot post to. */
public final class SlackHealth implements HealthCheck {

    private final SlackStatus status;

    public SlackHealth(SlackStatus status) {
        this.status = Objects.requireNonNull(status, "status == null");
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Result check() {
        SlackStatus.Snapshot snapshot = status.snapshot();
        Map<String, Object> details = new LinkedHashMap<>();
        if (!snapshot.problems().isEmpty()) {
            details.put("problems", snapshot.problems().values().stream()
                    .map(p -> Map.of("where", p.where(), "error", p.error(), "fix", p.fix(),
                            "since", p.since().toString()))
                    .toList());
        }
        return new Result(snapshot.status(), details);
    }
}
