package org.yibao.lake.jobs.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Charts of the monitoring report drawn as inline SVG, by hand: a line chart, a horizontal bar chart and
 * a heat map. No script, no external reference: text uses the page's font stack (Noto CJK for Chinese),
 * so the file renders offline and prints as vectors. Each chart is an {@code <svg class="chart">} with a
 * {@code data-chart} name, which the browser test looks for.
 */
public final class Svg {
  private static final String[] PALETTE = {"#1f5fa8", "#c0392b", "#2e8b57", "#d98c1f"};

  private Svg() {}

  /** A labelled value on a chart. */
  public record Point(String label, BigDecimal value) {}

  /** A named line of points (null values leave a gap). */
  public record Series(String name, List<Point> points) {}

  /** A line chart over shared x labels; {@code format} turns an axis value into its label. */
  public static String lineChart(String name, List<Series> series, java.util.function.Function<Double, String> format) {
    int w = 340;
    int h = 190;
    int left = 58;
    int right = 10;
    int top = 24;
    int bottom = 34;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    int n = 0;
    for (Series s : series) {
      n = Math.max(n, s.points().size());
      for (Point p : s.points()) {
        if (p.value() != null) {
          min = Math.min(min, p.value().doubleValue());
          max = Math.max(max, p.value().doubleValue());
        }
      }
    }
    StringBuilder b = open(name, w, h);
    if (n == 0 || min == Double.MAX_VALUE) {
      return b.append(text(w / 2.0, h / 2.0, "无数据", "middle", 12, "#888")).append("</svg>").toString();
    }
    min = Math.min(min, 0);
    if (max == min) {
      max = min + 1;
    }
    max = max + (max - min) * 0.08;
    double plotW = w - left - right;
    double plotH = h - top - bottom;
    for (int i = 0; i <= 4; i++) {
      double v = min + (max - min) * i / 4;
      double y = top + plotH - plotH * i / 4;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y,
          w - right, y));
      b.append(text(left - 4, y + 4, format.apply(v), "end", 9, "#555"));
    }
    List<Point> labels = series.get(0).points();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.size() <= 12 || i % 2 == 0) {
        double x = left + (labels.size() == 1 ? plotW / 2 : plotW * i / (labels.size() - 1));
        b.append(text(x, h - bottom + 14, labels.get(i).label(), "middle", 9, "#555"));
      }
    }
    for (int si = 0; si < series.size(); si++) {
      Series s = series.get(si);
      String colour = PALETTE[si % PALETTE.length];
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.points().size(); i++) {
        BigDecimal v = s.points().get(i).value();
        if (v == null) {
          pen = false;
          continue;
        }
        double x = left + (s.points().size() == 1 ? plotW / 2 : plotW * i / (s.points().size() - 1));
        double y = top + plotH - plotH * (v.doubleValue() - min) / (max - min);
        path.append(String.format(Locale.ROOT, "%s%.1f,%.1f ", pen ? "L" : "M", x, y));
        b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\"/>", x, y, colour));
        pen = true;
      }
      b.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"2\"/>");
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"4\" fill=\"%s\"/>", left + si * 90, colour));
      b.append(text(left + si * 90 + 14, 12, s.name(), "start", 10, "#333"));
    }
    return b.append("</svg>").toString();
  }

  /** Horizontal bars, one per point, labelled with {@code format} of the value. */
  public static String barChart(String name, List<Point> bars, java.util.function.Function<BigDecimal, String> format) {
    int rowH = 20;
    int w = 680;
    int h = Math.max(40, bars.size() * rowH + 10);
    int left = 200;
    int right = 110;
    StringBuilder b = open(name, w, h);
    double max = bars.stream().filter(p -> p.value() != null).mapToDouble(p -> p.value().doubleValue()).max().orElse(0);
    if (bars.isEmpty() || max <= 0) {
      return b.append(text(w / 2.0, h / 2.0, "无数据", "middle", 12, "#888")).append("</svg>").toString();
    }
    for (int i = 0; i < bars.size(); i++) {
      Point p = bars.get(i);
      double y = 5 + i * rowH;
      double len = p.value() == null ? 0 : (w - left - right) * Math.max(0, p.value().doubleValue()) / max;
      b.append(text(left - 6, y + 13, p.label(), "end", 11, "#333"));
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>", left, y + 2,
          Math.max(len, 1), PALETTE[0]));
      b.append(text(left + len + 6, y + 13, p.value() == null ? "—" : format.apply(p.value()), "start", 10, "#333"));
    }
    return b.append("</svg>").toString();
  }

  /**
   * A heat map of {@code cells[row][col]} (null = hidden or none), rows and columns labelled; darker is
   * larger. Hidden cells (small cells) are grey with "—".
   */
  public static String heatMap(String name, List<String> rows, List<String> cols, BigDecimal[][] cells, boolean[][] hidden,
                               java.util.function.Function<BigDecimal, String> format) {
    int cell = Math.min(64, Math.max(34, 560 / Math.max(1, cols.size())));
    int left = 90;
    int top = 40;
    int w = left + cell * cols.size() + 10;
    int h = top + cell * rows.size() + 10;
    StringBuilder b = open(name, w, h);
    double max = 0;
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < cols.size(); c++) {
        if (cells[r][c] != null && !hidden[r][c]) {
          max = Math.max(max, Math.log1p(Math.max(0, cells[r][c].doubleValue())));
        }
      }
    }
    for (int c = 0; c < cols.size(); c++) {
      b.append(text(left + c * cell + cell / 2.0, top - 8, cols.get(c), "middle", 10, "#333"));
    }
    for (int r = 0; r < rows.size(); r++) {
      b.append(text(left - 6, top + r * cell + cell / 2.0 + 4, rows.get(r), "end", 10, "#333"));
      for (int c = 0; c < cols.size(); c++) {
        BigDecimal v = cells[r][c];
        String fill;
        String label;
        String ink = "#222";
        if (hidden[r][c]) {
          fill = "#d9d9d9";
          label = "—";
        } else if (v == null || v.signum() == 0) {
          fill = "#f7f7f7";
          label = "";
        } else {
          double t = max == 0 ? 0 : Math.log1p(v.doubleValue()) / max;
          int red = (int) Math.round(235 - t * (235 - 16));
          int green = (int) Math.round(243 - t * (243 - 71));
          int blue = (int) Math.round(252 - t * (252 - 138));
          fill = String.format(Locale.ROOT, "rgb(%d,%d,%d)", red, green, blue);
          label = format.apply(v);
          ink = t > 0.55 ? "#fff" : "#222";
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"/>",
            left + c * cell, top + r * cell, cell, cell, fill));
        if (!label.isEmpty()) {
          b.append(text(left + c * cell + cell / 2.0, top + r * cell + cell / 2.0 + 3, label, "middle", 9, ink));
        }
      }
    }
    return b.append("</svg>").toString();
  }

  private static StringBuilder open(String name, int w, int h) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart\" data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" role=\"img\">", escape(name), w, h, w, h));
  }

  private static String text(double x, double y, String s, String anchor, int size, String fill) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>",
        x, y, anchor, size, fill, escape(s));
  }

  /** XML text escaping. */
  public static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
