package dev.handshake.chart;

import dev.handshake.stats.Weekly;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws {@link ChartData} as one PNG of {@value #WIDTH}×{@value #HEIGHT} pixels: the funnel on top, then the weekly
 * acceptance rate and the weekly median time to decide, each with its targets as marked lines. Uses only the logical
 * fonts (SansSerif), which any installed font can back. Stateless.
 */
public final class NumbersChart {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 1000;
    static final int FUNNEL_HEIGHT = 340;
    static final int LINE_HEIGHT = (HEIGHT - FUNNEL_HEIGHT) / 2;
    /** The funnel bars' colour, flat (no gradient, no shadow), so a test can find the bars by their pixels. */
    public static final Color BAR = new Color(0x2E, 0x6D, 0xB4);
    static final Color ACCEPTANCE = new Color(0x1B, 0x8A, 0x5A);
    static final Color DECISION = new Color(0xC2, 0x6B, 0x12);
    static final Color TARGET = new Color(0x55, 0x55, 0x55);
    static final Color MINIMUM = new Color(0xC0, 0x39, 0x2B);
    static final String COUNT = "count";
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private NumbersChart() {}

    /** The three charts of the picture, kept so a test can read back what they draw. */
    public record Parts(JFreeChart funnel, JFreeChart acceptance, JFreeChart decisionTime) {}

    public static Parts build(ChartData data) {
        return new Parts(funnel(data), acceptance(data), decisionTime(data));
    }

    /** The picture as PNG bytes. */
    public static byte[] png(Parts parts) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            parts.funnel().draw(g, new Rectangle2D.Double(0, 0, WIDTH, FUNNEL_HEIGHT));
            parts.acceptance().draw(g, new Rectangle2D.Double(0, FUNNEL_HEIGHT, WIDTH, LINE_HEIGHT));
            parts.decisionTime().draw(g, new Rectangle2D.Double(0, FUNNEL_HEIGHT + LINE_HEIGHT, WIDTH, LINE_HEIGHT));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    private static JFreeChart funnel(ChartData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        data.funnel().forEach(bar -> dataset.addValue(bar.value(), COUNT, bar.label()));
        JFreeChart chart = ChartFactory.createBarChart(data.title(), null, "count in the period", dataset,
                PlotOrientation.HORIZONTAL, false, false, false);
        chart.addSubtitle(new TextTitle("Funnel, " + data.periodLabel()
                + ": leads that entered, leads that first reached MQL, handoffs accepted and contacted",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, BAR);
        renderer.setMaximumBarWidth(0.16);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setUpperMargin(0.12);
        return chart;
    }

    private static JFreeChart acceptance(ChartData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Weekly.Week week : data.weekly().weeks()) {
            Double percent = week.acceptance().value().isPresent() ? week.acceptance().value().getAsDouble() * 100 : null;
            dataset.addValue(percent, "acceptance", WEEK.format(week.monday()));
        }
        JFreeChart chart = ChartFactory.createLineChart(null, "week starting", "acceptance rate (%)", dataset,
                PlotOrientation.VERTICAL, false, false, false);
        chart.addSubtitle(new TextTitle("MQL acceptance rate by week (accepted ÷ decided, handoffs received that week)",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        line(plot, ACCEPTANCE);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setRange(0, 100);
        mark(plot, data.acceptanceTarget(), 100, "target", TARGET, true);
        mark(plot, data.acceptanceMinimum(), 100, "review below", MINIMUM, false);
        return chart;
    }

    private static JFreeChart decisionTime(ChartData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Weekly.Week week : data.weekly().weeks()) {
            Double hours = week.medianToDecision().map(d -> d.toMillis() / 3_600_000.0).orElse(null);
            dataset.addValue(hours, "median", WEEK.format(week.monday()));
        }
        JFreeChart chart = ChartFactory.createLineChart(null, "week starting", "business hours", dataset,
                PlotOrientation.VERTICAL, false, false, false);
        chart.addSubtitle(new TextTitle("Median business time from handoff to accept or reject, by week",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        line(plot, DECISION);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setAutoRangeIncludesZero(true);
        if (data.decisionTarget() != null) {
            // Keep the target line in view even when every week is well under it.
            axis.setAutoRangeMinimumSize(data.decisionTarget().doubleValue() * 1.3);
        }
        mark(plot, data.decisionTarget(), 1, "target", TARGET, true);
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        plot.getRangeAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static void line(CategoryPlot plot, Color color) {
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setDefaultShapesVisible(true);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    }

    /**
     * A horizontal line at a target, labelled above it (or below, so two close lines keep readable labels);
     * {@code scale} turns a fraction into the axis' unit (100 for percent).
     */
    private static void mark(CategoryPlot plot, BigDecimal value, double scale, String what, Color color,
            boolean above) {
        if (value == null) {
            return;
        }
        double at = value.doubleValue() * scale;
        ValueMarker marker = new ValueMarker(at, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(what + " " + (scale == 100 ? Math.round(at) + "%" : new BigDecimal(String.valueOf(at))
                .stripTrailingZeros().toPlainString() + " h"));
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        marker.setLabelPaint(color);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(above ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(above ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(marker);
    }
}
