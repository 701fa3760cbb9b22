package dev.handshake.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.handshake.stats.Weekly;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

/** The picture: a PNG of the agreed size whose bars and points are the figures it was given. */
class NumbersChartTest {

    private static final List<ChartData.Bar> FUNNEL = List.of(new ChartData.Bar("New leads", 120),
            new ChartData.Bar("MQLs", 45), new ChartData.Bar("Accepted", 30), new ChartData.Bar("Contacted", 12));

    /** Thirteen weeks from Monday 2026-09-28: week i decided 10 + i handoffs, accepted i of them, median i hours. */
    static ChartData sample() {
        List<Weekly.Week> weeks = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            weeks.add(new Weekly.Week(LocalDate.of(2026, 9, 28).plusWeeks(i), i == 5 ? 0 : 10 + i, i == 5 ? 0 : i,
                    i == 5 ? Optional.empty() : Optional.of(Duration.ofHours(i))));
        }
        return new ChartData("Freightline marketing–sales SLA · 2026-Q4", "Oct 1, 2026 – Dec 31, 2026", FUNNEL,
                new Weekly(weeks), new BigDecimal("0.45"), new BigDecimal("0.40"), new BigDecimal("2"));
    }

    @Test
    void thePngDecodesAtTheAgreedSize() throws Exception {
        byte[] png = NumbersChart.png(NumbersChart.build(sample()));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(NumbersChart.WIDTH).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(NumbersChart.HEIGHT).isEqualTo(1000);
    }

    @Test
    void theChartsHoldTheFiguresTheyWereGiven() {
        NumbersChart.Parts parts = NumbersChart.build(sample());

        CategoryDataset funnel = parts.funnel().getCategoryPlot().getDataset();
        assertThat(funnel.getColumnKeys()).containsExactly("New leads", "MQLs", "Accepted", "Contacted");
        assertThat(funnel.getValue(NumbersChart.COUNT, "New leads").longValue()).isEqualTo(120);
        assertThat(funnel.getValue(NumbersChart.COUNT, "Contacted").longValue()).isEqualTo(12);

        CategoryDataset acceptance = parts.acceptance().getCategoryPlot().getDataset();
        assertThat(acceptance.getColumnCount()).isEqualTo(13);
        assertThat(acceptance.getColumnKey(0)).isEqualTo("Sep 28");
        assertThat(acceptance.getColumnKey(12)).isEqualTo("Dec 21");
        for (int i = 0; i < 13; i++) {
            Number value = acceptance.getValue(0, i);
            if (i == 5) {
                assertThat(value).as("a week without decisions is a gap, not 0%").isNull();
            } else {
                assertThat(value.doubleValue()).isCloseTo(100.0 * i / (10 + i), within(1e-9));
            }
        }
        CategoryDataset decision = parts.decisionTime().getCategoryPlot().getDataset();
        assertThat(decision.getValue(0, 7).doubleValue()).isEqualTo(7.0);
        assertThat(decision.getValue(0, 5)).isNull();
        assertThat(parts.acceptance().getCategoryPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
                .extracting(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue()).containsExactly(45.0, 40.0);
        assertThat(parts.decisionTime().getCategoryPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
                .extracting(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue()).containsExactly(2.0);
    }

    /** The bars as drawn: each one's length in pixels, top to bottom, found by the bars' colour. */
    @Test
    void theDrawnBarsAreAsLongAsTheirFigures() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(NumbersChart.png(NumbersChart.build(sample()))));

        List<Integer> lengths = new ArrayList<>();
        int previous = 0;
        int longest = 0;
        for (int y = 0; y < NumbersChart.FUNNEL_HEIGHT; y++) {
            int run = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (NumbersChart.BAR.getRGB() & 0xFFFFFF)) {
                    run++;
                }
            }
            if (run > 0) {
                longest = Math.max(longest, run);
            } else if (previous > 0) {
                lengths.add(longest);
                longest = 0;
            }
            previous = run;
        }
        assertThat(lengths).hasSize(4);
        // Lengths in proportion to 120 : 45 : 30 : 12, to within two pixels of the longest bar's scale.
        double pixelsPerLead = lengths.get(0) / 120.0;
        assertThat(lengths.get(1)).isCloseTo((int) Math.round(45 * pixelsPerLead), within(2));
        assertThat(lengths.get(2)).isCloseTo((int) Math.round(30 * pixelsPerLead), within(2));
        assertThat(lengths.get(3)).isCloseTo((int) Math.round(12 * pixelsPerLead), within(2));
    }

    @Test
    void aFontFailureIsToldApartFromOtherFailures() {
        assertThat(ChartRenderer.isFontProblem(new Error("Probable fatal error: No physical fonts found."))).isTrue();
        assertThat(ChartRenderer.isFontProblem(new IllegalStateException("boom"))).isFalse();
        assertThat(new ChartRenderer().png(sample())).hasValueSatisfying(png -> assertThat(png).isNotEmpty());
    }
}
