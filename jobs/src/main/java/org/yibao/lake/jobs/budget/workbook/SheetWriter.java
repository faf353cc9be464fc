package org.yibao.lake.jobs.budget.workbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;

/**
 * One table sheet a finance officer can redo and print: a bold header row of Chinese labels with units
 * (元), a second row saying where each column comes from (输入:… for a figure taken from the lake or the
 * configuration, 公式:… for arithmetic), a row per table row and a 合计 row of SUM formulas. Input cells
 * have a yellow fill; formula cells are Excel formulas over cells of the workbook (a field of the same row
 * is written {@code {field}}, the row's own Excel number {@code {#}}), with the value cached in the file.
 * A missing figure is written as text ({@link #MISSING} or {@link #NOT_APPLICABLE}), never a blank.
 */
public final class SheetWriter {
  public static final String MISSING = "缺失";
  public static final String NOT_APPLICABLE = "不适用";
  /** Excel row of the first data row: header row 1, source row 2. */
  public static final int FIRST_ROW = 3;

  /** How a column's numbers look: money with thousands separators and cents, rates as percent. */
  public enum Kind {
    TEXT("@"), MONEY("#,##0.00"), RATE("0.0000%"), FACTOR("0.000000"), COUNT("#,##0"), NUMBER("#,##0.00"),
    WEIGHT("0.####");

    final String format;

    Kind(String format) {
      this.format = format;
    }
  }

  /**
   * A column: header (with unit), the table field, its kind, where its figures come from ({@code source}, shown
   * in the second row), an optional formula per row (null for a row = the field's value, an input), the text
   * written where there is no figure, whether the 合计 row sums it, and for text columns an optional display
   * of the row (e.g. a Chinese method name).
   */
  public record Col(String header, String field, Kind kind, String source, BiFunction<Row, Integer, String> formula,
      String absent, boolean summed, Function<Row, Object> display) {

    /** An input column: its figures come from {@code source}. */
    public static Col in(String header, String field, Kind kind, String source) {
      return new Col(header, field, kind, "输入:" + source, null, MISSING, false, null);
    }

    /** A formula column: {@code formula} gives a row's template (null where the row has no formula). */
    public static Col f(String header, String field, Kind kind, String explained, Function<Row, String> formula) {
      return new Col(header, field, kind, "公式:" + explained, (r, n) -> formula.apply(r), NOT_APPLICABLE, false, null);
    }

    /** A formula column whose template also depends on the row's Excel number. */
    public static Col fn(String header, String field, Kind kind, String explained,
        BiFunction<Row, Integer, String> formula) {
      return new Col(header, field, kind, "公式:" + explained, formula, NOT_APPLICABLE, false, null);
    }

    /** A label column (codes, names), shown as given or through {@code display}. */
    public static Col label(String header, String field, Function<Row, Object> display) {
      return new Col(header, field, Kind.TEXT, "", null, NOT_APPLICABLE, false, display);
    }

    public static Col label(String header, String field) {
      return label(header, field, null);
    }

    public Col absent(String text) {
      return new Col(header, field, kind, source, formula, text, summed, display);
    }

    public Col total() {
      return new Col(header, field, kind, source, formula, absent, true, display);
    }
  }

  private final XSSFWorkbook wb;
  private final Map<String, CellStyle> styles = new HashMap<>();

  public SheetWriter(XSSFWorkbook wb) {
    this.wb = wb;
  }

  /** The style of a cell: its kind's format, input fill, bold (header and totals), border. */
  public CellStyle style(Kind kind, boolean input, boolean bold) {
    return styles.computeIfAbsent(kind + "|" + input + "|" + bold, k -> {
      CellStyle s = wb.createCellStyle();
      s.setDataFormat(wb.createDataFormat().getFormat(kind.format));
      if (input) {
        s.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      }
      if (bold) {
        Font f = wb.createFont();
        f.setBold(true);
        s.setFont(f);
      }
      s.setBorderBottom(BorderStyle.HAIR);
      s.setVerticalAlignment(VerticalAlignment.CENTER);
      return s;
    });
  }

  private CellStyle headerStyle() {
    return styles.computeIfAbsent("header", k -> {
      CellStyle s = wb.createCellStyle();
      Font f = wb.createFont();
      f.setBold(true);
      s.setFont(f);
      s.setWrapText(true);
      s.setBorderBottom(BorderStyle.THIN);
      s.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      s.setVerticalAlignment(VerticalAlignment.CENTER);
      return s;
    });
  }

  private CellStyle sourceStyle() {
    return styles.computeIfAbsent("source", k -> {
      CellStyle s = wb.createCellStyle();
      Font f = wb.createFont();
      f.setItalic(true);
      f.setFontHeightInPoints((short) 8);
      s.setFont(f);
      s.setWrapText(true);
      s.setVerticalAlignment(VerticalAlignment.TOP);
      s.setBorderBottom(BorderStyle.THIN);
      return s;
    });
  }

  /** The Excel column letter of {@code field} among {@code cols}. */
  public static String letter(List<Col> cols, String field) {
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).field().equals(field)) {
        return CellReference.convertNumToColString(i);
      }
    }
    throw new IllegalStateException("no column " + field);
  }

  /** Writes the sheet; returns the Excel row of its 合计 row (or of the last data row when no column sums). */
  public int sheet(XSSFSheet sh, String title, List<Col> cols, List<Row> rows) {
    XSSFRow h = sh.createRow(0);
    XSSFRow src = sh.createRow(1);
    h.setHeightInPoints(30);
    src.setHeightInPoints(36);
    Map<String, String> letters = new HashMap<>();
    for (int i = 0; i < cols.size(); i++) {
      Col col = cols.get(i);
      Cell c = h.createCell(i);
      c.setCellValue(col.header());
      c.setCellStyle(headerStyle());
      Cell s = src.createCell(i);
      s.setCellValue(col.source());
      s.setCellStyle(sourceStyle());
      letters.put(col.field(), CellReference.convertNumToColString(i));
      int width = col.kind() == Kind.TEXT ? Math.max(8, Math.min(24, col.header().length() * 2 + 2)) : 14;
      sh.setColumnWidth(i, 256 * width);
    }
    int n = FIRST_ROW;
    for (Row r : rows) {
      XSSFRow x = sh.createRow(n - 1);
      java.util.Set<String> absent = new java.util.HashSet<>();
      for (int i = 0; i < cols.size(); i++) {
        Col col = cols.get(i);
        Cell c = x.createCell(i);
        String formula = col.formula() == null ? null : col.formula().apply(r, n);
        // a formula over a cell that reads 缺失/不适用 would be an error: the table's figure is shown instead
        if (formula != null && absent.stream().noneMatch(f -> formula.contains("{" + f + "}"))) {
          c.setCellFormula(resolve(formula, letters, n));
          c.setCellStyle(style(col.kind(), false, false));
          continue;
        }
        Object v = col.display() != null ? col.display().apply(r) : value(r, col.field());
        if (v == null) {
          absent.add(col.field());
          c.setCellValue(col.absent());
          c.setCellStyle(style(Kind.TEXT, false, false));
        } else {
          set(c, v);
          // a figure not computed on the sheet is an input, marked by its fill
          c.setCellStyle(style(col.kind(), col.kind() != Kind.TEXT, false));
        }
      }
      n++;
    }
    int last = n - 1;
    boolean anyTotal = cols.stream().anyMatch(Col::summed);
    if (anyTotal) {
      XSSFRow t = sh.createRow(n - 1);
      for (int i = 0; i < cols.size(); i++) {
        Cell c = t.createCell(i);
        Col col = cols.get(i);
        if (i == 0) {
          c.setCellValue("合计");
          c.setCellStyle(style(Kind.TEXT, false, true));
        } else if (col.summed()) {
          String l = CellReference.convertNumToColString(i);
          c.setCellFormula(rows.isEmpty() ? "0" : "SUM(" + l + FIRST_ROW + ":" + l + last + ")");
          c.setCellStyle(style(col.kind(), false, true));
        }
      }
      n++;
    }
    sh.createFreezePane(0, 2);
    print(sh, title, "1:2");
    return anyTotal ? n - 1 : last;
  }

  /**
   * Page setup of every sheet: A4 landscape, all columns on one page wide, {@code repeatRows} (e.g. "1:2") on
   * every page, the title in the page header and 第 n 页,共 m 页 in the footer.
   */
  public static void print(XSSFSheet sh, String title, String repeatRows) {
    PrintSetup ps = sh.getPrintSetup();
    ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
    ps.setLandscape(true);
    sh.setFitToPage(true);
    sh.setAutobreaks(true);
    ps.setFitWidth((short) 1);
    ps.setFitHeight((short) 0);
    sh.setHorizontallyCenter(true);
    sh.setMargin(org.apache.poi.ss.usermodel.PageMargin.LEFT, 0.4);
    sh.setMargin(org.apache.poi.ss.usermodel.PageMargin.RIGHT, 0.4);
    if (repeatRows != null) {
      sh.setRepeatingRows(CellRangeAddress.valueOf(repeatRows));
    }
    sh.getHeader().setCenter("&B" + title);
    sh.getFooter().setCenter("第 &P 页,共 &N 页");
  }

  /** Writes a value: numbers as numbers, booleans as 是/否, null as blank (callers write 缺失/不适用 instead). */
  public static void set(Cell c, Object v) {
    if (v == null) {
      c.setBlank();
    } else if (v instanceof BigDecimal d) {
      c.setCellValue(d.doubleValue());
    } else if (v instanceof Number num) {
      c.setCellValue(num.doubleValue());
    } else if (v instanceof Boolean b) {
      c.setCellValue(b ? "是" : "否");
    } else {
      c.setCellValue(v.toString());
    }
  }

  /** The field's value; null when null or not a field of the row (a column computed on the sheet only). */
  public static Object value(Row r, String field) {
    if (!java.util.Arrays.asList(r.schema().fieldNames()).contains(field)) {
      return null;
    }
    int i = r.fieldIndex(field);
    return r.isNullAt(i) ? null : r.get(i);
  }

  static String resolve(String template, Map<String, String> letters, int excelRow) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        sb.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      String field = template.substring(open + 1, close);
      sb.append(template, i, open);
      if (field.equals("#")) {
        sb.append(excelRow);
      } else {
        String letter = letters.get(field);
        if (letter == null) {
          throw new IllegalStateException("formula refers to " + field + ", not a column of the sheet");
        }
        sb.append(letter).append(excelRow);
      }
      i = close + 1;
    }
    return sb.toString();
  }

  public static List<Col> cols(Col... c) {
    return new ArrayList<>(List.of(c));
  }
}
