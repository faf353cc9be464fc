package org.yibao.lake.tests.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.GeneratorOptions;
import org.yibao.lake.generate.ProvinceGenerator;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.tests.TestSpark;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.GeneratedLake;

/**
 * The figures the 2025 report of the generated province shows are the figures of the tables they come from:
 * the headline expenditure is Σ hifp_pay of {@code dws.fund_expenditure_month}, every warning's value is its
 * {@code ads.alert} row, warnings come worst first, and the planted split-stay institutions are warned; the
 * planted siphoning is warned in the report of a two-year province.
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

  /**
   * The siphoning the generator plants shows as the fall of the county's in-county inpatient rate on the year
   * before ({@code in_county_inpatient_rate_change}), so it needs a year before and enough stays: the shared
   * province ({@link GeneratedLake}) holds 2025 alone at 600 persons (about 25 stays a county), so this test
   * generates its own, 2024–2025 at 3,000 persons (the siphoned county has about 60 stays a year, above the
   * minimum denominator of 50), ingests it, runs every job and reads its 2025 report as the CLI writes it.
   */
  @Test
  void thePlantedSiphoningIsWarnedInTheReport(@TempDir Path dir) throws IOException {
    Path landing = dir.resolve("landing");
    GenerationReport generated = new ProvinceGenerator().generate(new GeneratorOptions(landing, 3000, 2024, 2025, 42L,
        GeneratorOptions.Format.CSV, StandardCharsets.UTF_8, 0.0, 0));
    List<String> planted = generated.plantedAnomalies().stream()
        .filter(a -> a.kind().equals("siphoning") && a.alerts() && a.years().contains(2025))
        .map(org.yibao.lake.generate.PlantedAnomaly::entity).toList();
    assertEquals(1, planted.size(), "a siphoned county that shows in 2025: " + generated.plantedAnomalies());
    LakeSettings settings = TestSpark.settings(dir.resolve("lake"), TestSpark.confDir());
    Lake lake = new Lake(TestSpark.get(), settings.lake());
    new IngestPipeline(lake, settings, "siphon-1", "test").ingest(landing.toString());
    JobRunner.runAll(new JobCatalog().all(), new JobContext(TestSpark.get(), lake, settings,
        Policy.load(settings.confDir()), "siphon-1", LocalDate.of(2025, 12, 31), Period.ALL));
    Path out = dir.resolve("report.html");
    assertEquals(0, Yibao.execute("--conf", TestSpark.confDir().toString(), "--lake", lake.root(), "report",
        "monitoring", "--year", "2025", "--out", out.toString()));
    String html = Files.readString(out, StandardCharsets.UTF_8);
    Matcher m = WARNING_ROW.matcher(html);
    List<String> siphoned = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals("in_county_inpatient_rate_change")) {
        siphoned.add(m.group(2));
        // the row shown is one of its insutypes' ads.alert rows (all when it breaks, else 310 or 390)
        BigDecimal shown = new BigDecimal(m.group(3));
        List<Row> rows = lake.read(Tables.ADS_ALERT).filter(col("indicator_id").equalTo(m.group(1))
            .and(col("entity_id").equalTo(m.group(2))).and(col("period").equalTo("2025"))).collectAsList();
        assertTrue(rows.stream().anyMatch(r -> shown.compareTo(r.getAs("value")) == 0), m.group() + " vs " + rows);
      }
    }
    assertTrue(siphoned.containsAll(planted), "warned " + siphoned + ", planted " + planted);
  }
}
