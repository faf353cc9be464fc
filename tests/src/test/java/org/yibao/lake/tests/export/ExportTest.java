package org.yibao.lake.tests.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.TestSpark;
import org.yibao.lake.tests.workbook.WorkbookLake;

/**
 * {@code yibao export} for analysts on the generated lake ({@link WorkbookLake}): a CSV file for Excel starts
 * with the UTF-8 byte-order mark (stdout does not, unless --excel), {@code --labels zh} heads the columns in
 * Chinese and puts the entity's name beside its code, and the small cells of ads.budget_two_disease are hidden
 * with their complements.
 */
class ExportTest {
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  @TempDir Path tmp;

  private static String[] base(WorkbookLake w) {
    return new String[] {"--conf", TestSpark.confDir().toString(), "--lake", w.lake.root(), "export"};
  }

  private static String[] args(String[] base, String... more) {
    List<String> a = new ArrayList<>(Arrays.asList(base));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aCsvFileForExcelHasTheBomAndChineseLabelsWithNames() throws Exception {
    WorkbookLake w = WorkbookLake.get();
    Path f = tmp.resolve("budget_city.csv");
    assertEquals(Yibao.OK, Yibao.execute(args(base(w), "ads.budget_city", "--out", f.toString(), "--labels", "zh",
        "--where", "budget_run_id = '" + WorkbookLake.BUDGET_RUN + "' AND region_level = 'city'")));
    byte[] bytes = Files.readAllBytes(f);
    assertArrayEquals(BOM, Arrays.copyOf(bytes, 3));
    List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    // the code, then its name from dim.admdvs; categories get their Chinese name too
    int code = header.indexOf("区划代码");
    assertEquals("区划名称", header.get(code + 1));
    assertEquals("支出类别名称", header.get(header.indexOf("支出类别") + 1));
    assertTrue(header.contains("预算(元)"), header.toString());
    Map<String, String> names = new HashMap<>();
    for (Row r : w.lake.read(Tables.DIM_ADMDVS).select("admdvs", "admdvs_name").collectAsList()) {
      names.put(r.getString(0), r.getString(1));
    }
    String[] first = lines.get(1).split(",", -1);
    assertEquals(names.get(first[code]), first[code + 1]);
    assertTrue(first[code + 1].matches(".*\\p{IsHan}.*"), first[code + 1]);
  }

  @Test
  void stdoutHasNoBomUnlessAskedFor() {
    WorkbookLake w = WorkbookLake.get();
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ByteArrayOutputStream excel = new ByteArrayOutputStream();
    assertEquals(Yibao.OK, stdout(plain, args(base(w), "ads.budget_run", "--out", "-")));
    assertEquals(Yibao.OK, stdout(excel, args(base(w), "ads.budget_run", "--out", "-", "--excel")));
    assertEquals('b', plain.toByteArray()[0], "the header budget_run_id comes first");
    assertArrayEquals(BOM, Arrays.copyOf(excel.toByteArray(), 3));
  }

  private static int stdout(ByteArrayOutputStream to, String... args) {
    PrintStream old = System.out;
    System.setOut(new PrintStream(to, true, StandardCharsets.UTF_8));
    try {
      return Yibao.execute(args);
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void twoDiseaseSmallCellsAreHiddenWithTheirComplements() throws Exception {
    WorkbookLake w = WorkbookLake.get();
    Path f = tmp.resolve("two_disease.csv");
    assertEquals(Yibao.OK, Yibao.execute(args(base(w), "ads.budget_two_disease", "--out", f.toString(), "--no-excel")));
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    List<String> h = List.of(lines.get(0).split(","));
    Map<String, Boolean> primary = new HashMap<>();
    for (Row r : w.lake.read(Tables.ADS_BUDGET_TWO_DISEASE).collectAsList()) {
      primary.put(r.getAs("budget_run_id") + "|" + r.getAs("medcommunity_id") + "|" + r.getAs("insutype"),
          Boolean.TRUE.equals(r.getAs("is_suppressed")));
    }
    Map<String, int[]> groups = new HashMap<>();
    int primaries = 0;
    int hidden = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      String run = v[h.indexOf("budget_run_id")];
      String key = run + "|" + v[h.indexOf("medcommunity_id")] + "|" + v[h.indexOf("insutype")];
      boolean isHidden = "true".equals(v[h.indexOf("is_suppressed")]);
      if (primary.get(key)) {
        primaries++;
        assertTrue(isHidden, key + " is a small cell and must stay hidden");
      }
      if (isHidden) {
        hidden++;
        for (String c : List.of("signed_patient_cnt", "standard_amt", "gross_package_amt", "package_amt")) {
          assertEquals("", v[h.indexOf(c)], key + " shows " + c);
        }
      }
      groups.computeIfAbsent(run + "|" + v[h.indexOf("insutype")], k -> new int[2])[isHidden ? 1 : 0]++;
    }
    // no group (a run's disease type, whose total the budget workbook publishes) has exactly one hidden cell
    groups.forEach((g, n) -> assertTrue(n[1] != 1 || n[0] == 0, g + ": one hidden cell among " + (n[0] + 1)));
    System.out.println("ExportTest: two-disease rows " + (lines.size() - 1) + ", small cells " + primaries
        + ", hidden with complements " + hidden);
    assertTrue(primaries > 0, "the generated lake has small two-disease cells");
  }
}
