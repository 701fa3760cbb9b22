package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code webhooks:}, the endpoints every handoff event is sent to: each with a unique name, an https URL (http
 * only on this machine), the kinds of event it wants and the environment variable holding its secret. Also reads
 * the event lists and retry limits the HubSpot writer shares.
 */
final class WebhooksReader {

    static final String ALL = "all";
    static final Duration DEFAULT_RETRY = Duration.ofHours(72);
    static final int MAX_RETRY_HOURS = 720;
    static final int DEFAULT_CONCURRENCY = 8;
    static final int MAX_CONCURRENCY = 32;
    static final int DEFAULT_TIMEOUT_SECONDS = 15;
    static final int MAX_TIMEOUT_SECONDS = 60;
    /** The HubSpot writer's name where endpoints are named (the health page, {@code webhooks redeliver}). */
    static final String RESERVED = "hubspot";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> ENDPOINT_KEYS = Set.of("name", "url", "events", "secret_env", "retry_hours",
            "concurrency", "timeout_seconds");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final Problems problems;

    WebhooksReader(Problems problems) {
        this.problems = problems;
    }

    /** The endpoints in the order written; empty when there is no {@code webhooks:}. */
    List<WebhookEndpoint> read(Fields top) {
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (top.isEmpty("webhooks")) {
            problems.report(top.at("webhooks"), "has no value; list the endpoints, or leave out webhooks:");
            return endpoints;
        }
        for (Fields endpoint : top.list("webhooks", false, ENDPOINT_KEYS)) {
            WebhookEndpoint read = endpoint(endpoint, names);
            if (read != null) {
                endpoints.add(read);
            }
        }
        return endpoints;
    }

    private WebhookEndpoint endpoint(Fields endpoint, Set<String> names) {
        String name = endpoint.text("name");
        if (name != null && !NAME.matcher(name).matches()) {
            problems.report(endpoint.at("name"), Values.quote(name) + " cannot be an endpoint name: use 1 to 40 "
                    + "lower-case letters, digits, - and _");
            name = null;
        } else if (RESERVED.equals(name)) {
            problems.report(endpoint.at("name"), "\"hubspot\" names the built-in HubSpot writer (hubspot:); "
                    + "give this endpoint another name");
            name = null;
        } else if (name != null && !names.add(name)) {
            problems.report(endpoint.at("name"), "another endpoint is already named " + Values.quote(name));
            name = null;
        }
        URI url = url(endpoint);
        Events events = events(endpoint, "events");
        String secretEnv = secretEnv(endpoint);
        Duration retryFor = retryHours(endpoint);
        Integer concurrency = between(endpoint, "concurrency", DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
        Integer timeout = between(endpoint, "timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS);
        if (name == null || url == null || events == null || secretEnv == null || retryFor == null
                || concurrency == null || timeout == null) {
            return null;
        }
        return new WebhookEndpoint(name, url, events.all(), events.kinds(), secretEnv, retryFor, concurrency,
                Duration.ofSeconds(timeout));
    }

    private URI url(Fields endpoint) {
        String text = endpoint.text("url");
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            problems.report(endpoint.at("url"), "is not a valid URL: " + e.getReason());
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.report(endpoint.at("url"), "must be an https URL such as https://hooks.example.com/handshake");
            return null;
        }
        if (url.getUserInfo() != null) {
            problems.report(endpoint.at("url"), "must not carry a user name or password; the receiver checks the "
                    + "signature instead");
            return null;
        }
        if (scheme.equals("http") && !LOCAL_HOSTS.contains(url.getHost().toLowerCase(Locale.ROOT))) {
            problems.report(endpoint.at("url"), "must use https: events carry leads' details, so plain http is "
                    + "allowed only for a receiver on this machine (localhost)");
            return null;
        }
        if (url.getFragment() != null) {
            problems.report(endpoint.at("url"), "must not have a #fragment");
            return null;
        }
        return url;
    }

    private String secretEnv(Fields endpoint) {
        String name = endpoint.text("secret_env");
        if (name == null) {
            return null;
        }
        if (name.startsWith("whsec_")) {
            problems.report(endpoint.at("secret_env"), "is the secret itself, which must not be in this file: put "
                    + "it in an environment variable and name that variable here");
            return null;
        }
        if (!ENV_NAME.matcher(name).matches()) {
            problems.report(endpoint.at("secret_env"), "must be the name of an environment variable (letters, "
                    + "digits and _), such as REVOPS_WEBHOOK_SECRET; was " + Values.quote(name));
            return null;
        }
        return name;
    }

    /** Which kinds of event: {@code all}, or a list of kinds. */
    record Events(boolean all, Set<String> kinds) {}

    /** {@code all} or a non-empty list of known event kinds; null after reporting a problem. */
    Events events(Fields fields, String key) {
        if (!fields.require(key)) {
            return null;
        }
        JsonNode value = fields.value(key);
        if (value.isTextual() && ALL.equals(value.textValue().strip())) {
            return new Events(true, Set.of());
        }
        if (!value.isArray()) {
            problems.report(fields.at(key), "must be \"all\" or a list of event kinds such as [accepted, rejected], "
                    + "was " + Values.describe(value, problems, fields.at(key)));
            return null;
        }
        Set<String> kinds = new LinkedHashSet<>();
        boolean valid = true;
        for (Fields.Located kind : fields.located(key, true)) {
            if (!kind(kind.text(), kind.at())) {
                valid = false;
            } else if (!kinds.add(kind.text())) {
                problems.report(kind.at(), Values.quote(kind.text()) + " is listed twice");
                valid = false;
            }
        }
        return valid && !kinds.isEmpty() ? new Events(false, kinds) : null;
    }

    /** Whether {@code kind} is one the ledger records; reports it when not. */
    boolean kind(String kind, NodePath at) {
        if (EventKinds.KNOWN.contains(kind)) {
            return true;
        }
        if (ALL.equals(kind)) {
            problems.report(at, "\"all\" stands alone: write events: all, not a list containing it");
            return false;
        }
        String closest = Values.closest(kind, EventKinds.KNOWN);
        problems.report(at, "unknown event " + Values.quote(kind) + (closest != null
                ? "; did you mean " + Values.quote(closest) + "?"
                : "; the events are " + String.join(", ", EventKinds.KNOWN)));
        return false;
    }

    /** {@code retry_hours}: how long failing deliveries are retried (decimals allowed); 72 hours by default. */
    Duration retryHours(Fields fields) {
        if (!fields.has("retry_hours")) {
            if (fields.isEmpty("retry_hours")) {
                problems.report(fields.at("retry_hours"), "has no value; leave it out for 72 hours");
                return null;
            }
            return DEFAULT_RETRY;
        }
        BigDecimal hours = fields.number("retry_hours", true);
        if (hours == null) {
            return null;
        }
        if (hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(MAX_RETRY_HOURS)) > 0) {
            problems.report(fields.at("retry_hours"), "must be more than 0 and at most " + MAX_RETRY_HOURS
                    + " hours, was " + hours.toPlainString());
            return null;
        }
        long seconds = hours.multiply(SECONDS_PER_HOUR).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private Integer between(Fields fields, String key, int fallback, int min, int max) {
        Integer value = fields.whole(key, fallback);
        if (value != null && (value < min || value > max)) {
            problems.report(fields.at(key), "must be a whole number from " + min + " to " + max + ", was " + value);
            return null;
        }
        return value;
    }
}
