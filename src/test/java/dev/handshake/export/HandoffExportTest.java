package dev.handshake.export;

import dev.handshake.testing.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import dev.handshake.handoff.Deadline;
import dev.handshake.handoff.ExtraField;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Lead;
import dev.handshake.handoff.NewHandoff;
import dev.handshake.handoff.Touch;
import dev.handshake.stats.FollowUpClock;
import dev.handshake.stats.Period;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's columns for what CRMs send: phone, CRM id and link, touches, intake source and every extra field. */
class HandoffExportTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Instant T0 = Instant.parse("2026-03-02T15:20:00Z");

    @TempDir
    Path dir;

    @Test
    void everyExtraFieldOfThePeriodGetsAColumnInTheOrderNamesFirstAppear() throws Exception {
        Jdbi jdbi = Database.open("jdbc:sqlite:" + dir.resolve("handshake.db")).jdbi();
        HandoffStore store = Stores.handoffStore(jdbi);
        receive(store, new NewHandoff("hs-1-mql", "mql", new Lead("Priya Raman", null, null, null, null, 64, null,
                "https://app.hubspot.com/contacts/1/record/0-1/51201", "+1 (503) 555-0187", "51201",
                List.of(Touch.on(LocalDate.parse("2026-03-02"), "Requested the benchmark")),
                List.of(new ExtraField("Industry", "RETAIL"), new ExtraField("Employees", new BigDecimal("1200")),
                        new ExtraField("=cmd|' /C calc'!A0", "-2+3"))), null, null, List.of()).from("hubspot"));
        receive(store, new NewHandoff("mkto-2-mql", "mql", new Lead("Tomás Ferreira", null, null, null, null, null,
                null, null, null, null, List.of(),
                List.of(new ExtraField("Acquisition program", "Webinar"), new ExtraField("Industry", "Wholesale"),
                        new ExtraField("Opted in", true))), null, null, List.of()).from("marketo"));
        receive(store, new NewHandoff("plain-3", "mql", new Lead("Dana Whitfield", null, null, null, null, null,
                null, null), null, null, List.of()));

        HandoffExport.Result result = export(jdbi)
                .csv(new Period(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), "March 2026"));

        List<Map<String, String>> rows = read(result.csv());
        assertThat(result.handoffs()).isEqualTo(3);
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row).containsEntry("event", "received"));
        assertThat(rows.get(0).keySet()).endsWith("event_detail", "extra.Industry", "extra.Employees",
                "extra.=cmd|' /C calc'!A0", "extra.Acquisition program", "extra.Opted in");
        // A leading + would make a spreadsheet read the phone as a formula; the quote keeps it text.
        assertThat(rows.get(0)).containsEntry("lead_phone", "'+1 (503) 555-0187").containsEntry("lead_crm_id", "51201")
                .containsEntry("lead_crm_url", "https://app.hubspot.com/contacts/1/record/0-1/51201")
                .containsEntry("lead_touches", "[{\"at\":\"2026-03-02\",\"what\":\"Requested the benchmark\"}]")
                .containsEntry("intake_source", "hubspot").containsEntry("extra.Industry", "RETAIL")
                .containsEntry("extra.Employees", "1200").containsEntry("extra.=cmd|' /C calc'!A0", "'-2+3")
                .containsEntry("extra.Acquisition program", "").containsEntry("extra.Opted in", "");
        assertThat(rows.get(1)).containsEntry("intake_source", "marketo").containsEntry("extra.Industry", "Wholesale")
                .containsEntry("extra.Acquisition program", "Webinar").containsEntry("extra.Opted in", "true")
                .containsEntry("extra.Employees", "").containsEntry("lead_touches", "");
        assertThat(rows.get(2)).containsEntry("intake_source", "").containsEntry("lead_phone", "")
                .containsEntry("extra.Industry", "");
    }

    @Test
    void aPeriodWithoutExtraFieldsHasOnlyTheFixedColumns() {
        Jdbi jdbi = Database.open("jdbc:sqlite:" + dir.resolve("handshake.db")).jdbi();
        receive(Stores.handoffStore(jdbi), new NewHandoff("plain-1", "mql", new Lead("Dana Whitfield", null, null, null,
                null, null, null, null), null, null, List.of()));

        String csv = export(jdbi)
                .csv(new Period(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), "March 2026")).csv();

        assertThat(csv.lines().findFirst()).contains(String.join(",", HandoffExport.HEADER));
    }

    /** The export as the app builds it for the example agreement, on a clock a day after the handoffs. */
    private static HandoffExport export(Jdbi jdbi) {
        Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        return new HandoffExport(jdbi, CHICAGO, new FollowUpClock(new BusinessHours(agreement.calendar()),
                agreement.handoff().rejectionFollowup()), Clock.fixed(T0.plusSeconds(86_400), CHICAGO));
    }

    private static void receive(HandoffStore store, NewHandoff request) {
        store.receive(request, request.externalId(), T0, new Deadline(T0.plusSeconds(14_400), null), "2026.3",
                "#sales-leads");
    }

    private static List<Map<String, String>> read(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(mapper.schemaWithHeader()).readValues(csv)) {
            return it.readAll();
        }
    }
}
