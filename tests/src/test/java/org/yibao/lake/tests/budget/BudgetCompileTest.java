package org.yibao.lake.tests.budget;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yibao.lake.tests.Fixtures.row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.tests.Fixtures;
import org.yibao.lake.tests.TestSpark;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.jobs.budget.workbook.BudgetWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import java.nio.file.Files;

/**
 * Budget year 2026 of a hand-made province 360000: cities 360100 (counties 360102, 360103) and
 * 360200 (county 360202), a third city 360300 only as a place of treatment; insutype 310 only.
 * Three compiles: A = first scheme year (start_year 2026, weighted baseline, requested growth =
 * cap), B = A again, C = chained (default start year 2024), requested growth 0.04, revenue_share
 * packages. Every expected figure is worked out in the comments.
 *
 * <p>Pooled-fund expenditure by insured county (dws.fund_expenditure_month, hifp_pay):
 * <pre>
 * 360102 inpatient_drg_dip   2023 60,000  2024 60,000  2025 70,000 (50,000 at member H0102A, 20,000 at H0202T in 360200)
 * 360103 inpatient_drg_dip   2023 40,000  2024 50,000  2025 50,000 (30,000 member H0103A, 10,000 non-member H0103P,
 *                                                                  10,000 at H0302T in 360300)
 * 360102 outpatient_general                2024 30,000  2025 40,000 (30,000 member H0102V, 10,000 non-member H0102P)
 * 360102 outpatient_dual_channel                        2025  9,000 (at H0103A, other county)
 * 360102 inpatient_ffs                                  2025  5,000 (at H1100 in 110000, other province)
 * 360202 inpatient_drg_dip   2023 100,000 2024 100,000 2025 100,000 (70,000 at H0202T, 30,000 at H0102A in 360100)
 * 360202 outpatient_dual_channel                        2025 20,000
 * </pre>
 * Revenue 310: 360100 actual 2025 200,000, budget 2026 210,000 (growth 0.05); 360200 100,000 → 103,000
 * (0.03); county 360102 150,000 → 156,000 (0.04); county 360103 100,000 → 105,000 (0.05).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetCompileTest {
  static final String A = "budget-2026-first-test";
  static final String B = "budget-2026-again-test";
  static final String C = "budget-2026-chain-test";

  @TempDir static Path tmp;
  Lake lake;

  @BeforeAll
  void compileThreeRuns() {
    JobContext base = Fixtures.context(tmp, A, Period.year(2026), LocalDate.of(2025, 12, 31));
    lake = base.lake();
    writeInputs(lake);
    compile(A, Map.of("budget.scheme.start_year", "2026"), "first year");
    compile(B, Map.of("budget.scheme.start_year", "2026"), "same again");
    compile(C, Map.of("budget.growth.requested", "0.04", "budget.medcommunity.method", "revenue_share"), "chain");
  }

  private void compile(String runId, Map<String, String> set, String reason) {
    BudgetCompiler.compile(Fixtures.context(tmp, runId, Period.year(2026), LocalDate.of(2025, 12, 31), set),
        runId.split("-")[2], reason);
  }

  // ---- §1 baseline ------------------------------------------------------------------------------

  @Test
  void baselineOneTwoSevenWithThreeYears() {
    Row r = one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360100' AND category = 'inpatient_drg_dip'");
    // city E: 2023 60,000 + 40,000 = 100,000; 2024 110,000; 2025 120,000
    assertMoney("100000.00", r, "e_y3_amt");
    assertMoney("110000.00", r, "e_y2_amt");
    assertMoney("120000.00", r, "e_y1_amt");
    // (1×100,000 + 2×110,000 + 7×120,000) / 10 = 1,160,000 / 10 = 116,000.00
    assertMoney("116000.00", r, "baseline_amt");
    assertEquals(3, r.<Integer>getAs("history_years"));
    // province: (200,000 + 2×210,000 + 7×220,000) / 10 = 2,160,000 / 10 = 216,000.00
    assertMoney("216000.00", one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360000' AND category = 'inpatient_drg_dip'"),
        "baseline_amt");
    // county 360102: (60,000 + 120,000 + 490,000) / 10 = 67,000.00; 360103: (40,000 + 100,000 + 350,000) / 10 = 49,000.00
    assertMoney("67000.00", one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360102' AND category = 'inpatient_drg_dip'"),
        "baseline_amt");
    assertMoney("49000.00", one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360103' AND category = 'inpatient_drg_dip'"),
        "baseline_amt");
  }

  @Test
  void baselineRenormalisedWithTwoYearsAndWithOne() {
    Row two = one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360100' AND category = 'outpatient_general'");
    // (2×30,000 + 7×40,000) / (2 + 7) = 340,000 / 9 = 37,777.777… → 37,777.78
    assertMoney("37777.78", two, "baseline_amt");
    assertEquals(2, two.<Integer>getAs("history_years"));
    assertTrue(two.<Boolean>getAs("is_history_short"));
    assertNull(two.getAs("w1"));
    Row one = one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360100' AND category = 'outpatient_dual_channel'");
    // only 2025: baseline = E(Y-1) = 9,000.00
    assertMoney("9000.00", one, "baseline_amt");
    assertEquals(1, one.<Integer>getAs("history_years"));
    Row none = one(Tables.ADS_BUDGET_BASELINE, A, "admdvs = '360100' AND category = 'outpatient_chronic'");
    assertEquals(0, none.<Integer>getAs("history_years"));
    assertNull(none.getAs("baseline_amt"));
  }

  // ---- §2, §3 city budgets ----------------------------------------------------------------------

  @Test
  void firstYearWeightedBudgetGrownByRevenueGrowth() {
    Row r = one(Tables.ADS_BUDGET_CITY, A, "admdvs = '360100' AND category = 'inpatient_drg_dip'");
    assertEquals("weighted", r.getAs("base_method"));
    // growth 210,000 / 200,000 − 1 = 0.05; 116,000 × 1.05 = 121,800.00; no scaling (see below)
    assertMoney("0.050000", r, "revenue_growth_rate");
    assertMoney("0.050000", r, "growth_rate_applied");
    assertMoney("121800.00", r, "budget_before_scaling_amt");
    assertMoney("121800.00", r, "budget_amt");
    // 37,777.78 × 1.05 = 39,666.669 → 39,666.67
    assertMoney("39666.67", one(Tables.ADS_BUDGET_CITY, A, "admdvs = '360100' AND category = 'outpatient_general'"),
        "budget_amt");
    // bottom-up 121,800 + 39,666.67 + 9,450 + 5,250 = 176,166.67 ≤ ceiling 210,000 × 0.98 = 205,800.00
    assertMoney("176166.67", r, "bottom_up_amt");
    assertMoney("205800.00", r, "ceiling_amt");
    assertMoney("1.000000", r, "scaling_factor");
    Row none = one(Tables.ADS_BUDGET_CITY, A, "admdvs = '360100' AND category = 'outpatient_chronic'");
    assertNull(none.getAs("budget_amt"));
    assertTrue(none.<String>getAs("note").startsWith("no history"));
  }

  @Test
  void ceilingScalingKeepsTheFixedCategory() {
    // 360200: growth 103,000 / 100,000 − 1 = 0.03; drg 100,000 × 1.03 = 103,000; dual (fixed) 20,000 × 1.03 = 20,600;
    // bottom-up 123,600 > ceiling 103,000 × 0.98 = 100,940; room 100,940 − 20,600 = 80,340 → drg 80,340.00,
    // factor 80,340 / 103,000 = 0.78
    Row drg = one(Tables.ADS_BUDGET_CITY, A, "admdvs = '360200' AND category = 'inpatient_drg_dip'");
    assertMoney("103000.00", drg, "budget_before_scaling_amt");
    assertMoney("123600.00", drg, "bottom_up_amt");
    assertMoney("100940.00", drg, "ceiling_amt");
    assertMoney("0.780000", drg, "scaling_factor");
    assertMoney("80340.00", drg, "budget_amt");
    Row dual = one(Tables.ADS_BUDGET_CITY, A, "admdvs = '360200' AND category = 'outpatient_dual_channel'");
    assertTrue(dual.<Boolean>getAs("is_fixed"));
    assertMoney("20600.00", dual, "budget_amt");
    // the province is the sum of its cities: 121,800 + 80,340 = 202,140.00; ceilings 205,800 + 100,940 = 306,740.00
    Row prov = one(Tables.ADS_BUDGET_CITY, A, "admdvs = '360000' AND category = 'inpatient_drg_dip'");
    assertMoney("202140.00", prov, "budget_amt");
    assertMoney("224800.00", prov, "budget_before_scaling_amt");
    assertMoney("306740.00", prov, "ceiling_amt");
  }

  @Test
  void chainWithRequestedGrowthBelowTheCapAndCapped() {
    // 360100: cap 0.05, requested 0.04 → 0.04; chain on E(2025) 120,000 × 1.04 = 124,800.00
    Row r = one(Tables.ADS_BUDGET_CITY, C, "admdvs = '360100' AND category = 'inpatient_drg_dip'");
    assertEquals("chain", r.getAs("base_method"));
    assertMoney("120000.00", r, "base_amt");
    assertMoney("0.040000", r, "growth_requested_rate");
    assertMoney("0.040000", r, "growth_rate_applied");
    assertMoney("124800.00", r, "budget_amt");
    // 360200: cap 0.03 < requested 0.04 → 0.03; 100,000 × 1.03 = 103,000, scaled as in run A to 80,340.00
    Row capped = one(Tables.ADS_BUDGET_CITY, C, "admdvs = '360200' AND category = 'inpatient_drg_dip'");
    assertMoney("0.030000", capped, "growth_rate_applied");
    assertMoney("103000.00", capped, "budget_before_scaling_amt");
    assertMoney("80340.00", capped, "budget_amt");
  }

  // ---- §4 medical-community packages ------------------------------------------------------------

  @Test
  void chainGrowthPackagesWithNonMemberDeduction() {
    // MC01 (360102, first year 2026): base = county baselines 67,000 + 37,777.78 + 9,000 + 5,000 = 118,777.78;
    // g = county growth 156,000 / 150,000 − 1 = 0.04; total 118,777.78 × 1.04 = 123,528.8912 → 123,528.89;
    // reserve 5 % = 6,176.4445 → 6,176.44; non-member 10,000 × 1.04 = 10,400.00;
    // members' DIP part (inpatient_drg_dip at member H0102A, settled under DIP, issue 9 item 11) 50,000 × 1.04
    // = 52,000.00; package 123,528.89 − 6,176.44 − 10,400.00 − 52,000.00 = 54,952.45
    Row mc01 = one(Tables.ADS_BUDGET_MEDCOMMUNITY, A, "medcommunity_id = 'MC01'");
    assertEquals("chain_growth", mc01.getAs("method"));
    assertEquals("weighted", mc01.getAs("base_method"));
    assertMoney("118777.78", mc01, "base_amt");
    assertMoney("123528.89", mc01, "total_budget_amt");
    assertMoney("6176.44", mc01, "reserve_amt");
    assertMoney("10400.00", mc01, "non_member_budget_amt");
    assertMoney("52000.00", mc01, "dip_part_budget_amt");
    assertMoney("54952.45", mc01, "package_amt");
    // 2025 split of 360102's insured: member 30,000 + DIP part 50,000; non-member 10,000; other county 9,000;
    // other city 20,000; other province 5,000; total 124,000
    assertMoney("124000.00", mc01, "y1_expenditure_amt");
    assertMoney("30000.00", mc01, "y1_in_county_member_amt");
    assertMoney("50000.00", mc01, "y1_member_dip_amt");
    assertMoney("10000.00", mc01, "y1_in_county_non_member_amt");
    assertMoney("9000.00", mc01, "y1_other_county_amt");
    assertMoney("20000.00", mc01, "y1_other_city_amt");
    assertMoney("5000.00", mc01, "y1_other_province_amt");
    // MC02 (360103, scheme since 2024): chain on 2025 actual 50,000 × 1.05 = 52,500.00; reserve 2,625.00;
    // non-member 10,000 × 1.05 = 10,500.00; DIP part (H0103A) 30,000 × 1.05 = 31,500.00;
    // package 52,500 − 2,625 − 10,500 − 31,500 = 7,875.00
    Row mc02 = one(Tables.ADS_BUDGET_MEDCOMMUNITY, A, "medcommunity_id = 'MC02'");
    assertEquals("chain", mc02.getAs("base_method"));
    assertMoney("52500.00", mc02, "total_budget_amt");
    assertMoney("7875.00", mc02, "package_amt");
  }

  @Test
  void revenueSharePackages() {
    // MC02: 105,000 × (1 − 2 % − 8 %): adjustment 2,100.00, risk 8,400.00, 94,500.00 less the members' DIP-part
    // budget 30,000 × (1 + revenue growth 0.05) = 31,500.00: package 63,000.00
    Row mc02 = one(Tables.ADS_BUDGET_MEDCOMMUNITY, C, "medcommunity_id = 'MC02'");
    assertEquals("revenue_share", mc02.getAs("method"));
    assertMoney("2100.00", mc02, "adjustment_fund_amt");
    assertMoney("8400.00", mc02, "risk_fund_amt");
    assertMoney("63000.00", mc02, "package_amt");
    // MC01: 156,000 × 0.9 = 140,400.00 − DIP part 50,000 × 1.04 = 52,000.00 → 88,400.00
    assertMoney("88400.00", one(Tables.ADS_BUDGET_MEDCOMMUNITY, C, "medcommunity_id = 'MC01'"), "package_amt");
  }

  // ---- §5 two-disease capitation ----------------------------------------------------------------

  @Test
  void twoDiseaseStandardAndPackage() {
    // one two-disease group (HTN or DM, each patient once) per city × insutype; all 310 in 360100:
    // 2023 P1 300 + P4 100 over 2 patients (P1, P4) = 200.00;
    // 2024 P1 500 + P2 300 + P3 100 over 3 patients = 900 / 3 = 300.00;
    // 2025 P1 600 + P2 400 + P3 250 over 3 = 1,250 / 3 = 416.666… → 416.67 (P1's reversed 1,000 and
    // inpatient 500 do not count); standard (200 + 2×300 + 7×416.67) / 10 = 3,716.69 / 10 = 371.669 → 371.67;
    // MC01 signs P1, P2, P3 → 3 × 371.67 = 1,115.01; outside the members after signing: P2's 400 at H0202T
    // and P3's 250 at the private H0102P = 650.00 → package 465.01
    Row mc01 = one(Tables.ADS_BUDGET_TWO_DISEASE, A, "medcommunity_id = 'MC01' AND insutype = '310'");
    assertEquals("HTN+DM", mc01.getAs("dise_type"));
    assertMoney("200.00", mc01, "per_capita_y3_amt");
    assertMoney("300.00", mc01, "per_capita_y2_amt");
    assertMoney("416.67", mc01, "per_capita_y1_amt");
    assertEquals(3L, mc01.<Long>getAs("patient_y1_cnt"));
    assertMoney("371.67", mc01, "standard_amt");
    assertEquals(3, mc01.<Integer>getAs("history_years"));
    assertEquals(3L, mc01.<Long>getAs("signed_patient_cnt"));
    assertMoney("1115.01", mc01, "gross_package_amt");
    assertMoney("650.00", mc01, "outside_member_amt");
    assertMoney("465.01", mc01, "package_amt");
    assertTrue(mc01.<Boolean>getAs("is_suppressed"));
    // MC02 has the same city standard and nobody signed
    Row mc02 = one(Tables.ADS_BUDGET_TWO_DISEASE, A, "medcommunity_id = 'MC02' AND insutype = '310'");
    assertMoney("371.67", mc02, "standard_amt");
    assertMoney("0.00", mc02, "package_amt");
  }

  // ---- §7 cross-region, bed-day -----------------------------------------------------------------

  @Test
  void crossRegionAllocationSumsToTheChainedTotal() {
    // 360100's insured in 2025 in other cities: 360200 20,000, 360300 10,000 → 30,000; g 0.05 → 31,500.00;
    // shares 0.666667 / 0.333333 → 21,000.00 + 10,500.00
    Dataset<Row> rows = rows(Tables.ADS_BUDGET_CROSS_REGION, A).filter("insuplc_city = '360100'");
    Row to2 = rows.filter("mdtrtarea_city = '360200'").head();
    assertMoney("30000.00", to2, "y1_insuplc_total_amt");
    assertMoney("31500.00", to2, "chained_total_amt");
    assertMoney("0.666667", to2, "share_rate");
    assertMoney("21000.00", to2, "allocation_amt");
    assertMoney("10500.00", rows.filter("mdtrtarea_city = '360300'").head(), "allocation_amt");
    BigDecimal sum = rows.agg(org.apache.spark.sql.functions.sum("allocation_amt")).head().getDecimal(0);
    assertEquals(0, new BigDecimal("31500.00").compareTo(sum));
    // 360200: 30,000 in 360100, g min(0.04 requested, 0.03) = 0.03 in run C → 30,900.00
    assertMoney("30900.00", one(Tables.ADS_BUDGET_CROSS_REGION, C, "insuplc_city = '360200'"), "allocation_amt");
    assertEquals(3, rows(Tables.ADS_BUDGET_CROSS_REGION, A).count());
  }

  @Test
  void bedDayMaxima() {
    // 2026 has 365 days; H0102A 100 × 365 × 0.9 = 32,850.00; H0102P 33 × 365 × 0.9 = 10,840.50;
    // H0103A had 40 beds until 2025-06-30, 50 since: 50 × 365 × 0.9 = 16,425.00
    assertMoney("32850.00", one(Tables.ADS_BED_DAY_AGREEMENT, A, "fixmedins_code = 'H0102A'"), "max_bed_days");
    assertMoney("10840.50", one(Tables.ADS_BED_DAY_AGREEMENT, A, "fixmedins_code = 'H0102P'"), "max_bed_days");
    Row h3 = one(Tables.ADS_BED_DAY_AGREEMENT, A, "fixmedins_code = 'H0103A'");
    assertEquals(50L, h3.<Long>getAs("bed_cnt"));
    assertMoney("16425.00", h3, "max_bed_days");
    // H0102A's 2025 inpatient rows: 500 bed-days (360102 drg) + 300 (360202 drg)
    assertEquals(800L, one(Tables.ADS_BED_DAY_AGREEMENT, A, "fixmedins_code = 'H0102A'").<Long>getAs("y1_bed_days"));
    assertEquals(0, rows(Tables.ADS_BED_DAY_AGREEMENT, A).filter("fixmedins_code = 'H0102V'").count());
  }

  // ---- runs: reproducible, recorded, adopted, compared -----------------------------------------

  @Test
  void sameInputsGiveTheSameFiguresToTheCent() {
    assertTrue(BudgetCompiler.diff(lake, A, B).isEmpty(), () -> BudgetCompiler.diff(lake, A, B).toString());
    for (TableId t : BudgetCompiler.OUTPUTS) {
      assertEquals(rows(t, A).count(), rows(t, B).count(), t.toString());
    }
  }

  @Test
  void runRecordsParametersAndInputVersions() {
    Row run = BudgetCompiler.run(lake, C);
    assertEquals(2026, run.<Integer>getAs("budget_year"));
    assertEquals("chain", run.getAs("scenario"));
    assertEquals("chain", run.getAs("reason"));
    List<Row> params = run.getList(run.fieldIndex("parameters"));
    assertTrue(params.stream().anyMatch(p -> p.getString(0).equals("budget.growth.requested")
        && p.getString(3).equals("0.04") && p.getString(5).equals("--set")));
    assertTrue(params.stream().anyMatch(p -> p.getString(0).equals("budget.ceiling.surplus_margin")
        && p.getString(5).equals("conf/policy/budget.yml")));
    Map<String, Long> versions = run.getJavaMap(run.fieldIndex("input_versions"));
    assertTrue(versions.containsKey("dws.fund_expenditure_month"));
    assertTrue(versions.containsKey("dwd.setl"));
    assertFalse(versions.containsKey("ads.budget_baseline"));
  }

  @Test
  void diffAndAdopt() {
    List<BudgetCompiler.Difference> d = BudgetCompiler.diff(lake, A, C);
    assertTrue(d.contains(new BudgetCompiler.Difference("ads.budget_city", "360100/310/inpatient_drg_dip", "budget_amt",
        "121800.00", "124800.00")), d::toString);
    assertTrue(d.stream().noneMatch(x -> x.table().equals("ads.bed_day_agreement")
        || x.table().equals("ads.budget_two_disease")), d::toString);

    BudgetCompiler.adopt(lake, A, "approved draft");
    BudgetCompiler.adopt(lake, C, "approved by the finance committee");
    List<Row> adopted = lake.read(Tables.ADS_BUDGET_RUN).filter("budget_year = 2026 AND is_adopted").collectAsList();
    assertEquals(1, adopted.size());
    assertEquals(C, adopted.get(0).getAs("budget_run_id"));
    assertEquals("approved by the finance committee", adopted.get(0).getAs("adopted_reason"));
    assertNotNull(adopted.get(0).getAs("adopted_at"));
    assertEquals(3, lake.read(Tables.ADS_BUDGET_RUN).count());
  }

  // ---- the workbook ----------------------------------------------------------------------------

  @Test
  void workbookShowsTheTableFiguresAndItsFormulasEvaluateToTheCachedValues() throws Exception {
    Path out = tmp.resolve("2026年医保基金支出预算编制表.xlsx");
    BudgetWorkbook.write(lake, TestSpark.confDir(), A, out);
    BudgetCategories categories = BudgetCategories.load(TestSpark.confDir());
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out))) {
      assertEquals(List.of(BudgetWorkbook.INFO, BudgetWorkbook.PROVINCE, BudgetWorkbook.CITIES, BudgetWorkbook.CEILING,
          BudgetWorkbook.MEDCOMMUNITY, BudgetWorkbook.TWO_DISEASE, BudgetWorkbook.CROSS_REGION, BudgetWorkbook.BED_DAY),
          java.util.stream.IntStream.range(0, wb.getNumberOfSheets()).mapToObj(wb::getSheetName).toList());
      assertEquals(A, wb.getSheet(BudgetWorkbook.INFO).getRow(2).getCell(1).getStringCellValue());

      XSSFSheet cities = wb.getSheet(BudgetWorkbook.CITIES);
      assertEquals(2, cities.getPaneInformation().getHorizontalSplitTopRow());
      Map<String, Integer> h = headers(cities);
      int checked = 0;
      for (Row t : rows(Tables.ADS_BUDGET_CITY, A).filter("region_level = 'city'").collectAsList()) {
        XSSFRow x = find(cities, h, t.getAs("admdvs"), t.getAs("insutype"),
            categories.get(t.getAs("category")).zh());
        assertSameMoney(t.getAs("budget_amt"), x.getCell(h.get("预算(元)")));
        assertSameMoney(t.getAs("budget_before_scaling_amt"), x.getCell(h.get("调整前预算(元)")));
        assertSameMoney(t.getAs("base_amt"), x.getCell(h.get("基数(元)")));
        checked++;
      }
      assertEquals(rows(Tables.ADS_BUDGET_CITY, A).filter("region_level = 'city'").count(), checked);
      XSSFRow drg = find(cities, h, "360100", "310", categories.get("inpatient_drg_dip").zh());
      Cell baseline = drg.getCell(h.get("加权基数(元)"));
      assertEquals(CellType.FORMULA, baseline.getCellType());
      assertTrue(baseline.getCellFormula().startsWith("ROUND(("), baseline.getCellFormula());
      // cached value = (1×100,000 + 2×110,000 + 7×120,000) / 10
      assertEquals(116000.00, baseline.getNumericCellValue(), 0.001);
      assertEquals("#,##0.00", baseline.getCellStyle().getDataFormatString());
      assertEquals(CellType.FORMULA, drg.getCell(h.get("调整前预算(元)")).getCellType());

      XSSFSheet mc = wb.getSheet(BudgetWorkbook.MEDCOMMUNITY);
      Map<String, Integer> hm = headers(mc);
      for (int i = 2; i < mc.getLastRowNum(); i++) {
        XSSFRow x = mc.getRow(i);
        Row t = one(Tables.ADS_BUDGET_MEDCOMMUNITY, A,
            "medcommunity_id = '" + x.getCell(0).getStringCellValue() + "'");
        assertSameMoney(t.getAs("package_amt"), x.getCell(hm.get("打包额度(元)")));
      }

      // the recalculation by an independent engine: tests/.../workbook/WorkbookRecalcTest
    }
  }

  static Map<String, Integer> headers(XSSFSheet sh) {
    Map<String, Integer> h = new java.util.HashMap<>();
    for (Cell c : sh.getRow(0)) {
      h.put(c.getStringCellValue(), c.getColumnIndex());
    }
    return h;
  }

  static XSSFRow find(XSSFSheet sh, Map<String, Integer> h, String admdvs, String insutype, String categoryZh) {
    for (int i = 2; i < sh.getLastRowNum(); i++) {
      XSSFRow r = sh.getRow(i);
      if (r.getCell(h.get("统筹区代码")).getStringCellValue().equals(admdvs)
          && r.getCell(h.get("险种")).getStringCellValue().equals(insutype)
          && r.getCell(h.get("支出类别")).getStringCellValue().equals(categoryZh)) {
        return r;
      }
    }
    throw new AssertionError("no row " + admdvs + "/" + insutype + "/" + categoryZh + " in " + sh.getSheetName());
  }

  /** A cell shows the table's figure to the cent (缺失/不适用 where the table has none). */
  static void assertSameMoney(BigDecimal expected, Cell c) {
    if (expected == null) {
      assertEquals(CellType.STRING, c.getCellType(), c.getAddress().toString());
      return;
    }
    assertEquals(expected, BigDecimal.valueOf(c.getNumericCellValue()).setScale(2, java.math.RoundingMode.HALF_UP),
        c.getAddress().toString());
  }

  // ---- helpers and fixtures ---------------------------------------------------------------------

  Dataset<Row> rows(TableId t, String run) {
    return lake.read(t).filter(col("budget_run_id").equalTo(run));
  }

  Row one(TableId t, String run, String where) {
    List<Row> r = rows(t, run).filter(where).collectAsList();
    assertEquals(1, r.size(), t + " " + run + " " + where);
    return r.get(0);
  }

  static void assertMoney(String expected, Row r, String column) {
    BigDecimal v = r.getAs(column);
    assertNotNull(v, column);
    assertEquals(new BigDecimal(expected), v, column);
  }

  static Object[] fem(int year, String insuplc, String area, String code, String category, String amt, long bedDays) {
    String medClass = category.startsWith("inpatient") ? "inpatient" : "outpatient";
    return row(year + "-06", year, insuplc, area, code, "310", category, medClass, amt, bedDays);
  }

  static void writeInputs(Lake lake) {
    Fixtures.table(lake, Tables.DWS_FUND_EXPENDITURE_MONTH, "setl_month STRING, setl_year INT, insuplc_admdvs STRING, "
            + "mdtrtarea_admdvs STRING, fixmedins_code STRING, insutype STRING, category STRING, med_class STRING, "
            + "hifp_pay DECIMAL(18,2), bed_days BIGINT",
        fem(2023, "360102", "360102", "H0102A", "inpatient_drg_dip", "60000", 400),
        fem(2024, "360102", "360102", "H0102A", "inpatient_drg_dip", "60000", 400),
        fem(2025, "360102", "360102", "H0102A", "inpatient_drg_dip", "50000", 500),
        fem(2025, "360102", "360202", "H0202T", "inpatient_drg_dip", "20000", 100),
        fem(2023, "360103", "360103", "H0103A", "inpatient_drg_dip", "40000", 300),
        fem(2024, "360103", "360103", "H0103A", "inpatient_drg_dip", "50000", 300),
        fem(2025, "360103", "360103", "H0103A", "inpatient_drg_dip", "30000", 200),
        fem(2025, "360103", "360103", "H0103P", "inpatient_drg_dip", "10000", 100),
        fem(2025, "360103", "360302", "H0302T", "inpatient_drg_dip", "10000", 100),
        fem(2024, "360102", "360102", "H0102V", "outpatient_general", "30000", 0),
        fem(2025, "360102", "360102", "H0102V", "outpatient_general", "30000", 0),
        fem(2025, "360102", "360102", "H0102P", "outpatient_general", "10000", 0),
        fem(2025, "360102", "360103", "H0103A", "outpatient_dual_channel", "9000", 0),
        fem(2025, "360102", "110101", "H1100", "inpatient_ffs", "5000", 50),
        fem(2023, "360202", "360202", "H0202T", "inpatient_drg_dip", "100000", 700),
        fem(2024, "360202", "360202", "H0202T", "inpatient_drg_dip", "100000", 700),
        fem(2025, "360202", "360202", "H0202T", "inpatient_drg_dip", "70000", 500),
        fem(2025, "360202", "360102", "H0102A", "inpatient_drg_dip", "30000", 300),
        fem(2025, "360202", "360202", "H0202T", "outpatient_dual_channel", "20000", 0));
    Fixtures.table(lake, Tables.DWD_FUND_REVENUE, "admdvs STRING, insutype STRING, year INT, kind STRING, "
            + "revenue DECIMAL(18,2)",
        row("360100", "310", 2025, "actual", "200000"), row("360100", "310", 2026, "budget", "210000"),
        row("360200", "310", 2025, "actual", "100000"), row("360200", "310", 2026, "budget", "103000"),
        row("360102", "310", 2025, "actual", "150000"), row("360102", "310", 2026, "budget", "156000"),
        row("360103", "310", 2025, "actual", "100000"), row("360103", "310", 2026, "budget", "105000"));
    Fixtures.table(lake, Tables.DIM_ADMDVS, "admdvs STRING, admdvs_name STRING, admdvs_lv INT, prnt_admdvs STRING",
        // 110000 is another province (a place of treatment only): not the lake's province
        row("360000", "测试省", 1, null), row("110000", "北京市", 1, null), row("360100", "甲市", 2, "360000"),
        row("360200", "乙市", 2, "360000"),
        row("360300", "丙市", 2, "360000"), row("360102", "甲一县", 3, "360100"), row("360103", "甲二县", 3, "360100"),
        row("360202", "乙一县", 3, "360200"), row("360302", "丙一县", 3, "360300"));
    Fixtures.table(lake, Tables.DIM_MEDCOMMUNITY, "medcommunity_id STRING, medcommunity_name STRING, admdvs STRING, "
            + "lead_fixmedins_code STRING, scheme_begn_year INT",
        row("MC01", "甲一县医共体", "360102", "H0102A", 2026), row("MC02", "甲二县医共体", "360103", "H0103A", 2024));
    String medins = "fixmedins_code STRING, fixmedins_name STRING, admdvs STRING, hosp_lv STRING, medins_type STRING, "
        + "medcommunity_id STRING, lead_flag INT, aprv_bed_cnt INT, begndate DATE, enddate DATE";
    Fixtures.table(lake, Tables.DIM_MEDINS, medins,
        row("H0102A", "甲一县人民医院", "360102", "2", "general", "MC01", 1, 100, "2015-01-01", null),
        row("H0102V", "甲一村卫生室", "360102", "0", "village", "MC01", 0, 0, "2015-01-01", null),
        row("H0102P", "甲一民营医院", "360102", "1", "private", null, 0, 33, "2015-01-01", null),
        row("H0103A", "甲二县人民医院", "360103", "2", "general", "MC02", 1, 40, "2015-01-01", "2025-06-30"),
        row("H0103A", "甲二县人民医院", "360103", "2", "general", "MC02", 1, 50, "2025-07-01", null),
        row("H0103P", "甲二民营医院", "360103", "1", "private", null, 0, 0, "2015-01-01", null),
        row("H0202T", "乙市三甲医院", "360202", "3", "general", null, 0, 0, "2015-01-01", null));
    // two-disease patients: P1-P3 insured in 360102, P4 in 360103, P5 in 360202 (not registered)
    Fixtures.table(lake, Tables.DWD_INSU, "psn_no STRING, insutype STRING, insuplc_admdvs STRING, begndate DATE, "
            + "enddate DATE",
        row("P1", "310", "360102", "2015-01-01", null), row("P2", "310", "360102", "2015-01-01", null),
        row("P3", "310", "360102", "2015-01-01", null), row("P4", "310", "360103", "2015-01-01", null),
        row("P5", "310", "360202", "2015-01-01", null));
    Fixtures.table(lake, Tables.DWD_CHRONIC_REG, "psn_no STRING, dise_type STRING, begndate DATE, enddate DATE",
        row("P1", "HTN", "2020-01-01", null), row("P2", "HTN", "2024-01-01", null),
        row("P3", "DM", "2024-01-01", null), row("P4", "HTN", "2023-01-01", "2023-12-31"));
    Fixtures.table(lake, Tables.DWD_FD_SIGN, "psn_no STRING, fixmedins_code STRING, begndate DATE, enddate DATE",
        row("P1", "H0102V", "2022-01-01", null), row("P2", "H0102A", "2025-03-01", null),
        row("P3", "H0102A", "2021-01-01", null));
    String setl = "setl_id STRING, psn_no STRING, insutype STRING, setl_year INT, setl_date DATE, fixmedins_code STRING, "
        + "hifp_pay DECIMAL(18,2), category STRING, is_reversal BOOLEAN, is_reversed BOOLEAN, is_after_close BOOLEAN";
    Fixtures.table(lake, Tables.DWD_SETL, setl,
        row("S1", "P1", "310", 2023, "2023-03-01", "H0102V", "300", "outpatient_general", false, false, false),
        row("S2", "P4", "310", 2023, "2023-04-01", "H0103A", "100", "outpatient_general", false, false, false),
        row("S3", "P1", "310", 2024, "2024-03-01", "H0102V", "500", "outpatient_general", false, false, false),
        row("S4", "P2", "310", 2024, "2024-05-01", "H0102V", "300", "outpatient_chronic", false, false, false),
        row("S5", "P1", "310", 2025, "2025-03-01", "H0102V", "600", "outpatient_general", false, false, false),
        row("S6", "P2", "310", 2025, "2025-05-10", "H0202T", "400", "outpatient_general", false, false, false),
        row("S7", "P3", "310", 2024, "2024-06-01", "H0102A", "100", "outpatient_general", false, false, false),
        row("S8", "P3", "310", 2025, "2025-06-01", "H0102P", "250", "outpatient_general", false, false, false),
        row("S9", "P5", "310", 2025, "2025-01-01", "H0202T", "999", "outpatient_general", false, false, false),
        row("S10", "P1", "310", 2025, "2025-07-01", "H0102V", "1000", "outpatient_general", false, true, false),
        row("S11", "P1", "310", 2025, "2025-08-01", "H0102A", "500", "inpatient_drg_dip", false, false, false),
        // 2025 is closed in the data (a settlement on 31 December), so a 2026 compile is allowed; an
        // inpatient stay of P5 (not registered) changes no two-disease figure
        row("S12", "P5", "310", 2025, "2025-12-31", "H0202T", "700", "inpatient_drg_dip", false, false, false));
  }
}
