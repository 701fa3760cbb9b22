package dev.handshake.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(new Csv().row(Arrays.asList("a", "b c", null, "")).toString()).isEqualTo("a,b c,,\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(Csv.field("Acme, Inc.")).isEqualTo("\"Acme, Inc.\"");
        assertThat(Csv.field("the \"best\" lead")).isEqualTo("\"the \"\"best\"\" lead\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
        assertThat(Csv.field(" padded ")).isEqualTo("\" padded \"");
    }

    @Test
    void formulasAreNeutralisedForSpreadsheets() {
        assertThat(Csv.field("=HYPERLINK(\"http://evil.example\",\"click\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
        assertThat(Csv.field("+1-555")).isEqualTo("'+1-555");
        assertThat(Csv.field("-2")).isEqualTo("'-2");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.field("a=b")).isEqualTo("a=b");
    }

    @Test
    void formulasBehindLeadingSpacesTabsLineBreaksOrQuotesAreNeutralisedToo() {
        assertThat(Csv.field(" =1+1")).isEqualTo("' =1+1");
        assertThat(Csv.field("   @SUM(A1)")).isEqualTo("'   @SUM(A1)");
        assertThat(Csv.field("\"=cmd|' /C calc'!A0")).isEqualTo("\"'\"\"=cmd|' /C calc'!A0\"");
        assertThat(Csv.field("'+1")).isEqualTo("''+1");
        assertThat(Csv.field(" \t\"-2")).isEqualTo("\"' \t\"\"-2\"");
        assertThat(Csv.field("\n=1")).isEqualTo("\"'\n=1\"");
        assertThat(Csv.field("\u00A0=1")).isEqualTo("'\u00A0=1");
        assertThat(Csv.field("\uFF1DSUM(A1)")).isEqualTo("'\uFF1DSUM(A1)");
        // Text that merely contains the characters, or starts with a space and words, is left alone.
        assertThat(Csv.field(" Northwind")).isEqualTo("\" Northwind\"");
        assertThat(Csv.field("\"quoted\" name")).isEqualTo("\"\"\"quoted\"\" name\"");
        assertThat(Csv.field("score >= 60")).isEqualTo("score >= 60");
    }
}
