package dev.handshake.crm;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.config.InvalidSettingsException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets the agreement's CRM parts need, read from the environment variables it names: each webhook
 * endpoint's signing secret, and {@code HUBSPOT_TOKEN} (a HubSpot private app token) when the agreement has a
 * HubSpot writer; plus {@code HUBSPOT_API_URL}, where HubSpot's API is (tests point it at a stand-in).
 */
record CrmSettings(Map<String, WebhookSecret> secrets, String hubspotToken, URI hubspotApi) {

    static final String HUBSPOT_TOKEN = "HUBSPOT_TOKEN";
    static final String HUBSPOT_API_URL = "HUBSPOT_API_URL";
    static final URI DEFAULT_HUBSPOT_API = URI.create("https://api.hubapi.com/");

    CrmSettings {
        secrets = Map.copyOf(secrets);
    }

    /** Reads and checks them all; throws one exception naming every variable that is missing or wrong. */
    static CrmSettings from(Agreement agreement, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, WebhookSecret> secrets = new LinkedHashMap<>();
        for (WebhookEndpoint endpoint : agreement.webhooks()) {
            String value = env.get(endpoint.secretEnv());
            String named = endpoint.secretEnv() + " (the secret of the webhook endpoint \"" + endpoint.name()
                    + "\" in the agreement)";
            if (value == null || value.isBlank()) {
                problems.add(named + " is not set; set it to the endpoint's whsec_ secret");
                continue;
            }
            try {
                secrets.put(endpoint.name(), WebhookSecret.parse(value));
            } catch (IllegalArgumentException e) {
                problems.add(named + " " + e.getMessage());
            }
        }
        String token = blankToNull(env.get(HUBSPOT_TOKEN));
        if (agreement.hubspot() != null && token == null) {
            problems.add(HUBSPOT_TOKEN + " is not set, but the agreement has hubspot: updates; set it to a HubSpot "
                    + "private app token (see docs/CRM.md for the scopes it needs), or remove hubspot: from the "
                    + "agreement");
        }
        if (token != null && (token.strip().contains(" ") || token.strip().length() < 16)) {
            problems.add(HUBSPOT_TOKEN + " does not look like a HubSpot private app token (one word, such as "
                    + "pat-na1-…); copy it from the private app's Auth tab");
        }
        URI api = DEFAULT_HUBSPOT_API;
        String apiUrl = blankToNull(env.get(HUBSPOT_API_URL));
        if (apiUrl != null) {
            try {
                api = URI.create(apiUrl.strip().endsWith("/") ? apiUrl.strip() : apiUrl.strip() + "/");
                if (!("https".equals(api.getScheme()) || "http".equals(api.getScheme())) || api.getHost() == null) {
                    problems.add(HUBSPOT_API_URL + " must be an http(s) URL such as " + DEFAULT_HUBSPOT_API);
                }
            } catch (IllegalArgumentException e) {
                problems.add(HUBSPOT_API_URL + " is not a valid URL");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new CrmSettings(secrets, token == null ? null : token.strip(), api);
    }

    /** Whether the HubSpot writer runs: the agreement says what to write and a token is set. */
    boolean hubspotEnabled(Agreement agreement) {
        return agreement.hubspot() != null && hubspotToken != null;
    }

    @Override
    public String toString() {
        return "CrmSettings[endpoints=" + secrets.keySet() + ", hubspot=" + (hubspotToken != null) + ", hubspotApi="
                + hubspotApi + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
