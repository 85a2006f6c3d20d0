package com.csmflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's trend charts, drawn with JFreeChart as PNG images that the HTML embeds and the PDF draws. */
final class ReportCharts {

    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    private static final Color MET = new Color(0x2e7d32);
    private static final Color ESCALATIONS = new Color(0xc62828);
    private static final Color CHANGES = new Color(0x1565c0);
    private static final Color FAILED = new Color(0xef6c00);
    private static final Color INCIDENTS = new Color(0x6a1b9a);
    private static final Color PROBLEMS = new Color(0x455a64);
    private static final Color SATISFACTION = new Color(0x00897b);

    private ReportCharts() {}

    /** Percent of SLA clocks met per period: a line, so a dip is seen before it is read. */
    static BufferedImage slaTrend(ReportFigures figures) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportFigures.TrendPoint point : figures.trend()) {
            data.addValue(point.slaPercentMet(), "SLA met %", point.period());
        }
        JFreeChart chart = ChartFactory.createLineChart(
                "SLA targets met (%)", null, "% met", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setRange(0, 100);
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, MET);
        renderer.setSeriesStroke(0, new BasicStroke(3f));
        renderer.setDefaultShapesVisible(true);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    /** The mean survey score per period (1 to 5); a period without answers leaves a gap in the line. */
    static BufferedImage satisfactionTrend(ReportFigures figures) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportFigures.TrendPoint point : figures.trend()) {
            data.addValue(point.satisfactionMeanScore(), "Mean score", point.period());
        }
        JFreeChart chart = ChartFactory.createLineChart(
                "Satisfaction (mean survey score)", null, "score", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setRange(1, 5);
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, SATISFACTION);
        renderer.setSeriesStroke(0, new BasicStroke(3f));
        renderer.setDefaultShapesVisible(true);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    /** Escalations, changes, failed changes, incidents and problems per period, side by side. */
    static BufferedImage activityTrend(ReportFigures figures) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportFigures.TrendPoint point : figures.trend()) {
            data.addValue(point.escalations(), "Escalations", point.period());
            data.addValue(point.changes(), "Changes", point.period());
            data.addValue(point.changesFailed(), "Failed changes", point.period());
            data.addValue(point.incidents(), "Incidents", point.period());
            data.addValue(point.problems(), "Problems", point.period());
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Escalations, changes, incidents and problems",
                null,
                "count",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        CategoryPlot plot = style(chart);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ESCALATIONS);
        renderer.setSeriesPaint(1, CHANGES);
        renderer.setSeriesPaint(2, FAILED);
        renderer.setSeriesPaint(3, INCIDENTS);
        renderer.setSeriesPaint(4, PROBLEMS);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        CategoryAxis domain = plot.getDomainAxis();
        domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return plot;
    }

    static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
