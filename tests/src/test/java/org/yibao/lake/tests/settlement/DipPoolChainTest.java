package org.yibao.lake.tests.settlement;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.indicator.IndicatorJob;
import org.yibao.lake.jobs.settlement.CapitationPointsJob;
import org.yibao.lake.jobs.settlement.Settle;
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.tests.Landing;
import org.yibao.lake.tests.TestSpark;

/**
 * The institution-level money of docs/policy.md §3 and §7 through the real chain: hand-made landing files →
 * ingest → dwd, dws → budget compile 2025 → adopt → indicators → {@code settle year-end 2025}. Insutype 310 only;
 * every settlement has medfee = 2 × hifp (half cash), so only hifp matters below.
 *
 * <p>Province 360000: city 360100 (county 360102: community MC360102 with member H1, hosp_lv 3; non-member H3,
 * hosp_lv 1), city 360200 (county 360202: H2 and H4, hosp_lv 2), Beijing 110000 (HB) outside the province.
 * Persons: P1, P5 insured in 360102; P2, P6 in 360202; P3 in 110000. One approved bed each (HB none).
 * <pre>
 * 2024 (Y-1)                                              2025 (Y)
 * y1 P1 at H1  DIP inpatient          80,000.00           c1 P1 at H1 DIP 600 pts 60,000  03-01→03-11 (10 bed-days)
 * y2 P1 at H2  DRG inpatient          20,000.00           c2 P2 at H1 DIP 400 pts 35,000  04-01→04-05 (4)
 * y3 P1 at HB  DIP inpatient (Beijing) 10,000.00          c3 P5 at H3 DIP 500 pts 30,000  06-01→06-21 (20)
 * y4 P2 at H2  DRG inpatient          50,000.01           c4 P3 (Beijing insured) at H1 DIP 999 pts 77,777  05-01→05-03 (2)
 * y5 P2 at H1  DIP inpatient          30,000.00           c5 P1 at HB DIP 700 pts 12,345 (Beijing)
 * y6 P1 at H1  outpatient              8,000.00           c6 P2 at H2 DRG 300 pts 40,000  07-01→07-03 (2)
 * y7 P1 at H2  outpatient              2,000.00           c7 P1 at H4 DRG 300 pts 30,000  08-01→08-03 (2)
 *                                                         c8 P6 at H2 DRG special case 5,000  09-01→09-03 (2)
 *                                                         o1 P1 at H1 6,000; o2 P5 at H3 4,000; o3 P1 at H2 1,000
 * </pre>
 * Revenue 310: 360100 1,000,000 (2024 actual) → 1,050,000 (2025 budget), growth 0.05; 360200 500,000 → 510,000, 0.02;
 * the counties the same. Budget 2025 is chained on 2024 (scheme start 2024), no ceiling scaling (ceilings ≥ 500,000).
 * The budget is compiled with {@code budget.bed_day.max_occupancy} 0.02 (1 bed × 365 × 0.02 = 7.30 bed-days a year);
 * the indicators and the settlement run with the repository's 0.9, so a figure of 7.30 there proves the adopted
 * agreement was read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DipPoolChainTest {
  static final String BUDGET = "budget-2025-base-test";
  static final String RUN = "settle-year-end-dip-test";
  @TempDir static Path tmp;
  Lake lake;
  JobContext settle;
  final Map<String, Row> dip = new HashMap<>();

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @BeforeAll
  void chain() {
    LakeSettings settings = TestSpark.settings(tmp.resolve("lake"), TestSpark.confDir());
    lake = new Lake(TestSpark.get(), settings.lake());
    land(tmp.resolve("landing"));
    new IngestPipeline(lake, settings, "ingest-1", "test").ingest(tmp.resolve("landing").toString());
    Policy policy = Policy.load(settings.confDir());
    JobContext all = new JobContext(TestSpark.get(), lake, settings, policy, "run-1", LocalDate.of(2026, 1, 31),
        Period.ALL);
    JobCatalog catalog = new JobCatalog();
    JobRunner.runAll(catalog.group("dwd"), all);
    JobRunner.runAll(catalog.group("dws"), all);
    BudgetCompiler.compile(new JobContext(TestSpark.get(), lake, settings,
        policy.withOverrides(Map.of("budget.bed_day.max_occupancy", "0.02")), BUDGET, LocalDate.of(2024, 12, 31),
        Period.year(2025)), "base", "test");
    BudgetCompiler.adopt(lake, BUDGET, "test");
    JobRunner.run(new IndicatorJob(), all);
    settle = new JobContext(TestSpark.get(), lake, settings,
        policy.withOverrides(Map.of("settlement.capitation.enabled", "true")), RUN, LocalDate.of(2026, 6, 30),
        Period.year(2025));
    Settle.yearEnd(settle, capitation(null));
    for (Row r : rows(Tables.ADS_DIP_POINT_VALUE).collectAsList()) {
      dip.put(r.getAs("admdvs") + "|" + r.getAs("fixmedins_code"), r);
    }
  }

  /** Manual capitation figures of 360100 310 general: C 10,000.00, and the cross-region amount when given. */
  static SettlementInputs capitation(BigDecimal crossRegion) {
    return new SettlementInputs(2025, Map.of(), List.of(new SettlementInputs.Capitation("360100", "310", "general",
        d("10000.00"), null, crossRegion, Map.of())), "test", "");
  }

  private org.apache.spark.sql.Dataset<Row> rows(TableId t) {
    return lake.read(t).filter(col("settlement_run_id").equalTo(RUN));
  }

  private Row one(TableId t, String where) {
    List<Row> r = rows(t).filter(where).collectAsList();
    assertEquals(1, r.size(), t + " " + where);
    return r.get(0);
  }

  // ---- the cross-region budget and the pools (item 5) -------------------------------------------

  @Test
  void crossRegionBudgetByInsutypeIncludesOutOfProvinceOutflows() {
    List<Row> flows = lake.read(Tables.ADS_BUDGET_CROSS_REGION).filter(col("budget_run_id").equalTo(BUDGET))
        .orderBy("insuplc_city", "mdtrtarea_city").collectAsList();
    // 360100's insured in 2024, DRG/DIP category, outside 360100: 360200 20,000 (y2), Beijing 10,000 (y3) = 30,000;
    // × 1.05 = 31,500.00, split 2 : 1 = 21,000.00 / 10,500.00. 360200's: 360100 30,000 (y5) × 1.02 = 30,600.00
    assertEquals(3, flows.size());
    assertEquals("110000", flows.get(0).getAs("mdtrtarea_city"));
    assertEquals(false, flows.get(0).getAs("is_in_province"));
    assertEquals(d("10500.00"), flows.get(0).getAs("allocation_amt"));
    assertEquals("360200", flows.get(1).getAs("mdtrtarea_city"));
    assertEquals(true, flows.get(1).getAs("is_in_province"));
    assertEquals("310", flows.get(1).getAs("insutype"));
    assertEquals(d("31500.00"), flows.get(1).getAs("chained_total_amt"));
    assertEquals(d("21000.00"), flows.get(1).getAs("allocation_amt"));
    assertEquals(d("30600.00"), flows.get(2).getAs("allocation_amt"));
  }

  @Test
  void poolIsCityBudgetLessOutflowsPlusAllocationsToThePlaceOfTreatment() {
    Row a = dip.get("360100|*");
    // city budget (by insured place): (80,000 + 20,000 + 10,000) × 1.05 = 115,500.00
    assertEquals(d("115500.00"), a.getAs("city_budget_amt"));
    assertEquals(d("31500.00"), a.getAs("outflow_amt"));
    assertEquals(d("30600.00"), a.getAs("inflow_amt"));
    // pool 115,500 − 31,500 + 30,600 = 114,600.00
    assertEquals(d("114600.00"), a.getAs("budget_amt"));
    // 360200: (50,000.01 + 30,000) × 1.02 = 81,600.0102 → 81,600.01; − 30,600 + 21,000 = 72,000.01
    Row b = dip.get("360200|*");
    assertEquals(d("81600.01"), b.getAs("city_budget_amt"));
    assertEquals(d("72000.01"), b.getAs("budget_amt"));
    // the pools hold 114,600 + 72,000.01 = 186,600.01 = budgets 197,100.01 − Beijing 10,500
  }

  @Test
  void casesOfTheProvinceTreatedInTheCityAreInItsPoolOnly() {
    // 360100: c1 (own insured), c2 (360200's insured) at H1, c3 at H3; not c4 (Beijing insured), not c5 (in Beijing)
    Row a = dip.get("360100|*");
    assertEquals(3L, (long) a.getAs("case_cnt"));
    assertEquals(d("1500.0000"), a.getAs("total_points"));
    assertEquals(d("1000.0000"), dip.get("360100|H1").getAs("case_points"));
    assertEquals(d("95000.00"), dip.get("360100|H1").getAs("claimed_amt"));
    // 360200: c6 and c7 (360100's insured at H4); c8 is a special case
    assertEquals(2L, (long) dip.get("360200|*").getAs("case_cnt"));
    assertNull(dip.get("110000|*"));
    assertEquals(6, dip.size());
  }

  // ---- level coefficient inside the point value, conservation (item 3, 7) -------------------------

  @Test
  void wholePoolIsPaidWithLevelCoefficients() {
    // weighted points H1 1,000 × 1.00 + H3 500 × 0.80 = 1,400; value 114,600 / 1,400 = 81.857142857… → 81.857143
    Row a = dip.get("360100|*");
    assertEquals(d("1400.0000"), a.getAs("weighted_points"));
    assertEquals(d("81.857143"), a.getAs("point_value"));
    // H1 114,600 × 1,000 / 1,400 = 81,857.142857…, H3 × 400 / 1,400 = 32,742.857142…; floors 81,857.14 + 32,742.85
    // leave a cent, the larger remainder (.71 of H3) takes it: 32,742.86; Σ 114,600.00
    assertEquals(d("81857.14"), dip.get("360100|H1").getAs("paid_amt"));
    assertEquals(d("32742.86"), dip.get("360100|H3").getAs("paid_amt"));
    assertEquals(d("114600.00"), a.getAs("paid_amt"));
    assertEquals(d("0.00"), a.getAs("undistributed_amt"));
    // payout H1 81,857.14 / 95,000 = 0.8616541… ≥ 0.85; H3 32,742.86 / 30,000 = 1.0914286…
    assertEquals(d("0.861654"), dip.get("360100|H1").getAs("payout_rate"));
    assertEquals(false, dip.get("360100|H1").getAs("is_low_payout"));
    assertEquals(d("1.091429"), dip.get("360100|H3").getAs("payout_rate"));
    // 360200: H2 and H4 300 × 0.90 = 270 each; 72,000.01 / 2 = 36,000.005 each: HALF_UP would pay 72,000.02;
    // the tie goes to the earlier (H2): 36,000.01 + 36,000.00 = 72,000.01
    assertEquals(d("36000.01"), dip.get("360200|H2").getAs("paid_amt"));
    assertEquals(d("36000.00"), dip.get("360200|H4").getAs("paid_amt"));
    assertEquals(d("72000.01"), dip.get("360200|*").getAs("paid_amt"));
    // 72,000.01 / 540 = 133.33335185… → 133.333352
    assertEquals(d("133.333352"), dip.get("360200|*").getAs("point_value"));
  }

  // ---- special-case limit by the city's own method (item 6) ---------------------------------------

  @Test
  void specialCaseLimitByThePayMethodOfTheCitysCases() {
    // 360100's cases are DIP: 5 ‰; 3 discharges, none special, limit floor(0.015) = 0, not over
    Row a = dip.get("360100|*");
    assertEquals("DIP", a.getAs("method"));
    assertEquals(d("0.005000"), a.getAs("special_case_max_share_rate"));
    assertEquals(false, a.getAs("is_special_over_limit"));
    // 360200's are DRG: 5 %; discharges c6, c7, c8 = 3, one special (5,000.00), floor(3 × 0.05) = 0 < 1: over
    Row b = dip.get("360200|*");
    assertEquals("DRG", b.getAs("method"));
    assertEquals(d("0.050000"), b.getAs("special_case_max_share_rate"));
    assertEquals(3L, (long) b.getAs("discharge_cnt"));
    assertEquals(1L, (long) b.getAs("special_case_cnt"));
    assertEquals(d("5000.00"), b.getAs("special_case_fund_amt"));
    assertEquals(0L, (long) b.getAs("special_case_limit_cnt"));
    assertEquals(true, b.getAs("is_special_over_limit"));
  }

  // ---- outpatient cap: one scope (item 5) ---------------------------------------------------------

  @Test
  void outpatientCapBudgetCutToTheCitysInsuredTreatedInTheCity() {
    Row city = one(Tables.ADS_OUTPATIENT_BUDGET_CAP, "admdvs = '360100' AND row_kind = 'city'");
    // city budget (y6 + y7) 10,000 × 1.05 = 10,500.00; 2024 in the city 8,000 of 10,000: share 0.8 → Bo 8,400.00
    assertEquals(d("10500.00"), city.getAs("city_budget_amt"));
    assertEquals(d("0.800000"), city.getAs("local_share_rate"));
    assertEquals(d("8400.00"), city.getAs("budget_amt"));
    // K = o1 6,000 + o2 4,000 = 10,000 (o3 at H2 is treated outside) > 8,400: H1 6,000 × 0.84 = 5,040.00, H3 3,360.00
    assertEquals(d("10000.00"), city.getAs("claims_total_amt"));
    assertEquals(d("5040.00"),
        one(Tables.ADS_OUTPATIENT_BUDGET_CAP, "admdvs = '360100' AND fixmedins_code = 'H1'").getAs("paid_amt"));
    assertEquals(d("3360.00"),
        one(Tables.ADS_OUTPATIENT_BUDGET_CAP, "admdvs = '360100' AND fixmedins_code = 'H3'").getAs("paid_amt"));
  }

  // ---- capitation cross-region amount from the data (item 4) --------------------------------------

  @Test
  void capitationCrossRegionFromTheData() {
    Row r = one(Tables.ADS_CAPITATION_POINTS, "admdvs = '360100' AND row_kind = 'region'");
    // F = o1 + o2 + o3 = 11,000; cross-region (o3, P1 treated in 360200) 1,000.00 from the data
    assertEquals(d("11000.00"), r.getAs("ffs_fund_amt"));
    assertEquals(d("1000.00"), r.getAs("cross_region_data_amt"));
    assertEquals(false, r.getAs("is_cross_region_manual"));
    assertEquals(d("1000.00"), r.getAs("cross_region_amt"));
    // share |11,000 − 10,000| × 0.5 = 500; T = 10,500; T_local = 10,500 − 1,000 = 9,500; P = 2 patients × 100
    assertEquals(d("9500.00"), r.getAs("local_total_amt"));
    assertEquals(d("47.500000"), r.getAs("point_value"));
    // H1 6,000 / 10,000 = 0.6 → 5,700.00; H3 0.4 → 3,800.00
    assertEquals(d("5700.00"),
        one(Tables.ADS_CAPITATION_POINTS, "admdvs = '360100' AND fixmedins_code = 'H1'").getAs("settlement_amt"));
  }

  @Test
  void capitationManualCrossRegionOverridesWithinFAndIsRefusedBeyond() {
    JobContext other = new JobContext(settle.spark(), lake, settle.settings(), settle.policy(), "settle-manual",
        settle.asOf(), settle.period());
    JobRunner.run(new CapitationPointsJob(capitation(d("1500.00"))), other);
    Row r = lake.read(Tables.ADS_CAPITATION_POINTS).filter("settlement_run_id = 'settle-manual' AND row_kind = 'region'")
        .head();
    // manual 1,500 overrides the data's 1,000: T_local = 10,500 − 1,500 = 9,000
    assertEquals(true, r.getAs("is_cross_region_manual"));
    assertEquals(d("1000.00"), r.getAs("cross_region_data_amt"));
    assertEquals(d("9000.00"), r.getAs("local_total_amt"));
    // 11,000.01 > F = 11,000: refused (exit 2)
    ConfigException e = assertThrows(ConfigException.class,
        () -> JobRunner.run(new CapitationPointsJob(capitation(d("11000.01"))), other));
    assertTrue(e.getMessage().contains("cross_region 11000.01"), e.getMessage());
  }

  // ---- bed-day deduction for every institution, one definition with the indicator (items 9, 12) ----

  @Test
  void bedDayDeductionForEveryInstitution() {
    // H1 (member): 2025 inpatient fund c1 + c2 + c4 = 172,777.00, bed-days 10 + 4 + 2 = 16 > 7.30:
    // 172,777 × 8.7 / 16 = 93,947.49375 → 93,947.49
    Row h1 = one(Tables.ADS_BED_DAY_DEDUCTION, "fixmedins_code = 'H1'");
    assertEquals(d("7.30"), h1.getAs("max_bed_days"));
    assertEquals(16L, (long) h1.getAs("bed_days"));
    assertEquals(d("172777.00"), h1.getAs("inpatient_fund_amt"));
    assertEquals(d("93947.49"), h1.getAs("deduction_amt"));
    assertEquals("MC360102", h1.getAs("medcommunity_id"));
    // H3, not a member: 30,000 × (20 − 7.30) / 20 = 19,050.00
    Row h3 = one(Tables.ADS_BED_DAY_DEDUCTION, "fixmedins_code = 'H3'");
    assertNull(h3.getAs("medcommunity_id"));
    assertEquals(d("19050.00"), h3.getAs("deduction_amt"));
    // H2: c6 + c8 = 4 bed-days ≤ 7.30: nothing; HB has no approved beds: no agreement, no row
    assertEquals(d("0.00"), one(Tables.ADS_BED_DAY_DEDUCTION, "fixmedins_code = 'H2'").getAs("deduction_amt"));
    assertEquals(4, rows(Tables.ADS_BED_DAY_DEDUCTION).count());
    // the community's year-end charges its member's deduction, the same figure
    assertEquals(d("93947.49"),
        one(Tables.ADS_SETTLEMENT_YEAR_END, "medcommunity_id = 'MC360102'").getAs("bed_day_deduction_amt"));
  }

  @Test
  void bedDayIndicatorReadsTheAdoptedAgreement() {
    Row h1 = lake.read(Tables.ADS_INDICATOR).filter("indicator_id = 'bed_days_over_agreement' AND period = '2025' "
        + "AND level = 'medins' AND entity_id = 'H1'").head();
    // the agreement's 7.30 (occupancy 0.02 of the adopted run), not 1 × 365 × 0.9 = 328.50; 16 − 7.30 = 8.70
    assertEquals(0, d("16").compareTo(h1.getAs("numerator")));
    assertEquals(0, d("7.30").compareTo(h1.getAs("denominator")));
    assertEquals(0, d("8.70").compareTo(h1.getAs("value")));
  }

  // ---- landing files ------------------------------------------------------------------------------

  private static String inpatient(String id, String psn, String insuplc, String mdtrt, String medins, String method,
      String points, String hifp, String beg, String end, String special) {
    return money(Landing.Setl.row(id, "psn_no", psn, "insutype", "310", "med_type", "21", "insuplc_admdvs", insuplc,
        "mdtrtarea_admdvs", mdtrt, "fixmedins_code", medins, "begndate", beg, "enddate", end,
        "setl_time", end + " 10:00:00", "dise_codg", "I63.9", "pay_method", method, "drg_dip_code", "G1",
        "case_points", points, "special_case_flag", special), hifp);
  }

  private static String outpatient(String id, String psn, String insuplc, String mdtrt, String medins, String hifp,
      String date) {
    return money(Landing.Setl.row(id, "psn_no", psn, "insutype", "310", "insuplc_admdvs", insuplc,
        "mdtrtarea_admdvs", mdtrt, "fixmedins_code", medins, "begndate", date, "enddate", date,
        "setl_time", date + " 09:00:00"), hifp);
  }

  /** medfee = inscp = 2 × hifp; fund = hifp; cash = hifp. */
  private static String money(String row, String hifp) {
    String fee = new BigDecimal(hifp).multiply(BigDecimal.valueOf(2)).toPlainString();
    List<String> cols = List.of(Landing.Setl.HEADER.split(","));
    String[] v = row.split(",", -1);
    Map<String, String> set = Map.of("medfee_sumamt", fee, "preselfpay_amt", "0.00", "inscp_scp_amt", fee,
        "hifp_pay", hifp, "fund_pay_sumamt", hifp, "psn_cash_pay", hifp);
    set.forEach((k, x) -> v[cols.indexOf(k)] = x);
    return String.join(",", v);
  }

  static void land(Path root) {
    Landing l = new Landing(root);
    String b = "2026-01-31";
    l.batch("admdvs", b, "admdvs,admdvs_name,admdvs_lv,prnt_admdvs", List.of("360000,江西省,1,",
        "360100,南昌市,2,360000", "360102,东湖区,3,360100", "360200,景德镇市,2,360000", "360202,昌江区,3,360200",
        "110000,北京市,1,"));
    l.batch("medcommunity", b, "medcommunity_id,medcommunity_name,admdvs,lead_fixmedins_code,scheme_begn_year",
        List.of("MC360102,东湖区医共体,360102,H1,2024"));
    l.batch("medins", b,
        "fixmedins_code,fixmedins_name,admdvs,hosp_lv,medins_type,medcommunity_id,lead_flag,aprv_bed_cnt,begndate,enddate",
        List.of("H1,东湖区人民医院,360102,3,general,MC360102,1,1,2015-01-01,",
            "H3,东湖区民营医院,360102,1,private,,0,1,2015-01-01,",
            "H2,景德镇第一医院,360202,2,general,,0,1,2015-01-01,",
            "H4,景德镇第二医院,360202,2,general,,0,1,2015-01-01,",
            "HB,北京医院,110000,3,general,,0,0,2015-01-01,"));
    l.batch("psn", b, "psn_no,psn_cert_type,certno,psn_name,gend,brdy", List.of(
        "P1,01,360102199001011234,张一,1,1990-01-01", "P2,01,360202199002021234,李二,2,1990-02-02",
        "P3,01,110101199003031234,王三,1,1990-03-03", "P5,01,360102199005051234,赵五,2,1990-05-05",
        "P6,01,360202199006061234,钱六,1,1990-06-06"));
    l.batch("insu", b, "psn_no,insutype,insuplc_admdvs,begndate,enddate,psn_type", List.of(
        "P1,310,360102,2020-01-01,,11", "P2,310,360202,2020-01-01,,11", "P5,310,360102,2020-01-01,,11",
        "P6,310,360202,2020-01-01,,11"));
    l.batch("chronic_reg", b, "psn_no,dise_type,begndate,enddate", List.of());
    l.batch("fd_sign", b, "psn_no,fixmedins_code,begndate,enddate", List.of());
    l.batch("manual_score", b, "year,medcommunity_id,item,score", List.of());
    List<String> revenue = new ArrayList<>();
    for (String[] r : new String[][] {{"360100", "1000000.00", "1050000.00"}, {"360102", "1000000.00", "1050000.00"},
        {"360200", "500000.00", "510000.00"}, {"360202", "500000.00", "510000.00"}}) {
      revenue.add(r[0] + ",310,2024,actual," + r[1]);
      revenue.add(r[0] + ",310,2025,budget," + r[2]);
    }
    l.batch("fund_revenue", b, "admdvs,insutype,year,kind,revenue", revenue);
    l.batch("setl", b, Landing.Setl.HEADER, List.of(
        inpatient("y1", "P1", "360102", "360102", "H1", "DIP", "800", "80000.00", "2024-03-01", "2024-03-05", "0"),
        inpatient("y2", "P1", "360102", "360202", "H2", "DRG", "200", "20000.00", "2024-04-01", "2024-04-05", "0"),
        inpatient("y3", "P1", "360102", "110000", "HB", "DIP", "100", "10000.00", "2024-05-01", "2024-05-05", "0"),
        inpatient("y4", "P2", "360202", "360202", "H2", "DRG", "500", "50000.01", "2024-06-01", "2024-06-05", "0"),
        inpatient("y5", "P2", "360202", "360102", "H1", "DIP", "300", "30000.00", "2024-07-01", "2024-07-05", "0"),
        outpatient("y6", "P1", "360102", "360102", "H1", "8000.00", "2024-12-10"),
        outpatient("y7", "P1", "360102", "360202", "H2", "2000.00", "2024-12-11"),
        inpatient("c1", "P1", "360102", "360102", "H1", "DIP", "600", "60000.00", "2025-03-01", "2025-03-11", "0"),
        inpatient("c2", "P2", "360202", "360102", "H1", "DIP", "400", "35000.00", "2025-04-01", "2025-04-05", "0"),
        inpatient("c3", "P5", "360102", "360102", "H3", "DIP", "500", "30000.00", "2025-06-01", "2025-06-21", "0"),
        inpatient("c4", "P3", "110000", "360102", "H1", "DIP", "999", "77777.00", "2025-05-01", "2025-05-03", "0"),
        inpatient("c5", "P1", "360102", "110000", "HB", "DIP", "700", "12345.00", "2025-05-10", "2025-05-12", "0"),
        inpatient("c6", "P2", "360202", "360202", "H2", "DRG", "300", "40000.00", "2025-07-01", "2025-07-03", "0"),
        inpatient("c7", "P1", "360102", "360202", "H4", "DRG", "300", "30000.00", "2025-08-01", "2025-08-03", "0"),
        inpatient("c8", "P6", "360202", "360202", "H2", "DRG", "100", "5000.00", "2025-09-01", "2025-09-03", "1"),
        outpatient("o1", "P1", "360102", "360102", "H1", "6000.00", "2025-02-01"),
        outpatient("o2", "P5", "360102", "360102", "H3", "4000.00", "2025-02-02"),
        outpatient("o3", "P1", "360102", "360202", "H2", "1000.00", "2025-12-20")));
  }
}
