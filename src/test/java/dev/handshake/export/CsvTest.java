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
}
