package org.yibao.lake.tests.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.GeneratedLake;

/**
 * The figures the 2025 report of the generated province shows are the figures of the tables they come from:
 * the headline expenditure is Σ hifp_pay of {@code dws.fund_expenditure_month}, every warning's value is its
 * {@code ads.alert} row, warnings come worst first, and the planted split-stay institutions are warned. (The
 * planted siphoning needs a year before and ~50 stays a county: its links are tested apart — the generated data
 * falls more than 10 points only there in ProvinceEconomicsTest, the change rule by hand in MonitorJobsTest.)
 */
class ReportFiguresTest {
  private static final Pattern FUND_ROW = Pattern.compile(
      "<tr class=\"[^\"]*\" data-insutype=\"(\\w+)\">.*?data-yuan=\"([0-9.]*)\".*?data-yuan=\"([0-9.]*)\"");
  private static final Pattern WARNING_ROW = Pattern.compile(
      "<tr data-indicator=\"(\\w+)\" data-entity=\"([^\"]+)\" data-value=\"([0-9.\\-]*)\"><td>\\d+</td><td><span class=\"lv lv-(\\w+)\">");

  @Test
  void headlineExpenditureIsTheDwsSum() {
    Lake lake = GeneratedLake.get().lake;
    String html = GeneratedReport.text();
    Matcher m = FUND_ROW.matcher(html);
    int rows = 0;
    while (m.find()) {
      rows++;
      String insutype = m.group(1);
      var dws = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH);
      if (!insutype.equals("all")) {
        dws = dws.filter(col("insutype").equalTo(insutype));
      }
      // December (the year report is read at its last month) and the year to date
      assertEquals(dws.filter(col("setl_month").equalTo("2025-12")).agg(functions.sum("hifp_pay")).head().getDecimal(0),
          new BigDecimal(m.group(2)), insutype + " December");
      assertEquals(dws.filter(col("setl_year").equalTo(2025)).agg(functions.sum("hifp_pay")).head().getDecimal(0),
          new BigDecimal(m.group(3)), insutype + " 2025");
    }
    assertEquals(3, rows, "310, 390 and all");
  }

  @Test
  void warningsAreTheAlertRowsWorstFirstAndThePlantedSplitStaysAreAmongThem() {
    Lake lake = GeneratedLake.get().lake;
    Matcher m = WARNING_ROW.matcher(GeneratedReport.text());
    List<String> levels = new ArrayList<>();
    List<String> splitStays = new ArrayList<>();
    while (m.find()) {
      levels.add(m.group(4));
      List<Row> rows = lake.read(Tables.ADS_ALERT).filter(col("period").equalTo("2025")
          .and(col("indicator_id").equalTo(m.group(1))).and(col("entity_id").equalTo(m.group(2)))).collectAsList();
      assertFalse(rows.isEmpty(), m.group());
      if (!m.group(3).isEmpty()) {
        BigDecimal shown = new BigDecimal(m.group(3));
        assertTrue(rows.stream().anyMatch(r -> shown.compareTo(r.getAs("value")) == 0), m.group() + " vs " + rows);
      } else {
        assertTrue(rows.stream().allMatch(r -> r.<Boolean>getAs("is_suppressed")), "only a small cell hides its value");
      }
      if (m.group(1).equals("readmission_15d_same_medins")) {
        splitStays.add(m.group(2));
      }
    }
    assertFalse(levels.isEmpty());
    List<String> sorted = new ArrayList<>(levels);
    sorted.sort(java.util.Comparator.comparingInt(List.of("red", "orange", "yellow")::indexOf));
    assertEquals(sorted, levels, "worst first");
    // the split stays the generator planted to show in 2025 (the report's year)
    List<String> planted = GeneratedLake.get().report.plantedAnomalies().stream()
        .filter(a -> a.kind().equals("split_stay") && a.alerts() && a.years().contains(2025))
        .map(org.yibao.lake.generate.PlantedAnomaly::entity).toList();
    assertFalse(planted.isEmpty());
    assertTrue(splitStays.containsAll(planted), "warned " + splitStays + ", planted " + planted);
  }
}
