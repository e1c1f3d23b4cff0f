package com.erasureworker.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A small bar chart, laid out here and drawn by the template as SVG (no script, no inline style: colours come from
 * the stylesheet by class). Bars share one scale; an optional limit line marks what the bars are compared against.
 */
@TemplateData
public record BarChart(String title, int width, int height, List<Bar> bars, Double limitY, String limitLabel) {

    /** One bar: its box in SVG units, a CSS class, and the text a screen reader and a tooltip give. */
    @TemplateData
    public record Bar(double x, double y, double width, double height, String cssClass, String label) {
    }

    /** One value per bar, left to right; {@code limit} (may be null) is drawn as a line. */
    public static BarChart vertical(String title, List<Long> values, List<String> classes, List<String> labels,
            Long limit, String limitLabel) {
        int width = 600;
        int height = 120;
        double max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        if (limit != null) {
            max = Math.max(max, limit);
        }
        double slot = (double) width / Math.max(1, values.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double h = values.get(i) / max * (height - 4);
            bars.add(new Bar(round(i * slot + 1), round(height - h), round(Math.max(1, slot - 2)), round(h),
                    classes.get(i), labels.get(i)));
        }
        Double limitY = limit == null ? null : round(height - limit / max * (height - 4));
        return new BarChart(title, width, height, bars, limitY, limitLabel);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
