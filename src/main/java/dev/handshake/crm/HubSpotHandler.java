package dev.handshake.crm;

import dev.handshake.agreement.HubSpotTerms;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffEvent;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.HandoffStore.LedgerEntry;
import dev.handshake.outbox.FailedCall;
import dev.handshake.outbox.Failure;
import dev.handshake.outbox.OutboxHandler;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackWebApi;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one event to HubSpot, as the agreement's {@code hubspot.on} says for its kind: a {@link #CONTACT} item
 * sets the contact's properties and owner ({@code PATCH /crm/v3/objects/contacts/{id}}), a {@link #NOTE} item adds
 * a note on it. The contact is the handoff's {@code lead.crm_id}. The owner is found by the person's email: their
 * Slack profile's, looked up among HubSpot's owners. What HubSpot's answers mean: 429 waits as asked; 401 and 403
 * pause the writer (the token is refused or lacks a scope) and probe every {@link #PROBE}; 404 (the contact was
 * deleted or merged) and 400 (a value HubSpot does not accept) are recorded as failed at once; 5xx and network
 * failures back off and retry; every item is given up after the agreement's retry limit. Thread-safe.
 */
final class HubSpotHandler implements OutboxHandler {

    static final String DESTINATION = "hubspot";
    static final String CONTACT = "hubspot_contact";
    static final String NOTE = "hubspot_note";
    /** Lanes the writer spreads handoffs over; with {@link #PACE} they keep it near HubSpot's 10 requests a second. */
    static final int LANES = 2;
    static final Duration PACE = Duration.ofMillis(200);
    static final Duration PROBE = Duration.ofMinutes(5);
    static final Duration DEFAULT_RATE_WAIT = Duration.ofSeconds(10);
    static final Duration CACHE_FOR = Duration.ofHours(1);
    private static final Pattern CONTACT_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Logger log = LoggerFactory.getLogger(HubSpotHandler.class);

    /** A looked-up value and until when it may be used. */
    private record Cached(Optional<String> value, Instant until) {}

    private final boolean note;
    private final HubSpotTerms terms;
    private final HubSpotApi api;
    private final SlackWebApi slack;
    private final HandoffStore handoffs;
    private final DeliveryStatus status;
    private final Clock clock;
    private final Map<String, Cached> emails;
    private final Map<String, Cached> owners;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    private HubSpotHandler(boolean note, HubSpotTerms terms, HubSpotApi api, SlackWebApi slack,
            HandoffStore handoffs, DeliveryStatus status, Clock clock, Map<String, Cached> emails,
            Map<String, Cached> owners) {
        this.note = note;
        this.terms = Objects.requireNonNull(terms, "terms == null");
        this.api = Objects.requireNonNull(api, "api == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.status = Objects.requireNonNull(status, "status == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.emails = emails;
        this.owners = owners;
    }

    /** The contact updater and the note writer, sharing their caches. */
    static Map<String, HubSpotHandler> both(HubSpotTerms terms, HubSpotApi api, SlackWebApi slack,
            HandoffStore handoffs, DeliveryStatus status, Clock clock) {
        Map<String, Cached> emails = new ConcurrentHashMap<>();
        Map<String, Cached> owners = new ConcurrentHashMap<>();
        return Map.of(CONTACT, new HubSpotHandler(false, terms, api, slack, handoffs, status, clock, emails, owners),
                NOTE, new HubSpotHandler(true, terms, api, slack, handoffs, status, clock, emails, owners));
    }

    @Override
    public String transport() {
        return DESTINATION;
    }

    @Override
    public Duration pace() {
        return PACE;
    }

    @Override
    public Duration giveUpAfter() {
        return terms.retryFor();
    }

    /** Failed deliveries stay a quarter, for {@code webhooks redeliver}; done ones as long, for a look back. */
    @Override
    public Duration keepFor() {
        return Crm.KEEP_FOR;
    }

    @Override
    public Sent send(OutboxItem item) {
        Optional<LedgerEntry> entry = handoffs.entry(Long.parseLong(item.detail()));
        Optional<Handoff> handoff = entry.flatMap(e -> handoffs.find(e.handoffId()));
        HubSpotTerms.Update update = entry.map(e -> terms.on().get(e.event().kind())).orElse(null);
        if (handoff.isEmpty() || update == null) {
            return Sent.gaveUp("the event, its handoff or the agreement's hubspot.on mapping for it is gone");
        }
        String contact = handoff.get().lead().crmId();
        if (contact == null || !CONTACT_ID.matcher(contact).matches()) {
            return Sent.gaveUp("lead.crm_id is " + (contact == null ? "empty" : "not a HubSpot contact id (digits)")
                    + ", so there is no contact to write to");
        }
        HandoffEvent event = entry.get().event();
        try {
            if (note) {
                api.addNote(contact, event.at(), NoteText.of(event, handoff.get(), name(event.actor())));
            } else {
                Map<String, String> properties = new LinkedHashMap<>(update.properties());
                ownerId(update, event, handoff.get()).ifPresent(owner -> properties.put("hubspot_owner_id", owner));
                if (!properties.isEmpty()) {
                    api.updateContact(contact, properties);
                }
            }
        } catch (HubSpotApi.Refused refused) {
            throw failed(item, classify(refused, contact));
        } catch (HttpTimeoutException e) {
            throw failed(item, Failure.transientFailure("HubSpot did not answer within "
                    + HubSpotApi.TIMEOUT.toSeconds() + " s", "timeout"));
        } catch (IOException e) {
            throw failed(item, Failure.transientFailure("could not reach HubSpot: " + e.getClass().getSimpleName(),
                    "unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(item, Failure.transientFailure("interrupted: the app is stopping", "interrupted"));
        } catch (SlackCallException e) {
            throw failed(item, Failure.transientFailure("could not read the person's Slack profile: " + e.error(),
                    "slack_" + e.error()));
        }
        status.delivered(clock.instant());
        return Sent.done();
    }

    private Failure classify(HubSpotApi.Refused refused, String contact) {
        int code = refused.status();
        String said = "HubSpot answered " + code + (refused.getMessage().isEmpty() ? "" : ": " + refused.getMessage());
        if (code == 429) {
            Duration wait = RetryAfter.of(refused.headers(), clock.instant()).orElse(
                    "DAILY".equals(refused.category()) ? RetryAfter.MAX : DEFAULT_RATE_WAIT);
            return Failure.retryAfter(wait, "HubSpot rate limit (" + Objects.requireNonNullElse(refused.category(),
                    "429") + "); retrying after " + wait.toSeconds() + " s");
        }
        if (code == 401 || code == 403) {
            return Failure.unauthorized(said, Integer.toString(code), clock.instant().plus(PROBE), code == 401
                    ? "HubSpot refuses HUBSPOT_TOKEN (revoked or rotated): copy the private app's current token "
                            + "into HUBSPOT_TOKEN and restart; updates wait meanwhile"
                    : "give the private app the scopes in docs/CRM.md (crm.objects.contacts.write, "
                            + "crm.objects.owners.read), then restart; updates wait meanwhile");
        }
        if (code == 404) {
            return Failure.permanent("HubSpot has no contact " + contact + " (deleted or merged)", "404",
                    "contact " + contact, "the contact was deleted or merged in HubSpot; nothing to do unless it "
                            + "should exist");
        }
        if (code >= 500 || code == 408) {
            return Failure.transientFailure(said, Integer.toString(code));
        }
        return Failure.permanent(said, Integer.toString(code), "contact " + contact,
                "check the agreement's hubspot.on: HubSpot refused a property or value (see its message)");
    }

    /** Logs and records the failure; an item past its retry limit is given up whatever HubSpot said. */
    private FailedCall failed(OutboxItem item, Failure failure) {
        Instant now = clock.instant();
        status.failed(now, failure.message());
        boolean waits = failure.kind() == Failure.Kind.RETRY_AFTER || failure.kind() == Failure.Kind.UNAUTHORIZED;
        if (waits && Duration.between(item.createdAt(), now).compareTo(terms.retryFor()) > 0) {
            return new FailedCall(Failure.permanent("gave up after " + WebhookHandler.hours(terms.retryFor()) + ": "
                    + failure.message(), failure.code(), "HubSpot", failure.fix() != null ? failure.fix()
                    : "see HubSpot's rate limits for private apps"));
        }
        return new FailedCall(failure);
    }

    /** The owner to set, found by email; empty when the update sets none or nobody matches (logged once). */
    private Optional<String> ownerId(HubSpotTerms.Update update, HandoffEvent event, Handoff handoff)
            throws IOException, InterruptedException, HubSpotApi.Refused {
        if (update.owner() == null) {
            return Optional.empty();
        }
        String person = update.owner() == HubSpotTerms.OwnerFrom.ACTOR ? event.actor() : handoff.assignee();
        if (person == null || !SLACK_USER.matcher(person).matches()) {
            return Optional.empty();
        }
        Optional<String> email = cached(emails, person, () -> slack.person(person).map(SlackWebApi.Person::email));
        if (email.isEmpty()) {
            once("email:" + person, "Slack shows no email for user {}, so the HubSpot owner is left as it is "
                    + "(the app needs the users:read.email scope)", person);
            return Optional.empty();
        }
        Optional<String> owner = cached(owners, email.get().toLowerCase(java.util.Locale.ROOT),
                () -> api.ownerIdByEmail(email.get()));
        if (owner.isEmpty()) {
            once("owner:" + person, "No HubSpot owner has the email of Slack user {}, so the contact's owner is left "
                    + "as it is; add them as a HubSpot user with the same email", person);
        }
        return owner;
    }

    private String name(String actor) {
        if (actor == null || !SLACK_USER.matcher(actor).matches()) {
            return null;
        }
        try {
            return slack.person(actor).map(SlackWebApi.Person::name).orElse(null);
        } catch (SlackCallException e) {
            return null;
        }
    }

    /** A lookup that can fail. */
    @FunctionalInterface
    private interface Lookup {
        Optional<String> get() throws IOException, InterruptedException, HubSpotApi.Refused;
    }

    private Optional<String> cached(Map<String, Cached> cache, String key, Lookup lookup)
            throws IOException, InterruptedException, HubSpotApi.Refused {
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.value();
        }
        Optional<String> value = lookup.get();
        cache.put(key, new Cached(value, now.plus(CACHE_FOR)));
        return value;
    }

    private void once(String key, String message, String user) {
        if (reported.add(key)) {
            log.warn(message, user);
        }
    }
}
