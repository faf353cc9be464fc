package org.yibao.lake.tests.settlement;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.settlement.Settle;
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.tests.Landing;
import org.yibao.lake.tests.TestSpark;

/**
 * The medical-community money chain of one year through the real jobs (issue 9): landing → ingest → run
 * (dwd, dws, indicators) → budget compile 2025 → adopt → prepay → monthly pre-settlement (the 12 months of
 * 2025) → score → year-end, with the repository's conf/ (chain_growth, g = county revenue growth, reserve 5 %,
 * actual_capped monthly caps, 5 % deposit, overspend ≤ 10 % shared 50 %, TCM bonus 5, factor capped at 1).
 *
 * <p>Province 880000: city 880100 (counties 880101, 880102), city 880200 (county 880201). Every settlement is
 * resident (390) with medfee = 2 × hifp, no self-pay (self-pay rate 0). Amounts below are hifp_pay.
 * <pre>
 * MC1 880101 scheme 2024  members H1 (general), T1 (tcm);  P1 in-county non-member;  C1 in 880102 (other county)
 * MC2 880201 scheme 2024  member H2, which also takes part in DIP (its DIP cases are settled by the DIP pool)
 * MC3 880102 scheme 2026  member H3: not in the scheme in 2025 (ordinary rules)
 * MC4 880102 scheme 2024  member C1 } two communities in the scheme in one county: the county is budgeted once
 * MC5 880102 scheme 2024  member H5 } and shared by their members' spending of 2024 (30,000 : 10,000)
 *
 * insured of 880101 (A1, A2)         2024                       2025
 *   H1 outpatient, A1, every month   12 × 10,000 = 120,000      12 × 10,000 = 120,000
 *   T1 outpatient, A2                —                          March 5,000
 *   P1 inpatient (FFS), A2           June 20,000                June 20,000
 *   C1 outpatient (other county), A2 May 10,000                 May 12,000
 * insured of 880201 (B1)
 *   H2 outpatient, every month       12 × 5,000 = 60,000        12 × 5,000 = 60,000
 *   H2 inpatient DIP (400 points)    July 40,000                July 45,000
 * insured of 880102 (C3)
 *   H3 outpatient (no member in 2025) April 8,000               April 8,000
 *   C1 outpatient (MC4)              June 30,000                June 28,000
 *   H5 outpatient (MC5)              August 10,000              August 9,000
 *   H1 outpatient (other county)     September 2,000            September 4,000
 * </pre>
 * Revenue (390): 880101 actual 2024 1,000,000, budget 2025 1,050,000 (g = 0.05); 880201 500,000 → 520,000
 * (g = 0.04); cities and 880102 likewise. Family-doctor signing: A1, A2 signed; B1 not. Manual scores 2025:
 * MC1 10 + 10 + 10; MC2 satisfaction 8, no_fraud 10, no_refusal_complaint never entered; a row for item
 * {@code fraud} (not on the form) is quarantined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunityCycleTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
  static final String BUDGET = "budget-2025-cycle";
  @TempDir static Path tmp;
  Lake lake;

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /** A settlement of hifp {@code h}: medfee 2h = policy scope 2h; fund h = hifp; cash h. */
  static String setl(String id, String psn, String county, String area, String medins, String date, String h,
      boolean inpatient, String payMethod, String points) {
    String medfee = d(h).multiply(BigDecimal.valueOf(2)).toPlainString();
    String begin = inpatient ? LocalDate.parse(date).minusDays(4).toString() : date;
    return Landing.Setl.row(id, "psn_no", psn, "insutype", "390", "med_type", inpatient ? "21" : "11",
        "fixmedins_code", medins, "insuplc_admdvs", county, "mdtrtarea_admdvs", area, "begndate", begin,
        "enddate", date, "setl_time", date + " 10:00:00", "dise_codg", inpatient ? "I63.9" : "J06.9",
        "pay_method", payMethod, "drg_dip_code", points.isEmpty() ? "" : "I63.9-01", "case_points", points,
        "medfee_sumamt", medfee, "fulamt_ownpay_amt", "0.00", "overlmt_selfpay", "0.00", "preselfpay_amt", "0.00",
        "inscp_scp_amt", medfee, "hifp_pay", h, "fund_pay_sumamt", h, "acct_pay", "0.00", "psn_cash_pay", h);
  }

  static void land(Path root) {
    Landing l = new Landing(root);
    String b = "2026-01-15";
    l.batch("admdvs", b, "admdvs,admdvs_name,admdvs_lv,prnt_admdvs", List.of("880000,测试省,1,",
        "880100,甲市,2,880000", "880101,甲一县,3,880100", "880102,甲二县,3,880100", "880200,乙市,2,880000",
        "880201,乙一县,3,880200"));
    l.batch("medcommunity", b, "medcommunity_id,medcommunity_name,admdvs,lead_fixmedins_code,scheme_begn_year",
        List.of("MC1,甲一县医共体,880101,H1,2024", "MC2,乙一县医共体,880201,H2,2024", "MC3,甲二县医共体,880102,H3,2026",
            "MC4,甲二县第二医共体,880102,C1,2024", "MC5,甲二县第三医共体,880102,H5,2024"));
    l.batch("medins", b,
        "fixmedins_code,fixmedins_name,admdvs,hosp_lv,medins_type,medcommunity_id,lead_flag,aprv_bed_cnt,begndate,enddate",
        List.of("H1,甲一县人民医院,880101,2,general,MC1,1,100,2015-01-01,",
            "T1,甲一县中医院,880101,1,tcm,MC1,0,100,2015-01-01,",
            "P1,甲一县民营医院,880101,1,private,,0,100,2015-01-01,",
            "C1,甲二县医院,880102,2,general,MC4,1,100,2015-01-01,",
            "H5,甲二县妇幼保健院,880102,1,specialty,MC5,1,100,2015-01-01,",
            "H2,乙一县人民医院,880201,2,general,MC2,1,100,2015-01-01,",
            "H3,甲二县人民医院,880102,2,general,MC3,1,100,2015-01-01,"));
    l.batch("psn", b, "psn_no,psn_cert_type,certno,psn_name,gend,brdy", List.of(
        "A1,01,880101195001011234,甲一,1,1950-01-01", "A2,01,880101196002022345,甲二,2,1960-02-02",
        "B1,01,880201197003033456,乙一,1,1970-03-03", "C3,01,880102198004044567,丙三,2,1980-04-04"));
    l.batch("insu", b, "psn_no,insutype,insuplc_admdvs,begndate,enddate,psn_type", List.of(
        "A1,390,880101,2020-01-01,,21", "A2,390,880101,2020-01-01,,21", "B1,390,880201,2020-01-01,,21",
        "C3,390,880102,2020-01-01,,21"));
    l.batch("fd_sign", b, "psn_no,fixmedins_code,begndate,enddate", List.of("A1,H1,2023-01-01,",
        "A2,T1,2023-01-01,"));
    l.batch("chronic_reg", b, "psn_no,dise_type,begndate,enddate", List.of("A1,HTN,2023-01-01,"));
    List<String> revenue = new ArrayList<>();
    for (String[] r : new String[][] {{"880100", "2000000.00", "2100000.00"}, {"880101", "1000000.00", "1050000.00"},
        {"880102", "1000000.00", "1050000.00"}, {"880200", "500000.00", "520000.00"},
        {"880201", "500000.00", "520000.00"}}) {
      revenue.add(r[0] + ",390,2024,actual," + r[1]);
      revenue.add(r[0] + ",390,2025,budget," + r[2]);
    }
    l.batch("fund_revenue", b, "admdvs,insutype,year,kind,revenue", revenue);
    l.batch("manual_score", b, "year,medcommunity_id,item,score", List.of("2025,MC1,satisfaction,10",
        "2025,MC1,no_fraud,10", "2025,MC1,no_refusal_complaint,10", "2025,MC2,satisfaction,8", "2025,MC2,no_fraud,10",
        "2025,MC2,fraud,10"));
    List<String> s = new ArrayList<>();
    for (int y : new int[] {2024, 2025}) {
      for (int m = 1; m <= 12; m++) {
        String day = String.format("%d-%02d-15", y, m);
        s.add(setl("H1-" + y + m, "A1", "880101", "880101", "H1", day, "10000.00", false, "FFS", ""));
        s.add(setl("H2-" + y + m, "B1", "880201", "880201", "H2", day, "5000.00", false, "FFS", ""));
      }
      s.add(setl("P1-" + y, "A2", "880101", "880101", "P1", y + "-06-20", "20000.00", true, "FFS", ""));
      s.add(setl("C1-" + y, "A2", "880101", "880102", "C1", y + "-05-20", y == 2024 ? "10000.00" : "12000.00", false,
          "FFS", ""));
      s.add(setl("DIP-" + y, "B1", "880201", "880201", "H2", y + "-07-20", y == 2024 ? "40000.00" : "45000.00", true,
          "DIP", "400.00"));
      s.add(setl("H3-" + y, "C3", "880102", "880102", "H3", y + "-04-20", "8000.00", false, "FFS", ""));
      s.add(setl("C1C3-" + y, "C3", "880102", "880102", "C1", y + "-06-10", y == 2024 ? "30000.00" : "28000.00",
          false, "FFS", ""));
      s.add(setl("H5-" + y, "C3", "880102", "880102", "H5", y + "-08-10", y == 2024 ? "10000.00" : "9000.00", false,
          "FFS", ""));
      s.add(setl("H1C3-" + y, "C3", "880102", "880101", "H1", y + "-09-10", y == 2024 ? "2000.00" : "4000.00", false,
          "FFS", ""));
    }
    s.add(setl("T1-2025", "A2", "880101", "880101", "T1", "2025-03-20", "5000.00", false, "FFS", ""));
    l.batch("setl", b, Landing.Setl.HEADER, s);
  }

  @BeforeAll
  void cycle() {
    LakeSettings settings = TestSpark.settings(tmp.resolve("lake"), TestSpark.confDir());
    lake = new Lake(TestSpark.get(), settings.lake());
    land(tmp.resolve("landing"));
    new IngestPipeline(lake, settings, "cycle-ingest", "test").ingest(tmp.resolve("landing").toString());
    Policy policy = Policy.load(settings.confDir());
    JobRunner.runAll(new JobCatalog().all(),
        new JobContext(TestSpark.get(), lake, settings, policy, "cycle-run", AS_OF, Period.ALL));
    BudgetCompiler.compile(ctx(BUDGET), "base", "cycle test");
    BudgetCompiler.adopt(lake, BUDGET, "cycle test");
    SettlementInputs none = SettlementInputs.none(2025);
    Settle.prepay(ctx("cycle-prepay"), none);
    Settle.monthly(ctx("cycle-monthly"), none);
    Settle.yearEnd(ctx("cycle-year-end"), none);
  }

  private JobContext ctx(String runId) {
    LakeSettings settings = TestSpark.settings(tmp.resolve("lake"), TestSpark.confDir());
    return new JobContext(TestSpark.get(), lake, settings, Policy.load(settings.confDir()), runId, AS_OF,
        Period.year(2025));
  }

  private Row one(org.yibao.lake.common.table.TableId t, String where) {
    List<Row> rows = lake.read(t).filter(where).collectAsList();
    assertEquals(1, rows.size(), t + " where " + where + ": " + rows);
    return rows.get(0);
  }

  private static void money(String expected, Row r, String column) {
    assertEquals(d(expected), r.getAs(column), column);
  }

  // ---- budget (§4) ---------------------------------------------------------------------------------

  @Test
  void packagesHaveTheScopeOfTheYearEndActualAndSkipALaterScheme() {
    // MC1: 2024 county total 120,000 + 20,000 + 10,000 = 150,000; g = 1,050,000 / 1,000,000 − 1 = 0.05;
    // total 157,500; reserve 5 % 7,875; non-member P1 20,000 × 1.05 = 21,000; DIP part 0;
    // package 157,500 − 7,875 − 21,000 = 128,625.00
    Row mc1 = one(Tables.ADS_BUDGET_MEDCOMMUNITY, "medcommunity_id = 'MC1'");
    money("150000.00", mc1, "y1_expenditure_amt");
    money("20000.00", mc1, "y1_in_county_non_member_amt");
    money("21000.00", mc1, "non_member_budget_amt");
    money("128625.00", mc1, "package_amt");
    // MC2: 2024 total 60,000 + 40,000 (H2's DIP part) = 100,000; g = 520,000 / 500,000 − 1 = 0.04; total 104,000;
    // reserve 5,200; DIP part 40,000 × 1.04 = 41,600 (settled under DIP); package 104,000 − 5,200 − 41,600 = 57,200.00
    Row mc2 = one(Tables.ADS_BUDGET_MEDCOMMUNITY, "medcommunity_id = 'MC2'");
    money("40000.00", mc2, "y1_member_dip_amt");
    money("41600.00", mc2, "dip_part_budget_amt");
    money("57200.00", mc2, "package_amt");
    // MC3's scheme starts in 2026: not budgeted in 2025
    assertTrue(lake.read(Tables.ADS_BUDGET_MEDCOMMUNITY).filter("medcommunity_id = 'MC3'").isEmpty());
  }

  @Test
  void severalCommunitiesInOneCountyShareOneBudget() {
    // 880102: 2024 total C1 30,000 + H5 10,000 + H3 8,000 (MC3 is not in the scheme: no member) + H1 2,000
    // (other county) = 50,000; g 0.05: total 52,500; reserve 2,625; non-member H3 8,400; county package
    // 52,500 − 2,625 − 8,400 = 41,475.00, shared 30,000 : 10,000 → MC4 31,106.25, MC5 the rest 10,368.75
    Row mc4 = one(Tables.ADS_BUDGET_MEDCOMMUNITY, "medcommunity_id = 'MC4'");
    money("41475.00", mc4, "county_package_amt");
    assertEquals(d("0.750000"), mc4.getAs("county_share_rate"));
    money("31106.25", mc4, "package_amt");
    money("10368.75", one(Tables.ADS_BUDGET_MEDCOMMUNITY, "medcommunity_id = 'MC5'"), "package_amt");
    // year-end: the out-of-county 4,000 is shared 3,000 / 1,000; A = 28,000 + 3,000 = 31,000 and 9,000 + 1,000
    Row y4 = one(Tables.ADS_SETTLEMENT_YEAR_END, "medcommunity_id = 'MC4'");
    money("3000.00", y4, "out_of_county_amt");
    money("31000.00", y4, "actual_amt");
    Row y5 = one(Tables.ADS_SETTLEMENT_YEAR_END, "medcommunity_id = 'MC5'");
    money("1000.00", y5, "out_of_county_amt");
    money("10000.00", y5, "actual_amt");
  }

  // ---- prepayment and monthly (§6) -------------------------------------------------------------------

  @Test
  void prepaymentIsTheMembersOwnSpendingOfLastYear() {
    // MC1: members H1 120,000 (T1 none in 2024) / 12 = 10,000.00 (P1 and C1 are not MC1's: 150,000 would be wrong)
    money("10000.00", one(Tables.ADS_SETTLEMENT_PREPAY, "medcommunity_id = 'MC1'"), "prepay_amt");
    // MC2: H2 60,000 without its DIP part / 12 = 5,000.00
    money("5000.00", one(Tables.ADS_SETTLEMENT_PREPAY, "medcommunity_id = 'MC2'"), "prepay_amt");
    assertTrue(lake.read(Tables.ADS_SETTLEMENT_PREPAY).filter("medcommunity_id = 'MC3'").isEmpty());
  }

  @Test
  void monthlyPreSettlementOfTheMembersWithoutTheDipPart() {
    // MC1 cap 128,625 / 12 = 10,718.75; March: H1 10,000 + T1 5,000 = 15,000 → 10,718.75, deposit 535.9375 → 535.94
    Row mar = one(Tables.ADS_SETTLEMENT_MONTHLY, "medcommunity_id = 'MC1' AND settle_month = '2025-03'");
    money("15000.00", mar, "actual_amt");
    money("10718.75", mar, "gross_amt");
    money("535.94", mar, "deposit_withheld_amt");
    // MC2 July: H2 5,000 only (the DIP case of 45,000 is not the community's); cap 57,200 / 12 = 4,766.67
    Row jul = one(Tables.ADS_SETTLEMENT_MONTHLY, "medcommunity_id = 'MC2' AND settle_month = '2025-07'");
    money("5000.00", jul, "actual_amt");
    money("4766.67", jul, "gross_amt");
    // MC1, MC2, MC4, MC5 × 12 months; not MC3
    assertEquals(48, lake.read(Tables.ADS_SETTLEMENT_MONTHLY).count());
  }

  // ---- score (§8) -------------------------------------------------------------------------------------

  @Test
  void scorecardScoresFullMarksAndShowsAMissingItem() {
    // MC1: in-county 1 of 1 stays (P1) = 1 ≥ 0.85 → 20; county cost growth 157,000 / 150,000 − 1 = 0.046667
    // ≤ 0.10 → 20 (read at level county); self-pay 0 → 20; signing 2 of 2 = 1 ≥ 0.30 → 10; manual 30;
    // Σ 100, T1 is TCM: + 5 = 105
    Row mc1 = one(Tables.ADS_PERFORMANCE_SCORE, "medcommunity_id = 'MC1' AND item = 'cost_growth_rate'");
    assertEquals("county", mc1.getAs("level"));
    assertEquals("880101", mc1.getAs("entity_id"));
    assertEquals(d("0.046667"), mc1.getAs("indicator_value"));
    money("100.00", mc1, "items_points");
    money("105.00", mc1, "total_score");
    assertEquals(0, (int) mc1.getAs("missing_cnt"));
    // MC2: 20 + 20 (growth 105,000 / 100,000 − 1 = 0.05) + 20 + 0 (B1 not signed) + 8 + 10 = 78; one missing
    Row missing = one(Tables.ADS_PERFORMANCE_SCORE, "medcommunity_id = 'MC2' AND item = 'no_refusal_complaint'");
    assertEquals("missing", missing.getAs("status"));
    assertNull(missing.getAs("points"));
    money("78.00", missing, "total_score");
    assertEquals(1, (int) missing.getAs("missing_cnt"));
    Row signing = one(Tables.ADS_PERFORMANCE_SCORE, "medcommunity_id = 'MC2' AND item = 'family_doctor_signing_rate'");
    assertEquals("scored", signing.getAs("status"));
    money("0.00", signing, "points");
    // the item not on the form was quarantined at ingest
    assertEquals(1, lake.read(Tables.DQ_QUARANTINE).filter("rule = 'unknown_item'").count());
  }

  @Test
  void theDeclaredIndicatorCatalogIsWhatTheIndicatorJobPublishes() {
    com.fasterxml.jackson.databind.JsonNode catalog =
        Policy.load(TestSpark.confDir()).node("indicator.published_levels", 2025, "*");
    List<Row> published = lake.read(Tables.ADS_INDICATOR).select("indicator_id", "level").distinct().collectAsList();
    assertTrue(published.size() > 20, "indicator rows: " + published.size());
    for (Row r : published) {
      com.fasterxml.jackson.databind.JsonNode levels = catalog.get(r.getString(0));
      assertTrue(levels != null, "indicator " + r.getString(0) + " is published but not declared");
      boolean declared = false;
      for (com.fasterxml.jackson.databind.JsonNode l : levels) {
        declared |= l.asText().equals(r.getString(1));
      }
      assertTrue(declared, r.getString(0) + " is published at level " + r.getString(1) + " but not declared so");
    }
    // what the scorecard reads is there, and cost growth is never published for a community
    for (String pair : List.of("in_county_inpatient_rate|medcommunity", "cost_growth_rate|county",
        "self_pay_rate|medcommunity", "family_doctor_signing_rate|medcommunity")) {
      assertTrue(published.stream().anyMatch(r -> pair.equals(r.getString(0) + "|" + r.getString(1))), pair);
    }
    assertTrue(published.stream().noneMatch(r -> "cost_growth_rate|medcommunity".equals(r.getString(0) + "|"
        + r.getString(1))));
  }

  // ---- year-end (§7) ----------------------------------------------------------------------------------

  @Test
  void yearEndMc1OverspendSharedFullScoreDepositReturnedOnce() {
    Row r = one(Tables.ADS_SETTLEMENT_YEAR_END, "medcommunity_id = 'MC1'");
    // A = members 125,000 + out of county 12,000 = 137,000 (P1's 20,000 is outside the chain_growth package)
    money("125000.00", r, "member_actual_amt");
    money("20000.00", r, "in_county_non_member_amt");
    money("12000.00", r, "outside_paid_amt");
    money("137000.00", r, "actual_amt");
    // O = 137,000 − 128,625 = 8,375 (6.5 % of B) × 0.5 = 4,187.50; settled 128,625 + 4,187.50 = 132,812.50
    money("8375.00", r, "overspend_amt");
    money("132812.50", r, "settled_amt");
    // factor min(105 / 100, 1) = 1; gross 11 × 10,000 + 10,718.75 = 120,718.75; withheld 11 × 500 + 535.94 = 6,035.94
    money("120718.75", r, "monthly_paid_amt");
    money("114682.81", r, "monthly_net_paid_amt");
    money("6035.94", r, "deposit_returned_amt");
    money("0.00", r, "deposit_forfeited_amt");
    // entitlement 132,812.50 − 12,000 = 120,812.50; final = 120,812.50 + 6,035.94 − 120,718.75 − 10,000 = −3,870.31
    money("120812.50", r, "entitlement_amt");
    money("-3870.31", r, "final_payment_amt");
    // received 10,000 + 114,682.81 − 3,870.31 = 120,812.50 = entitlement − 0
    money("120812.50", r, "total_received_amt");
  }

  @Test
  void yearEndMc2DipPartSettledOnceDepositPartlyForfeited() {
    Row r = one(Tables.ADS_SETTLEMENT_YEAR_END, "medcommunity_id = 'MC2'");
    // A = 60,000 (H2's DIP case 45,000 is the DIP pool's); O = 2,800 (4.9 %) × 0.5 = 1,400; settled 58,600
    money("45000.00", r, "member_dip_amt");
    money("60000.00", r, "actual_amt");
    money("58600.00", r, "settled_amt");
    // factor 0.78; gross 12 × 4,766.67 = 57,200.04; withheld 12 × 238.33 = 2,859.96 (net 54,340.08);
    // returned 2,859.96 × 0.78 = 2,230.7688 → 2,230.77; forfeited 629.19
    assertEquals(d("0.780000"), r.getAs("score_factor_rate"));
    money("57200.04", r, "monthly_paid_amt");
    money("2230.77", r, "deposit_returned_amt");
    money("629.19", r, "deposit_forfeited_amt");
    // final = 58,600 + 2,230.77 − 57,200.04 − 5,000 = −1,369.27; received 5,000 + 54,340.08 − 1,369.27 = 57,970.81
    // = entitlement 58,600 − forfeited 629.19
    money("-1369.27", r, "final_payment_amt");
    money("57970.81", r, "total_received_amt");
    // the DIP pool holds H2's DIP case: 45,000 claimed there, not in the community's actual
    Row dip = one(Tables.ADS_DIP_POINT_VALUE, "row_kind <> 'city' AND fixmedins_code = 'H2'");
    money("45000.00", dip, "claimed_amt");
    assertTrue(lake.read(Tables.ADS_SETTLEMENT_YEAR_END).filter("medcommunity_id = 'MC3'").isEmpty());
  }
}
