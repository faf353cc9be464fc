package org.yibao.lake.tests.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.workbook.BudgetWorkbook;

/**
 * The budget workbook and the settlement statement, as written by the real budget compile and settlement runs
 * ({@link WorkbookLake}), opened and fully recalculated by an independent engine: LibreOffice Calc headless
 * (Debian libreoffice-calc-nogui and python3-uno, listed in .ci/apt-packages), through
 * {@code src/test/resources/workbook/recalc.py} which calls UNO {@code calculateAll()} — one soffice start for
 * all files. Every formula cell recalculates to the value cached in the file, and the published figures equal
 * the tables they came from. A third file with one wrong cached value proves the recalculation happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbookRecalcTest {
  @TempDir static Path tmp;
  WorkbookLake w;
  Path planted;
  /** file name → sheet!cell → {kind, value, formula} as LibreOffice recalculated it. */
  final Map<String, Map<String, String[]>> calc = new HashMap<>();
  double plantedTrue;
  static final double PLANTED_WRONG = 123456789.0;
  /** The first city row's budget formula (found by its header, so a new column does not move it). */
  String plantedCell;

  @BeforeAll
  void recalculate() throws Exception {
    w = WorkbookLake.get();
    // a copy whose first city budget cell caches a wrong value: only a real recalculation corrects it
    planted = tmp.resolve("planted.xlsx");
    try (InputStream in = Files.newInputStream(w.budgetWorkbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet cities = wb.getSheet(BudgetWorkbook.CITIES);
      Cell c = null;
      for (int i = 2; c == null && i < cities.getLastRowNum(); i++) {
        Cell b = cities.getRow(i).getCell(headers(cities).get("预算(元)"));
        if (b.getCellType() == CellType.FORMULA) {
          c = b;
        }
      }
      assertTrue(c != null, "no city row of " + BudgetWorkbook.CITIES + " has a budget formula");
      plantedCell = BudgetWorkbook.CITIES + "!" + c.getAddress().formatAsString();
      plantedTrue = c.getNumericCellValue();
      c.setCellValue(PLANTED_WRONG);
      assertEquals(CellType.FORMULA, c.getCellType());
      try (OutputStream out = Files.newOutputStream(planted)) {
        wb.write(out);
      }
    }
    Path tsv = tmp.resolve("recalc.tsv");
    Path script = Path.of("src", "test", "resources", "workbook", "recalc.py").toAbsolutePath();
    for (String tool : List.of("/usr/bin/soffice", "/usr/bin/python3")) {
      if (!Files.isExecutable(Path.of(tool))) {
        fail(tool + " is missing: install the Debian packages of .ci/apt-packages (libreoffice-calc-nogui, python3-uno)");
      }
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), tsv.toString(),
        w.budgetWorkbook.toString(), w.statement.toString(), planted.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "LibreOffice recalculation did not finish in 180 s");
    assertEquals(0, p.exitValue(), "recalc.py failed (python3-uno installed?): " + log);
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      calc.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1] + "!" + f[2], new String[] {f[3], f[4], f[5]});
    }
  }

  @Test
  void everyFormulaCellRecalculatesToItsCachedValue() throws Exception {
    int budget = compareAll(w.budgetWorkbook);
    int statement = compareAll(w.statement);
    // the city sheet alone has a dozen formulas per row; the statement some twenty
    assertTrue(budget > 200, "budget workbook formulas: " + budget);
    assertTrue(statement > 20, "statement formulas: " + statement);
  }

  @Test
  void theRecalculationReallyHappens() {
    String[] v = calc.get(planted.getFileName().toString()).get(plantedCell);
    double recalculated = Double.parseDouble(v[1]);
    assertNotEquals(PLANTED_WRONG, recalculated, 0.001, "LibreOffice kept the planted cached value: no recalculation");
    assertEquals(plantedTrue, recalculated, 0.001);
  }

  /** Compares every formula cell POI finds (with its cached value) with LibreOffice's result; returns the count. */
  private int compareAll(Path file) throws Exception {
    Map<String, String[]> lo = calc.get(file.getFileName().toString());
    assertTrue(lo != null && !lo.isEmpty(), "LibreOffice reported no formula of " + file.getFileName());
    int n = 0;
    List<String> wrong = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      for (Sheet sh : wb) {
        for (org.apache.poi.ss.usermodel.Row r : sh) {
          for (Cell c : r) {
            if (c.getCellType() != CellType.FORMULA) {
              continue;
            }
            n++;
            String at = sh.getSheetName() + "!" + c.getAddress().formatAsString();
            String[] v = lo.get(at);
            if (v == null) {
              wrong.add(at + " not a formula in LibreOffice");
            } else if (c.getCachedFormulaResultType() == CellType.STRING) {
              if (!v[0].equals("text") || !v[1].equals(c.getStringCellValue())) {
                wrong.add(at + " cached '" + c.getStringCellValue() + "', recalculated " + v[0] + " " + v[1]);
              }
            } else if (!v[0].equals("number")
                || Math.abs(Double.parseDouble(v[1]) - c.getNumericCellValue()) > 1e-6) {
              wrong.add(at + " " + c.getCellFormula() + ": cached " + c.getNumericCellValue() + ", recalculated "
                  + v[0] + " " + v[1]);
            }
          }
        }
      }
    }
    assertEquals(n, lo.size(), "LibreOffice and the file disagree on the number of formula cells");
    assertTrue(wrong.isEmpty(), wrong.size() + " cells differ, e.g. " + wrong.subList(0, Math.min(10, wrong.size())));
    return n;
  }

  private double lo(Path file, String sheet, Cell c) {
    String[] v = calc.get(file.getFileName().toString()).get(sheet + "!" + c.getAddress().formatAsString());
    if (v == null) {
      // an input cell: its own value
      return c.getNumericCellValue();
    }
    assertEquals("number", v[0], sheet + "!" + c.getAddress());
    return Double.parseDouble(v[1]);
  }

  private static BigDecimal cents(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void budgetFiguresAndTotalsRecalculateToTheTables() throws Exception {
    List<Row> city = w.lake.read(Tables.ADS_BUDGET_CITY).filter("budget_run_id = '" + WorkbookLake.BUDGET_RUN + "'")
        .collectAsList();
    Map<String, Row> byKey = new HashMap<>();
    BigDecimal cityTotal = BigDecimal.ZERO;
    BigDecimal provinceTotal = BigDecimal.ZERO;
    for (Row r : city) {
      if ("city".equals(r.getAs("region_level"))) {
        byKey.put(r.getAs("admdvs") + "|" + r.getAs("insutype") + "|" + r.getAs("category"), r);
        cityTotal = cityTotal.add(r.getAs("budget_amt") == null ? BigDecimal.ZERO : r.getAs("budget_amt"));
      } else {
        provinceTotal = provinceTotal.add(r.getAs("budget_amt") == null ? BigDecimal.ZERO : r.getAs("budget_amt"));
      }
    }
    Map<String, String> zhToId = new HashMap<>();
    org.yibao.lake.common.domain.BudgetCategories.load(org.yibao.lake.tests.TestSpark.confDir()).categories()
        .forEach(c -> zhToId.put(c.zh(), c.id()));
    try (InputStream in = Files.newInputStream(w.budgetWorkbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      XSSFSheet sh = wb.getSheet(BudgetWorkbook.CITIES);
      Map<String, Integer> h = headers(sh);
      int rows = 0;
      int scaled = 0;
      for (int i = 2; i < sh.getLastRowNum(); i++) {
        org.apache.poi.ss.usermodel.Row x = sh.getRow(i);
        Row t = byKey.get(x.getCell(0).getStringCellValue() + "|" + x.getCell(2).getStringCellValue() + "|"
            + zhToId.get(x.getCell(3).getStringCellValue()));
        assertTrue(t != null, "row " + (i + 1) + " is not in ads.budget_city");
        BigDecimal budget = t.getAs("budget_amt");
        Cell b = x.getCell(h.get("预算(元)"));
        if (budget == null) {
          assertEquals(CellType.STRING, b.getCellType());
          continue;
        }
        assertEquals(budget, cents(lo(w.budgetWorkbook, BudgetWorkbook.CITIES, b)), "budget of row " + (i + 1));
        assertEquals((BigDecimal) t.getAs("budget_before_scaling_amt"),
            cents(lo(w.budgetWorkbook, BudgetWorkbook.CITIES, x.getCell(h.get("调整前预算(元)")))));
        assertEquals(((BigDecimal) t.getAs("scaling_factor")).doubleValue(),
            lo(w.budgetWorkbook, BudgetWorkbook.CITIES, x.getCell(h.get("调整系数"))), 1e-9);
        if (((BigDecimal) t.getAs("scaling_factor")).compareTo(BigDecimal.ONE) != 0) {
          scaled++;
        }
        rows++;
      }
      assertEquals(byKey.size(), sh.getLastRowNum() - 2, "one sheet row per city row of the table");
      assertTrue(rows > 10, "rows with a budget: " + rows);
      System.out.println("WorkbookRecalcTest: " + rows + " city rows, " + scaled + " scaled to the ceiling");
      // the 合计 rows: cities and province each add up to the table's sum
      org.apache.poi.ss.usermodel.Row total = sh.getRow(sh.getLastRowNum());
      assertEquals("合计", total.getCell(0).getStringCellValue());
      assertEquals(cityTotal, cents(lo(w.budgetWorkbook, BudgetWorkbook.CITIES, total.getCell(h.get("预算(元)")))));
      XSSFSheet prov = wb.getSheet(BudgetWorkbook.PROVINCE);
      Map<String, Integer> hp = headers(prov);
      org.apache.poi.ss.usermodel.Row pt = prov.getRow(prov.getLastRowNum());
      assertEquals("合计", pt.getCell(0).getStringCellValue());
      assertEquals(provinceTotal, cents(lo(w.budgetWorkbook, BudgetWorkbook.PROVINCE, pt.getCell(hp.get("预算(元)")))));
      assertEquals(cityTotal, provinceTotal);
      // the ceiling sheet: each ceiling is the table's, and where scaled the budgets tie to it to the cent
      XSSFSheet ceil = wb.getSheet(BudgetWorkbook.CEILING);
      Map<String, Integer> hc = headers(ceil);
      for (int i = 2; i < ceil.getLastRowNum(); i++) {
        org.apache.poi.ss.usermodel.Row x = ceil.getRow(i);
        String key = x.getCell(0).getStringCellValue() + "|" + x.getCell(2).getStringCellValue();
        Row any = byKey.entrySet().stream().filter(e -> e.getKey().startsWith(key + "|")).findFirst().orElseThrow()
            .getValue();
        BigDecimal ceiling = cents(lo(w.budgetWorkbook, BudgetWorkbook.CEILING, x.getCell(hc.get("支出上限(元)"))));
        assertEquals((BigDecimal) any.getAs("ceiling_amt"), ceiling, key);
        assertEquals((BigDecimal) any.getAs("bottom_up_amt"),
            cents(lo(w.budgetWorkbook, BudgetWorkbook.CEILING, x.getCell(hc.get("调整前合计(元)")))), key);
        BigDecimal sum = cents(lo(w.budgetWorkbook, BudgetWorkbook.CEILING, x.getCell(hc.get("预算合计(元)"))));
        if (any.<BigDecimal>getAs("bottom_up_amt").compareTo(ceiling) > 0) {
          assertEquals(ceiling, sum, key + " scaled: the budgets add up to the ceiling");
        }
      }
    }
    // the cross-region allocations, recomputed by largest remainder in the sheet, are the table's
    Map<String, BigDecimal> alloc = new HashMap<>();
    for (Row r : w.lake.read(Tables.ADS_BUDGET_CROSS_REGION)
        .filter("budget_run_id = '" + WorkbookLake.BUDGET_RUN + "'").collectAsList()) {
      alloc.put(r.getAs("insuplc_city") + "|" + r.getAs("insutype") + "|" + r.getAs("mdtrtarea_city"),
          r.getAs("allocation_amt"));
    }
    try (InputStream in = Files.newInputStream(w.budgetWorkbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      XSSFSheet sh = wb.getSheet(BudgetWorkbook.CROSS_REGION);
      Map<String, Integer> h = headers(sh);
      int n = 0;
      for (int i = 2; i < sh.getLastRowNum(); i++) {
        org.apache.poi.ss.usermodel.Row x = sh.getRow(i);
        // one row per insured place, insutype and place of treatment (参保地, 险种, 就医地)
        String key = x.getCell(h.get("参保地")).getStringCellValue() + "|" + x.getCell(h.get("险种")).getStringCellValue()
            + "|" + x.getCell(h.get("就医地")).getStringCellValue();
        assertTrue(alloc.containsKey(key), key + " is not a row of ads.budget_cross_region");
        assertEquals(alloc.get(key), cents(lo(w.budgetWorkbook, BudgetWorkbook.CROSS_REGION,
            x.getCell(h.get("分配额度(元)")))), key);
        n++;
      }
      assertEquals(alloc.size(), n);
    }
  }

  @Test
  void statementFiguresRecalculateToTheYearEndTable() throws Exception {
    Row ye = w.lake.read(Tables.ADS_SETTLEMENT_YEAR_END).filter("settle_year = " + WorkbookLake.YEAR
        + " AND medcommunity_id = '" + w.medcommunity + "'").orderBy(org.apache.spark.sql.functions.col(
            "settlement_run_id").desc()).head();
    try (InputStream in = Files.newInputStream(w.statement); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet st = wb.getSheet("结算单");
      assertEquals(ye.<BigDecimal>getAs("final_payment_amt"), cents(lo(w.statement, "结算单", label(st, "年终清算应付金额"))));
      assertEquals(ye.<BigDecimal>getAs("settled_amt"), cents(lo(w.statement, "结算单", label(st, "核定清算金额"))));
      assertEquals(ye.<BigDecimal>getAs("retained_amt"), cents(lo(w.statement, "结算单", label(st, "结余留用"))));
      assertEquals(ye.<BigDecimal>getAs("deposit_returned_amt"),
          cents(lo(w.statement, "结算单", label(st, "质量保证金返还"))));
      assertEquals(ye.<BigDecimal>getAs("monthly_paid_amt"), cents(lo(w.statement, "结算单", label(st, "月度预结算(毛额)"))));
      Cell score = label(st, "绩效得分");
      assertEquals(CellType.FORMULA, score.getCellType());
      assertTrue(score.getCellFormula().startsWith("'绩效评分'!"), score.getCellFormula());
      assertEquals(ye.<BigDecimal>getAs("total_score").doubleValue(), lo(w.statement, "结算单", score), 1e-9);
      Cell factor = label(st, "绩效系数");
      assertEquals(CellType.FORMULA, factor.getCellType());
      assertEquals(ye.<BigDecimal>getAs("score_factor_rate").doubleValue(), lo(w.statement, "结算单", factor), 1e-9);
      // no manual inputs were given to this cycle: the statement says so
      String text = allText(st);
      assertTrue(text.contains("conf/settlement_inputs/" + WorkbookLake.YEAR + ".yml 未提供"), text);
      for (String s : List.of("经办人", "审核人", "盖章", "日期", "清算期间", "甲方", "乙方")) {
        assertTrue(text.contains(s), s);
      }
    }
  }

  @Test
  void everySheetPrintsOnA4LandscapeOnePageWideWithPageNumbers() throws Exception {
    for (Path f : List.of(w.budgetWorkbook, w.statement)) {
      try (InputStream in = Files.newInputStream(f); XSSFWorkbook wb = new XSSFWorkbook(in)) {
        for (Sheet s : wb) {
          XSSFSheet sh = (XSSFSheet) s;
          String at = f.getFileName() + " " + sh.getSheetName();
          assertEquals(PrintSetup.A4_PAPERSIZE, sh.getPrintSetup().getPaperSize(), at);
          assertTrue(sh.getPrintSetup().getLandscape(), at);
          assertTrue(sh.getFitToPage(), at);
          assertEquals(1, sh.getPrintSetup().getFitWidth(), at);
          assertTrue(sh.getFooter().getCenter().contains("&P"), at);
          assertFalse(sh.getHeader().getCenter().isEmpty(), at);
          if (!sh.getSheetName().equals("结算单") && !sh.getSheetName().equals(BudgetWorkbook.INFO)) {
            assertTrue(sh.getRepeatingRows() != null, at + " repeats its header rows");
          }
        }
        if (f.equals(w.statement)) {
          assertEquals(1, wb.getSheet("结算单").getPrintSetup().getFitHeight(), "the statement is one page");
        }
      }
    }
  }

  @Test
  void usersReadChineseNumbersAsNumbersAndNoBlankFigure() throws Exception {
    List<String> ids = List.of("chain", "weighted", "actual_capped", "revenue_share", "sum_of_cities", "budget.",
        "settlement.", "no history", "higher", "lower", "manual", "indicator", "outpatient_", "inpatient_", "\"");
    for (Path f : List.of(w.budgetWorkbook, w.statement)) {
      try (InputStream in = Files.newInputStream(f); XSSFWorkbook wb = new XSSFWorkbook(in)) {
        for (Sheet sh : wb) {
          for (org.apache.poi.ss.usermodel.Row r : sh) {
            for (Cell c : r) {
              if (c.getCellType() == CellType.STRING) {
                String v = c.getStringCellValue();
                if (v.matches("conf/[A-Za-z0-9_/.-]+\\.yml")) {
                  continue; // a parameter's source file, named so the officer can find it: not a config key
                }
                for (String id : ids) {
                  assertFalse(v.contains(id) && !v.contains("-" + id) && !v.contains(id + "-"),
                      f.getFileName() + " " + sh.getSheetName() + "!" + c.getAddress() + " reads '" + v + "'");
                }
                // a number typed as text would not add up; codes (区划 six digits, 险种 310/390) are text
                org.apache.poi.ss.usermodel.Row head = sh.getRow(0);
                Cell h = head == null ? null : head.getCell(c.getColumnIndex());
                boolean insutypeCode = h != null && h.getCellType() == CellType.STRING
                    && h.getStringCellValue().startsWith("险种") && v.matches("[0-9]{3}");
                assertFalse(v.matches("-?[0-9][0-9,]*(\\.[0-9]+)?") && !sh.getSheetName().equals(BudgetWorkbook.INFO)
                        && c.getColumnIndex() > 0 && !v.matches("[0-9]{6}") && !insutypeCode,
                    sh.getSheetName() + "!" + c.getAddress() + " stores the number " + v + " as text");
              }
            }
          }
        }
        // the score sheet: values and targets are numbers (or 缺失/不适用)
        if (f.equals(w.statement)) {
          Sheet sc = wb.getSheet("绩效评分");
          for (int i = 1; i <= sc.getLastRowNum(); i++) {
            Cell v = sc.getRow(i).getCell(2);
            if (v != null && v.getCellType() == CellType.STRING) {
              assertTrue(List.of("缺失", "不适用").contains(v.getStringCellValue()), v.getStringCellValue());
            }
          }
        }
      }
    }
  }

  private static String allText(Sheet sh) {
    StringBuilder sb = new StringBuilder();
    for (org.apache.poi.ss.usermodel.Row r : sh) {
      for (Cell c : r) {
        if (c.getCellType() == CellType.STRING) {
          sb.append(c.getStringCellValue()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static Cell label(Sheet sh, String label) {
    for (org.apache.poi.ss.usermodel.Row r : sh) {
      Cell c = r.getCell(0);
      if (c != null && c.getCellType() == CellType.STRING && label.equals(c.getStringCellValue())) {
        return r.getCell(1);
      }
    }
    throw new AssertionError("no line " + label + " in " + sh.getSheetName());
  }

  static Map<String, Integer> headers(Sheet sh) {
    Map<String, Integer> h = new HashMap<>();
    for (Cell c : sh.getRow(0)) {
      h.put(c.getStringCellValue(), c.getColumnIndex());
    }
    return h;
  }
}
