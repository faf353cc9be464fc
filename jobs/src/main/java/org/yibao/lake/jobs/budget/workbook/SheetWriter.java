package org.yibao.lake.jobs.budget.workbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;

/**
 * One table sheet: a bold frozen header row of Chinese labels, then a row per table row; money with
 * thousands separators and two decimals. A column may be an Excel formula over other columns of
 * the same row (referred to by their field names in braces, e.g. {@code ROUND({base_amt}*(1+{g}),2)}),
 * so the officer can see and redo the arithmetic; the workbook caches its evaluated value.
 */
final class SheetWriter {
  enum Kind { TEXT, MONEY, RATE, COUNT }

  /** A column: header, the table field, its kind and, optionally, a formula template for a row. */
  record Col(String header, String field, Kind kind, Function<Row, String> formula) {
    static Col of(String header, String field, Kind kind) {
      return new Col(header, field, kind, null);
    }
  }

  private final XSSFWorkbook wb;
  private final Map<Kind, CellStyle> styles = new TreeMap<>();
  private final CellStyle header;

  SheetWriter(XSSFWorkbook wb) {
    this.wb = wb;
    styles.put(Kind.TEXT, wb.createCellStyle());
    styles.put(Kind.MONEY, numberStyle("#,##0.00"));
    styles.put(Kind.RATE, numberStyle("0.000000"));
    styles.put(Kind.COUNT, numberStyle("#,##0"));
    header = wb.createCellStyle();
    Font bold = wb.createFont();
    bold.setBold(true);
    header.setFont(bold);
  }

  private CellStyle numberStyle(String format) {
    CellStyle s = wb.createCellStyle();
    s.setDataFormat(wb.createDataFormat().getFormat(format));
    return s;
  }

  XSSFSheet sheet(String name, List<Col> cols, List<Row> rows) {
    XSSFSheet sh = wb.createSheet(name);
    XSSFRow h = sh.createRow(0);
    Map<String, String> letters = new TreeMap<>();
    for (int i = 0; i < cols.size(); i++) {
      Cell c = h.createCell(i);
      c.setCellValue(cols.get(i).header());
      c.setCellStyle(header);
      letters.put(cols.get(i).field(), CellReference.convertNumToColString(i));
      sh.setColumnWidth(i, 256 * Math.max(10, cols.get(i).header().length() * 2 + 2));
    }
    int n = 1;
    for (Row r : rows) {
      XSSFRow x = sh.createRow(n);
      for (int i = 0; i < cols.size(); i++) {
        Col col = cols.get(i);
        Cell c = x.createCell(i);
        c.setCellStyle(styles.get(col.kind()));
        String formula = col.formula() == null ? null : col.formula().apply(r);
        if (formula != null) {
          c.setCellFormula(resolve(formula, letters, n + 1));
        } else {
          set(c, value(r, col.field()));
        }
      }
      n++;
    }
    sh.createFreezePane(0, 1);
    return sh;
  }

  /** Writes label/value lines and small tables (the 说明 sheet). */
  static void set(Cell c, Object v) {
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

  static Object value(Row r, String field) {
    int i = r.fieldIndex(field);
    return r.isNullAt(i) ? null : r.get(i);
  }

  private static String resolve(String template, Map<String, String> letters, int excelRow) {
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
      String letter = letters.get(field);
      if (letter == null) {
        throw new IllegalStateException("formula refers to " + field + ", not a column of the sheet");
      }
      sb.append(template, i, open).append(letter).append(excelRow);
      i = close + 1;
    }
    return sb.toString();
  }

  static List<Col> cols(Col... c) {
    return new ArrayList<>(List.of(c));
  }
}
