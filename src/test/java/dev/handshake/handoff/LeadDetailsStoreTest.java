package dev.handshake.handoff;

import dev.handshake.testing.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lead's phone, CRM id, touches and extra fields, and its intake source, stored in a real migrated SQLite file. */
class LeadDetailsStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-02T15:20:00Z");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private HandoffStore store;

    @BeforeEach
    void openDatabase() {
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("handshake.db")).jdbi();
        store = Stores.handoffStore(jdbi);
    }

    private Handoff receive(NewHandoff request) {
        HandoffStore.Intake intake = store.receive(request, "a".repeat(64), T0,
                new Deadline(T0.plusSeconds(14_400), null), "2026.3", "#sales-leads");
        return ((HandoffStore.Created) intake).handoff();
    }

    @Test
    void everythingTheLeadCarriesComesBackAsSentInTheSameOrder() {
        Lead lead = new Lead("Priya Raman", "priya@cascadehome.example", null, "Cascade Home Goods", null, 64, null,
                null, "+1 (503) 555-0187", "51201",
                List.of(Touch.at(Instant.parse("2026-03-02T15:14:00Z"), "Submitted the rate benchmark form"),
                        Touch.on(LocalDate.parse("2025-11-18"), "Attended the webinar")),
                List.of(new ExtraField("Lead status", "NEW"), new ExtraField("Employees", new BigDecimal("1200")),
                        new ExtraField("Annual revenue", new BigDecimal("310000000.50")),
                        new ExtraField("GDPR consent", true), new ExtraField("Åsa's note", "🚚 <!here> & \"quotes\"")));
        NewHandoff request = new NewHandoff("hs-51201-mql", "mql", lead, null, null, List.of()).from("hubspot");

        Handoff created = receive(request);

        Handoff read = store.find(created.id()).orElseThrow();
        assertThat(read.lead()).isEqualTo(lead);
        assertThat(created.lead()).isEqualTo(lead);
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("""
                        SELECT lead_phone, lead_crm_id, lead_touches, lead_extras, intake_source FROM handoffs""")
                .mapToMap().one());
        assertThat(row).containsEntry("lead_phone", "+1 (503) 555-0187").containsEntry("lead_crm_id", "51201")
                .containsEntry("intake_source", "hubspot")
                .containsEntry("lead_touches", "[{\"at\":\"2026-03-02T15:14:00Z\",\"what\":\"Submitted the rate "
                        + "benchmark form\"},{\"at\":\"2025-11-18\",\"what\":\"Attended the webinar\"}]");
        assertThat((String) row.get("lead_extras")).startsWith("{\"Lead status\":\"NEW\",\"Employees\":1200,");
    }

    @Test
    void aCanonicalLeadWithoutTheNewFieldsStoresEmptyOnes() {
        Lead lead = new Lead("Dana Whitfield", null, null, null, null, null, null, null);

        Handoff created = receive(new NewHandoff("x-1", "mql", lead, null, null, List.of()));

        assertThat(store.find(created.id()).orElseThrow().lead()).isEqualTo(lead);
        String stored = jdbi.withHandle(h -> h.createQuery(
                        "SELECT lead_touches || lead_extras || coalesce(intake_source, 'canonical') FROM handoffs")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("[]{}canonical");
    }
}
