package org.yibao.lake.tests.settlement;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yibao.lake.tests.Fixtures.row;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.settlement.Settle;
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.jobs.settlement.SettlementStatement;
import org.yibao.lake.tests.Fixtures;

/**
 * The settlement jobs on a tiny lake, with the repository's conf/policy/settlement.yml (actual_capped,
 * monthly caps, 5 % deposit, bands ≤10 % at 1.0 and beyond at 0.5, TCM bonus 5 from 2025):
 * community MC1 in county 360102 with members H1 (general), H2 (tcm), T1 (township); X1 is not a member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettlementJobsTest {
  @TempDir static Path tmp;
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
  Lake lake;
  String noBudgetMessage;
  String demoNoBudgetMessage;
  boolean demoWroteNoRun;
  String yearEndRun1;
  String yearEndRun2;
  final SettlementInputs inputs = new SettlementInputs(2025, Map.of("MC1", new SettlementInputs.Community(
      new BigDecimal("1000.00"), null, null, Map.of("2025-01", LocalDate.of(2025, 3, 11)))), List.of(), "test", "");

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @BeforeAll
  void settle() {
    JobContext ctx = Fixtures.context(tmp, "settle-prepay-1", Period.year(2025), AS_OF);
    lake = ctx.lake();
    Fixtures.table(lake, Tables.DIM_MEDCOMMUNITY, "medcommunity_id STRING, medcommunity_name STRING, admdvs STRING",
        row("MC1", "一号医共体", "360102"));
    String medins = "fixmedins_code STRING, admdvs STRING, hosp_lv STRING, medins_type STRING, medcommunity_id STRING, "
        + "begndate DATE";
    Fixtures.table(lake, Tables.DIM_MEDINS, medins,
        row("H1", "360102", "2", "general", "MC1", "2020-01-01"),
        row("H2", "360102", "2", "tcm", "MC1", "2020-01-01"),
        row("T1", "360102", "0", "township", "MC1", "2020-01-01"),
        row("X1", "360103", "3", "general", null, "2020-01-01"));
    String dws = "setl_month STRING, setl_year INT, insuplc_admdvs STRING, mdtrtarea_admdvs STRING, "
        + "fixmedins_code STRING, insutype STRING, category STRING, med_class STRING, hifp_pay DECIMAL(18,2), "
        + "bed_days BIGINT";
    Fixtures.table(lake, Tables.DWS_FUND_EXPENDITURE_MONTH, dws,
        // inpatient_ffs: the DIP category (a member's DIP part) is the DIP pool's, tested in CommunityCycleTest
        row("2024-06", 2024, "360102", "360102", "H1", "390", "inpatient_ffs", "inpatient", "1200000.00", 30L),
        row("2024-03", 2024, "360102", "360103", "X1", "390", "inpatient_drg_dip", "inpatient", "60000.00", 5L),
        row("2025-01", 2025, "360102", "360102", "H1", "390", "inpatient_ffs", "inpatient", "130000.00", 8L),
        row("2025-02", 2025, "360102", "360102", "H2", "390", "outpatient_general", "outpatient", "60000.00", 0L),
        row("2025-03", 2025, "360102", "360102", "T1", "390", "outpatient_general", "outpatient", "20000.00", 0L),
        row("2025-03", 2025, "360102", "360102", "H1", "310", "inpatient_ffs", "inpatient", "40000.00", 4L),
        row("2025-05", 2025, "360102", "360103", "X1", "390", "inpatient_drg_dip", "inpatient", "90000.00", 6L),
        // another county's insured at a member: not MC1's spending
        row("2025-04", 2025, "360103", "360102", "H1", "390", "inpatient_drg_dip", "inpatient", "77777.77", 3L));
    String budgetRun = "budget_run_id STRING, budget_year INT, scenario STRING, is_adopted BOOLEAN";
    Fixtures.table(lake, Tables.ADS_BUDGET_RUN, budgetRun, row("B1", 2025, "base", false));
    Fixtures.table(lake, Tables.ADS_BUDGET_MEDCOMMUNITY, "budget_run_id STRING, medcommunity_id STRING, "
        + "package_amt DECIMAL(18,2), method STRING, y1_in_county_member_amt DECIMAL(18,2)",
        row("B1", "MC1", "1200000.00", "chain_growth", "1200000.00"), row("B0", "MC1", "999.00", "chain_growth", null));
    Fixtures.table(lake, Tables.ADS_BED_DAY_AGREEMENT, "budget_run_id STRING, fixmedins_code STRING, admdvs STRING, "
        + "aprv_bed_cnt INT, days INT, max_occupancy DECIMAL(9,6), max_bed_days DECIMAL(18,2), deduction_rate DECIMAL(9,6)",
        row("B1", "H1", "360102", 1, 365, "0.9", "10.00", "1.0"));
    Fixtures.table(lake, Tables.DWD_MANUAL_SCORE, "year INT, medcommunity_id STRING, item STRING, score DECIMAL(9,2)",
        row(2025, "MC1", "satisfaction", "8.50"), row(2025, "MC1", "no_fraud", "10.00"),
        row(2025, "MC1", "no_refusal_complaint", "10.00"), row(2024, "MC1", "satisfaction", "1.00"));
    // only rows the indicator job publishes (indicator.published_levels): cost growth exists for regions, never for a
    // community, so the scorecard reads it at the county, which has no row here. The chain from real indicator rows
    // is CommunityCycleTest's.
    Fixtures.table(lake, Tables.ADS_INDICATOR, "indicator_id STRING, period_type STRING, period STRING, level STRING, "
        + "entity_id STRING, insutype STRING, value DECIMAL(18,6)",
        row("in_county_inpatient_rate", "year", "2025", "medcommunity", "MC1", "all", "0.90"),
        row("self_pay_rate", "year", "2025", "medcommunity", "MC1", "all", "0.08"),
        row("self_pay_rate", "year", "2024", "medcommunity", "MC1", "all", "0.50"));

    // the §7 outpatient and DIP jobs of the year-end run (SettlementOutpatientDipJobsTest) find nothing to do here
    Fixtures.table(lake, Tables.DIM_ADMDVS, "admdvs STRING, admdvs_lv INT", row("360100", 2), row("360102", 3),
        row("360103", 3));
    Fixtures.table(lake, Tables.ADS_BUDGET_CROSS_REGION, "budget_run_id STRING, insuplc_city STRING, insutype STRING, "
        + "mdtrtarea_city STRING, is_in_province BOOLEAN, category STRING, allocation_amt DECIMAL(18,2)");
    Fixtures.table(lake, Tables.DWD_SETL, "setl_id STRING, psn_no STRING, insutype STRING, insuplc_admdvs STRING, "
        + "mdtrtarea_admdvs STRING, fixmedins_code STRING, category STRING, pay_method STRING, "
        + "case_points DECIMAL(18,2), special_case_flag INT, hifp_pay DECIMAL(18,2), setl_year INT, "
        + "is_reversal BOOLEAN, is_reversed BOOLEAN");
    Fixtures.table(lake, Tables.ADS_BUDGET_CITY, "budget_run_id STRING, admdvs STRING, insutype STRING, "
        + "category STRING, budget_amt DECIMAL(18,2)");

    // no adopted budget for 2025 yet
    noBudgetMessage = assertThrows(ConfigException.class,
        () -> Settle.yearEnd(Fixtures.context(tmp, "settle-year-end-0", Period.year(2025), AS_OF), inputs))
        .getMessage();
    demoNoBudgetMessage = assertThrows(ConfigException.class, () -> Settle.demo(ctx, tmp)).getMessage();
    demoWroteNoRun = !lake.exists(Tables.ADS_SETTLEMENT_RUN);
    Fixtures.table(lake, Tables.ADS_BUDGET_RUN, budgetRun, row("B0", 2025, "base", false),
        row("B1", 2025, "base", true), row("B2", 2024, "base", true));

    Settle.prepay(ctx, inputs);
    Settle.monthly(Fixtures.context(tmp, "settle-monthly-1", Period.year(2025), AS_OF), inputs);
    yearEndRun1 = "settle-year-end-1";
    yearEndRun2 = "settle-year-end-2";
    Settle.yearEnd(Fixtures.context(tmp, yearEndRun1, Period.year(2025), AS_OF), inputs);
    Settle.yearEnd(Fixtures.context(tmp, yearEndRun2, Period.year(2025), AS_OF), inputs);
  }

  @Test
  void yearEndWithoutAnAdoptedBudgetFailsClearly() {
    assertEquals("no adopted budget for 2025: run `yibao budget adopt`", noBudgetMessage);
    // the demo's settlement step stops before its first run
    assertEquals(noBudgetMessage, demoNoBudgetMessage);
    assertTrue(demoWroteNoRun);
  }

  @Test
  void prepaymentIsLastYearsMonthlyAverage() {
    // 2024: the members' own 1 200 000 (H1); X1's 60 000 is not MC1's to settle (issue 9 item 13)
    // → 1 200 000 / 12 = 100 000.00 × 1 month
    Row r = lake.read(Tables.ADS_SETTLEMENT_PREPAY).head();
    assertEquals(d("1200000.00"), r.getAs("last_year_fund_amt"));
    assertEquals(d("100000.00"), r.getAs("avg_monthly_amt"));
    assertEquals(d("100000.00"), r.getAs("prepay_amt"));
  }

  @Test
  void monthlyActualCappedWithDepositAndCalendar() {
    List<Row> m = lake.read(Tables.ADS_SETTLEMENT_MONTHLY).orderBy("settle_month").collectAsList();
    assertEquals(12, m.size());
    // Jan: members 130 000 > cap 1 200 000 / 12 = 100 000 -> gross 100 000; deposit 5 % = 5 000; net 95 000
    Row jan = m.get(0);
    assertEquals("actual_capped", jan.getAs("mode"));
    assertEquals(d("130000.00"), jan.getAs("actual_amt"));
    assertEquals(d("100000.00"), jan.getAs("cap_amt"));
    assertEquals(d("100000.00"), jan.getAs("gross_amt"));
    assertEquals(d("5000.00"), jan.getAs("deposit_withheld_amt"));
    assertEquals(d("95000.00"), jan.getAs("net_paid_amt"));
    // declared Mon 2025-02-10; 20 working days: Feb 11–14 (4), 17–21 (9), 24–28 (14), Mar 3–7 (19), Mon Mar 10;
    // paid 2025-03-11: late
    assertEquals(Date.valueOf("2025-02-10"), jan.getAs("declaration_date"));
    assertEquals(Date.valueOf("2025-03-10"), jan.getAs("payment_due_date"));
    assertEquals(true, jan.getAs("is_late"));
    // Mar: T1 20 000 + H1 40 000 (employee) = 60 000 under the cap; ytd net 95 000 + 57 000 + 57 000 = 209 000
    Row mar = m.get(2);
    assertEquals(d("60000.00"), mar.getAs("gross_amt"));
    assertEquals(d("209000.00"), mar.getAs("ytd_net_paid_amt"));
    assertEquals(d("250000.00"), mar.getAs("ytd_actual_amt"));
    // May: X1 is not a member: nothing claimed by the community
    assertEquals(d("0.00"), m.get(4).getAs("gross_amt"));
  }

  @Test
  void performanceScoreWithTheTcmBonus() {
    // indicators: in-county 0.90 ≥ 0.85 -> 20; growth is read at the county (360102), which has no row -> missing;
    // self-pay 0.08 ≤ 0.10 -> 20; sign rate missing; manual: 8.5 + 10 + 10 = 28.5; items 68.5;
    // H2 is a TCM hospital: + 5 = 73.5
    Row r = lake.read(Tables.ADS_PERFORMANCE_SCORE).filter(col("settlement_run_id").equalTo(yearEndRun1)
        .and(col("item").equalTo("family_doctor_signing_rate"))).head();
    assertEquals(true, r.getAs("is_missing"));
    assertEquals("missing", r.getAs("status"));
    assertTrue(r.isNullAt(r.fieldIndex("points")));
    assertEquals(2, (int) r.getAs("missing_cnt"));
    assertEquals(d("68.50"), r.getAs("items_points"));
    assertEquals(d("5.00"), r.getAs("tcm_bonus_points"));
    assertEquals(d("73.50"), r.getAs("total_score"));
  }

  @Test
  void yearEndSettlementToTheCent() {
    Row r = lake.read(Tables.ADS_SETTLEMENT_YEAR_END).filter(col("settlement_run_id").equalTo(yearEndRun1)).head();
    // A = members 250 000 + outside 90 000 = 340 000; B = 1 200 000 (adopted run B1); S = 860 000
    assertEquals("B1", r.getAs("budget_run_id"));
    assertEquals(d("340000.00"), r.getAs("actual_amt"));
    assertEquals(d("860000.00"), r.getAs("surplus_amt"));
    // bands: ≤ 10 % of B = 120 000 × 1.0 = 120 000; beyond 740 000 × 0.5 = 370 000; banded 490 000
    assertEquals(d("490000.00"), r.getAs("surplus_banded_amt"));
    // score 73.5 -> factor 0.735; retained 490 000 × 0.735 = 360 150.00; settled 340 000 + 360 150 = 700 150.00
    assertEquals(d("0.735000"), r.getAs("score_factor_rate"));
    assertEquals(d("360150.00"), r.getAs("retained_amt"));
    assertEquals(d("700150.00"), r.getAs("settled_amt"));
    // deposit 5 000 + 3 000 + 3 000 = 11 000 × 0.735 = 8 085.00; monthly paid gross 220 000 (net 209 000) over 12 months
    assertEquals(d("8085.00"), r.getAs("deposit_returned_amt"));
    assertEquals(d("220000.00"), r.getAs("monthly_paid_amt"));
    assertEquals(d("209000.00"), r.getAs("monthly_net_paid_amt"));
    assertEquals(12, (int) r.getAs("months_settled_cnt"));
    assertEquals(d("100000.00"), r.getAs("prepay_offset_amt"));
    // bed days are the institution's, all patients: H1 2025 inpatient fund 130 000 + 40 000 + 77 777.77 (the other
    // county's insured) = 247 777.77 over 8 + 4 + 3 = 15 bed-days > max 10: 247 777.77 × 5 / 15 × 1.0 = 82 592.59
    assertEquals(d("82592.59"), r.getAs("bed_day_deduction_amt"));
    // final = 700 150 + 8 085 − 90 000 (outside) − 220 000 (gross) − 100 000 − 82 592.59 − 1 000
    //       = 298 235 − 83 592.59 = 214 642.41
    assertEquals(d("214642.41"), r.getAs("final_payment_amt"));
    // received 100 000 + 209 000 + 214 642.41 = 523 642.41 = entitlement (700 150 − 90 000 − 82 592.59 − 1 000
    // = 526 557.41) − forfeited deposit 11 000 − 8 085 = 2 915
    assertEquals(d("526557.41"), r.getAs("entitlement_amt"));
    assertEquals(d("523642.41"), r.getAs("total_received_amt"));
  }

  @Test
  void rerunGivesTheSameCentsAndKeepsTheEarlierRun() {
    List<Row> both = lake.read(Tables.ADS_SETTLEMENT_YEAR_END).select("settlement_run_id", "final_payment_amt")
        .orderBy("settlement_run_id").collectAsList();
    assertEquals(2, both.size());
    assertEquals(both.get(0).getDecimal(1), both.get(1).getDecimal(1));
    Row run = lake.read(Tables.ADS_SETTLEMENT_RUN).filter(col("settlement_run_id").equalTo(yearEndRun1)).head();
    assertEquals("B1", run.getAs("budget_run_id"));
    assertTrue(run.<scala.collection.Map<String, Long>>getAs("input_versions").contains("ads.budget_medcommunity"));
    assertTrue(run.getList(run.fieldIndex("parameters")).size() > 5);
    assertEquals(List.of("ads.performance_score", "ads.settlement_year_end", "ads.capitation_points",
        "ads.outpatient_budget_cap", "ads.dip_point_value", "ads.bed_day_deduction"), run.getList(run.fieldIndex("outputs")));
  }

  @Test
  void statementWorkbookCarriesTheYearEndFiguresWithLiveFormulas() throws Exception {
    Path out = SettlementStatement.write(lake, 2025, "MC1", tmp.resolve("结算单.xlsx"));
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out))) {
      assertEquals(List.of("结算单", "绩效评分", "月度预结算"),
          List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
      Sheet st = wb.getSheet("结算单");
      // the latest year-end run of 2025, with the figures of yearEndSettlementToTheCent
      assertEquals(yearEndRun2, cell(st, "清算批次").getStringCellValue());
      assertEquals("#,##0.00", cell(st, "预算总额 (B)").getCellStyle().getDataFormatString());
      assertEquals(d("1200000.00"), cents(cell(st, "预算总额 (B)")));
      // formulas: A = 250 000 + 90 000; surplus = max(1 200 000 − 340 000, 0); overspend 0
      assertEquals(CellType.FORMULA, cell(st, "实际支出 (A)").getCellType());
      assertEquals(d("340000.00"), cents(cell(st, "实际支出 (A)")));
      assertEquals(d("860000.00"), cents(cell(st, "结余")));
      assertEquals(d("0.00"), cents(cell(st, "超支")));
      // bands: ≤ 10 % 120 000 × 1.0, beyond 740 000 × 0.5 = 370 000
      assertEquals(d("120000.00"), cents(cell(st, "结余分档1 留用")));
      assertEquals(d("370000.00"), cents(cell(st, "结余分档2 留用")));
      assertEquals(d("360150.00"), cents(cell(st, "结余留用")));
      // final = 700 150 + 0 + 8 085 − 90 000 − 220 000 − 100 000 − 82 592.59 − 1 000 = 214 642.41
      Cell fin = cell(st, "年终清算应付金额");
      assertEquals(CellType.FORMULA, fin.getCellType());
      assertEquals(d("214642.41"), cents(fin));
      Sheet sc = wb.getSheet("绩效评分");
      // 7 items; Σ 20 + 0 + 20 + 0 + 8.5 + 10 + 10 = 68.5 (formula); TCM bonus 5; total min(68.5, cap) + 5 = 73.5
      assertEquals(d("68.50"), cents(cell(sc, "项目得分合计", 7)));
      assertEquals(d("5.00"), cents(cell(sc, "中医医院附加分", 7)));
      assertEquals(d("73.50"), cents(cell(sc, "绩效总分", 7)));
      Sheet mo = wb.getSheet("月度预结算");
      // 12 months; Jan net 100 000 − 5 000 (formula); Σ net 209 000 (the statement deducts the gross 220 000)
      assertEquals("2025-01", mo.getRow(1).getCell(0).getStringCellValue());
      assertEquals(d("95000.00"), cents(mo.getRow(1).getCell(6)));
      assertEquals(d("209000.00"), cents(cell(mo, "合计", 6)));
      assertEquals(d("11000.00"), cents(cell(mo, "合计", 5)));
      // the statement links its score to the score sheet; the recalculation of every formula by an independent
      // engine is tests/.../workbook/WorkbookRecalcTest
      assertEquals("'绩效评分'!H12", cell(st, "绩效得分").getCellFormula());
    }
  }

  private static Cell cell(Sheet sh, String label) {
    return cell(sh, label, 1);
  }

  private static Cell cell(Sheet sh, String label, int column) {
    for (org.apache.poi.ss.usermodel.Row r : sh) {
      if (r.getCell(0) != null && label.equals(r.getCell(0).getStringCellValue())) {
        return r.getCell(column);
      }
    }
    throw new AssertionError("no row " + label + " in " + sh.getSheetName());
  }

  private static BigDecimal cents(Cell c) {
    return BigDecimal.valueOf(c.getNumericCellValue()).setScale(2, java.math.RoundingMode.HALF_UP);
  }
}
