package dev.handshake.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** A small valid agreement for tests to break one piece at a time, and helpers to find lines in it. */
final class AgreementYaml {

    static final String VALID = """
            name: Test SLA
            version: "1.10"
            effective: 2026-07-01
            owners:
              marketing:
                name: Mia Marketing
              sales:
                name: Sam Sales
                slack: U0SAMSALES1
            personas:
              - id: ops-leader
                name: Operations leader
                summary: Runs operations at a shipper.
            stages:
              - id: lead
                name: Lead
                definition: Anyone with a work email.
                entry_criteria: [Filled in a form]
                owner: marketing
                next: mql
              - id: mql
                name: MQL
                aliases: [marketing qualified lead]
                definition: A lead that fits.
                entry_criteria:
                  - Fit score 60 or more
                owner: marketing
                next: sql
              - id: sql
                name: SQL
                definition: Confirmed by an SDR.
                entry_criteria: [Discovery call held]
                owner: sales
            goals:
              period: 2026-Q3
              revenue_target: 1000000
              currency: USD
              team_targets:
                marketing:
                  - name: MQLs
                    value: 600
                    metric: mqls
                sales:
                  - kpi: acceptance
                    value: 45%
              kpis:
                - id: acceptance
                  name: MQL acceptance rate
                  definition: Share of decided MQLs accepted.
                  target: 45% or more
                  metric: acceptance_rate
            handoff:
              stages:
                - stage: mql
                  response_hours: 4
              sales_channel: "#sales-leads"
              marketing_channel: "#marketing-handoffs"
              escalation: S0SALESMGR1
              rejection_reasons:
                - Not a fit
            calendar:
              time_zone: America/Chicago
              hours:
                opens: "09:00"
                closes: "17:30"
            review:
              channel: "#revops"
              thresholds:
                min_lead_to_mql_conversion: 0.2
                min_mql_acceptance_rate: 40%
            """;

    private AgreementYaml() {}

    /** The valid agreement with {@code original} (which must occur exactly once) replaced. */
    static String with(String original, String replacement) {
        return replace(VALID, original, replacement);
    }

    static String replace(String text, String original, String replacement) {
        assertThat(text.split(java.util.regex.Pattern.quote(original), -1))
                .as("occurrences of %s", original).hasSize(2);
        return text.replace(original, replacement);
    }

    /** The 1-based line of the only line of {@code text} containing {@code needle}. */
    static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        int found = 0;
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                found++;
                line = i + 1;
            }
        }
        assertThat(found).as("lines containing %s", needle).isEqualTo(1);
        return line;
    }
}
