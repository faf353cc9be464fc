package org.yibao.lake.tests.monitor;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.pii.SmallCells;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.tests.Fixtures;

/**
 * Flows, indicators and alerts over {@link MonitorProvince}, every expected figure worked out by hand.
 * Small-cell minimum 5 persons here (so that the tiny fixture has both kinds of cell) and a bed-day
 * occupancy of 0.1 (so that H1 breaks its bed-day maximum).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorJobsTest {
  /**
   * Bed-day occupancy 0.1 (H1 breaks its maximum); minimum denominators 0 except 2 index stays for the split-stay
   * rate (so that H1's 2024, one index stay, does not alert) and 1 stay for the in-county rate change; warning bars
   * red ≥ 5× the threshold's excess or 6 months / 3 years, orange ≥ 2× or 3 months / 2 years; the in-county rate
   * change alerts below −5 points (default −10), so that 780101's fall of 7 points is a warning.
   */
  static final Map<String, String> OVERRIDES = Map.of("budget.bed_day.max_occupancy", "0.1",
      "alert.min_denominator.readmission_15d_same_medins", minDenominator(2),
      "alert.min_denominator.self_pay_rate", minDenominator(0), "alert.min_denominator.cost_growth_rate", minDenominator(0),
      "alert.min_denominator.special_case_ratio_drg", minDenominator(0),
      "alert.min_denominator.special_case_ratio_dip", minDenominator(0),
      "alert.min_denominator.bed_days_over_agreement", minDenominator(0),
      "alert.levels", "{red: {excess_ratio: 5, months: 6, years: 3}, orange: {excess_ratio: 2, months: 3, years: 2}}",
      "indicator.in_county_inpatient_rate_change", "{direction: min, threshold: -0.05}",
      "alert.min_denominator.in_county_inpatient_rate_change", minDenominator(1));

  static String minDenominator(int n) {
    return "{province: " + n + ", city: " + n + ", county: " + n + ", medcommunity: " + n + ", medins: " + n + "}";
  }

  @TempDir static Path tmp;
  JobContext ctx;

  @BeforeAll
  void runOnce() {
    JobContext c = Fixtures.context(tmp, "run-m1", Period.ALL, LocalDate.of(2025, 12, 31), OVERRIDES);
    LakeSettings s = c.settings();
    LakeSettings five = new LakeSettings(s.lake(), s.confDir(), s.master(), s.sparkConf(), s.landingEncoding(),
        s.landingEncodings(), s.columnMap(), 5, s.personLevelTables(), s.suppressedColumns(), s.piiKey());
    ctx = new JobContext(c.spark(), c.lake(), five, c.policy(), c.runId(), c.asOf(), c.period());
    MonitorProvince.write(ctx.lake());
    JobCatalog catalog = new JobCatalog();
    for (String group : List.of("flows", "indicators")) {
      for (Job j : catalog.group(group)) {
        JobRunner.run(j, ctx);
      }
    }
  }

  private Row indicator(String id, String period, String level, String entity) {
    List<Row> rows = ctx.lake().read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo(id)
        .and(col("period").equalTo(period)).and(col("level").equalTo(level)).and(col("entity_id").equalTo(entity))
        .and(col("insutype").equalTo("all"))).collectAsList();
    assertEquals(1, rows.size(), id + " " + period + " " + level + " " + entity);
    return rows.get(0);
  }

  private static void assertDec(String expected, Object actual) {
    assertEquals(new BigDecimal(expected), actual);
  }

  @Test
  void readmissionFifteenDaysAtH1In2025() {
    // index stays discharged at H1 in 2025 with enddate + 15 <= 2025-12-31: P1 S01, S02; P2 S03, S04; P3 S05;
    // P4 S07, S08; P5 S10; P6 transfer S11+S12 (discharged at H1), S13; P7 S14 (S15 reversed: no stay) = 11.
    // P8 S16 (12-22 + 15 > 12-31) is censored. Readmitted within 15 days: P1 (day 15), P6 (day 8) = 2;
    // P2 (day 16) is not. 2 / 11 = 0.181818...
    Row any = indicator("readmission_15d_any", "2025", "medins", "H1");
    assertDec("2.00", any.getAs("numerator"));
    assertDec("11.00", any.getAs("denominator"));
    assertDec("0.181818", any.getAs("value"));
    // both at H1 (P6's transfer stay is discharged at H1), both with the same 3-character diagnosis
    assertDec("0.181818", indicator("readmission_15d_same_medins", "2025", "medins", "H1").getAs("value"));
    assertDec("0.181818", indicator("readmission_15d_same_diagnosis", "2025", "medins", "H1").getAs("value"));
  }

  @Test
  void readmissionThirtyOneDays() {
    // enddate + 31 <= 12-31: the same 11 index stays. Within 31 days: P1 (15), P2 (16), P3 (31, at H2), P6 (8)
    // = 4; P4 (day 32) is not. 4 / 11 = 0.363636...; same institution: P1, P2, P6 = 3 / 11 = 0.272727...;
    // same diagnosis: I21, J18, K35, I50 = 4 / 11
    assertDec("0.363636", indicator("readmission_31d_any", "2025", "medins", "H1").getAs("value"));
    assertDec("0.272727", indicator("readmission_31d_same_medins", "2025", "medins", "H1").getAs("value"));
    assertDec("0.363636", indicator("readmission_31d_same_diagnosis", "2025", "medins", "H1").getAs("value"));
  }

  @Test
  void readmissionOverTheYearBoundaryAndTheTransfer() {
    // P5: discharged 2024-12-28, readmitted 2025-01-05 (day 8): the 2024 index counts, 1 / 1
    assertDec("1.000000", indicator("readmission_15d_same_medins", "2024", "medins", "H1").getAs("value"));
    assertDec("1.000000", indicator("readmission_15d_any", "2024-12", "medins", "H1").getAs("value"));
    // the transfer T1 -> H1 is one stay discharged at H1: T1 has no index stay at all
    assertEquals(0, ctx.lake().read(Tables.ADS_INDICATOR).filter(col("indicator_id").startsWith("readmission")
        .and(col("entity_id").equalTo("T1"))).count());
  }

  @Test
  void smallCellsAreFlaggedHiddenAtExportAndTotalsStillAddUp() {
    // H2 (index P3 S06 only, 1 person < 5): suppressed, its figures kept in the table
    Row h2 = indicator("readmission_15d_any", "2025", "medins", "H2");
    assertTrue(h2.<Boolean>getAs("is_suppressed"));
    assertDec("1.00", h2.getAs("denominator"));
    Row h1 = indicator("readmission_15d_any", "2025", "medins", "H1");
    assertFalse(h1.<Boolean>getAs("is_suppressed")); // P1..P7 = 7 persons
    // county 780101 = H1 + H2: numerator 2 + 0, denominator 11 + 1 = 12; 2 / 12 = 0.166667
    Row county = indicator("readmission_15d_any", "2025", "county", "780101");
    assertDec("2.00", county.getAs("numerator"));
    assertDec("12.00", county.getAs("denominator"));
    assertDec("0.166667", county.getAs("value"));
    Dataset<Row> exported = SmallCells.hide(ctx.lake().read(Tables.ADS_INDICATOR)
        .filter(col("indicator_id").equalTo("readmission_15d_any").and(col("entity_id").equalTo("H2"))
            .and(col("period").equalTo("2025")).and(col("insutype").equalTo("all"))), ctx.settings().suppressedColumnsFor(Tables.ADS_INDICATOR.toString()));
    Row e = exported.head();
    assertNull(e.getAs("value"));
    assertNull(e.getAs("numerator"));
    assertNull(e.getAs("denominator"));
  }

  @Test
  void inCountyInpatientRate() {
    // 780101 insured, valid inpatient settlements settled in 2025: P1 2, P2 2, P3 2, P4 2, P5 1, P6 3, P7 1
    // (S15 reversed), P8 1 = 14; treated outside the county: S06 at H2 = 1. 13 / 14 = 0.928571...
    Row r = indicator("in_county_inpatient_rate", "2025", "county", "780101");
    assertDec("13.00", r.getAs("numerator"));
    assertDec("14.00", r.getAs("denominator"));
    assertDec("0.928571", r.getAs("value"));
    // the community C1 serves 780101: the same figure; 780102's only stay is in Beijing: 0 / 1
    assertDec("0.928571", indicator("in_county_inpatient_rate", "2025", "medcommunity", "C1").getAs("value"));
    assertDec("0.000000", indicator("in_county_inpatient_rate", "2025", "county", "780102").getAs("value"));
  }

  @Test
  void inCountyRateChangeAgainstLastYearWarnsOfSiphoning() {
    // 780101: 2024 has one inpatient stay, S09 at H1 (in the county): 1 / 1 = 1; 2025 is 13 / 14 (above).
    // Change = 13/14 - 1 = -1/14 = -0.0714285... -> -0.071429 (7 points lower). No numerator; the denominator is
    // the smaller period's stays, min(14, 1) = 1
    Row y = indicator("in_county_inpatient_rate_change", "2025", "county", "780101");
    assertDec("-0.071429", y.getAs("value"));
    assertNull(y.getAs("numerator"));
    assertDec("1.00", y.getAs("denominator"));
    assertEquals("min", y.getAs("direction"));
    assertDec("-0.050000", y.getAs("threshold"));
    assertTrue(y.<Boolean>getAs("is_alert")); // -0.071429 < -0.05
    // 2025 describes P1..P8 (8 >= 5) but 2024 P5 alone: small, since 13/14 and the change would give 2024's 1 / 1
    assertTrue(y.<Boolean>getAs("is_suppressed"));
    assertFalse(indicator("in_county_inpatient_rate", "2025", "county", "780101").<Boolean>getAs("is_suppressed"));
    // December: S16 (P8, 1 / 1) against S09 (1 / 1): no change, no alert
    Row dec = indicator("in_county_inpatient_rate_change", "2025-12", "county", "780101");
    assertDec("0.000000", dec.getAs("value"));
    assertFalse(dec.<Boolean>getAs("is_alert"));
    // no base, no row: January 2024 had no stay, 780102 had none in 2024; a county indicator only
    Dataset<Row> change = ctx.lake().read(Tables.ADS_INDICATOR)
        .filter(col("indicator_id").equalTo("in_county_inpatient_rate_change"));
    assertEquals(0, change.filter("period = '2025-01' OR entity_id = '780102' OR period LIKE '2024%'").count());
    assertEquals(List.of("county"), change.select("level").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    // the alert: excess = -0.05 - (-0.071429) = 0.021429; ratio 0.021429 / 0.05 = 0.42858 < orange's 2: yellow,
    // first broken in 2025 (2024 has no change)
    Row a = ctx.lake().read(Tables.ADS_ALERT).filter("indicator_id = 'in_county_inpatient_rate_change' "
        + "AND period = '2025' AND entity_id = '780101' AND insutype = 'all'").head();
    assertDec("0.021429", a.getAs("excess"));
    assertDec("0.428580", a.getAs("excess_ratio"));
    assertEquals("yellow", a.getAs("alert_level"));
    assertEquals("2025", a.getAs("first_alert_period"));
    assertEquals("甲县", a.getAs("entity_name"));
    assertTrue(a.<Boolean>getAs("is_suppressed")); // still a warning, listed without its figures
  }

  @Test
  void costGrowthOverTheYearBoundary() {
    // 780101 insured: 2024 = O1 200 + S09 1000 = 1200; 2025 = 14 stays x 1000 + O2 260 + O3 100 = 14360.
    // 14360 / 1200 - 1 = 10.966666... -> 10.966667
    Row y = indicator("cost_growth_rate", "2025", "county", "780101");
    assertDec("14360.00", y.getAs("numerator"));
    assertDec("1200.00", y.getAs("denominator"));
    assertDec("10.966667", y.getAs("value"));
    assertTrue(y.<Boolean>getAs("is_alert")); // above 10 %
    // January 2025 vs January 2024: (O2 260 + S10 1000) / O1 200 - 1 = 5.3
    assertDec("5.300000", indicator("cost_growth_rate", "2025-01", "county", "780101").getAs("value"));
    // no 2023 data: no growth row for 2024
    assertEquals(0, ctx.lake().read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo("cost_growth_rate")
        .and(col("period").equalTo("2024"))).count());
  }

  @Test
  void settlementRatiosAdmissionSigningAndCommunityShares() {
    // every settlement pays 5 % + 3 % of its cost itself: (14360 x 0.08 = 1148.80) / 14360 = 0.08
    Row selfPay = indicator("self_pay_rate", "2025", "county", "780101");
    assertDec("1148.80", selfPay.getAs("numerator"));
    assertDec("0.080000", selfPay.getAs("value"));
    // 14 admissions / 8.0000 person-years = 1.75
    assertDec("1.750000", indicator("admission_rate", "2025", "county", "780101").getAs("value"));
    // bed-days of H1's 2025 stays: 9+3+9+4+4+1+2+3+7+5+4+2 = 53; mean length of stay 53 / 12 stays = 4.416667
    assertDec("4.416667", indicator("average_length_of_stay", "2025", "medins", "H1").getAs("value"));
    // maximum 1 bed x 365 days x 0.1 = 36.5; 53 - 36.5 = 16.5 above it
    Row bed = indicator("bed_days_over_agreement", "2025", "medins", "H1");
    assertDec("53.00", bed.getAs("numerator"));
    assertDec("36.50", bed.getAs("denominator"));
    assertDec("16.500000", bed.getAs("value"));
    assertTrue(bed.<Boolean>getAs("is_alert"));
    // at 2025-12-31: 8 insured in 780101, P1 and P2 signed: 2 / 8; two-disease registered P1 (HTN), P3 (DM) = 2
    // (P4's COPD is not a two-disease), signed among them P1: 1 / 2
    assertDec("0.250000", indicator("family_doctor_signing_rate", "2025", "county", "780101").getAs("value"));
    assertDec("2.000000", indicator("two_disease_registered", "2025", "county", "780101").getAs("value"));
    assertDec("1.000000", indicator("two_disease_registered", "2025-03", "county", "780101").getAs("value"));
    assertDec("0.500000", indicator("two_disease_signed_rate", "2025", "county", "780101").getAs("value"));
    // C1: 14 inpatient stays of 780101's insured, 12 at the lead hospital H1, 1 at T1, 1 outside (H2):
    // lead 12 / 14 = 0.857143, upward (lead + outside the county) 13 / 14 = 0.928571
    assertDec("0.857143", indicator("lead_hospital_share", "2025", "medcommunity", "C1").getAs("value"));
    assertDec("0.928571", indicator("upward_share", "2025", "medcommunity", "C1").getAs("value"));
    Row tier = ctx.lake().read(Tables.ADS_FLOW_MEDCOMMUNITY_TIER).filter("period = '2025' AND insutype = 'all'").head();
    assertEquals(14L, tier.<Long>getAs("inpatient_cnt"));
    assertEquals(1L, tier.<Long>getAs("township_cnt"));
    assertEquals(12L, tier.<Long>getAs("county_cnt"));
    assertEquals(1L, tier.<Long>getAs("above_county_cnt"));
    assertEquals(12L, tier.<Long>getAs("lead_cnt"));
  }

  @Test
  void odMatrixRowsSumToTheOriginsTotals() {
    Dataset<Row> od = ctx.lake().read(Tables.ADS_FLOW_OD).filter("period = '2025' AND level = 'county'");
    // 780101 insured in 2025: 14 stays + O2 + O3 = 16 settlements, 14360.00; 15 of them in 780101, 1 in 780102
    Row sum = od.filter("origin_admdvs = '780101'").agg(functions.sum("setl_cnt"), functions.sum("medfee_sumamt")).head();
    assertEquals(16L, sum.getLong(0));
    assertDec("14360.00", sum.getDecimal(1));
    Row total = ctx.lake().read(Tables.DWD_SETL).filter("NOT is_reversal AND NOT is_reversed AND setl_year = 2025 "
        + "AND insuplc_admdvs = '780101'").agg(functions.count(functions.lit(1)), functions.sum("medfee_sumamt")).head();
    assertEquals(total.getLong(0), sum.getLong(0));
    assertEquals(total.getDecimal(1), sum.getDecimal(1));
    // P9's Beijing stay: destination kept as the province code 110000 at every level
    assertEquals(3, ctx.lake().read(Tables.ADS_FLOW_OD).filter("period = '2025' AND destination_admdvs = '110000'").count());
    // flow_region 780102: its one settlement is out of province: out-of-province case share 1 / 1
    Row region = ctx.lake().read(Tables.ADS_FLOW_REGION)
        .filter("period = '2025' AND level = 'county' AND admdvs = '780102' AND insutype = 'all'").head();
    assertDec("1.000000", region.getAs("out_province_case_rate"));
    // 780102 treats P3's S06 for 780101: inflow 1 of 1 treated
    assertDec("1.000000", region.getAs("inflow_case_rate"));
  }

  @Test
  void alertsCarryTheirStreakLevelAndMinimumDenominator() {
    // readmission_15d_same_medins at H1: 2024 is 1 / 1 (above 5 % but one index stay, below the minimum of 2: no
    // alert); 2025 is 2 / 11 = 0.181818 with 11 >= 2: an alert whose streak starts in 2025
    Row a = ctx.lake().read(Tables.ADS_ALERT).filter("indicator_id = 'readmission_15d_same_medins' AND level = 'medins' "
        + "AND entity_id = 'H1' AND period = '2025' AND insutype = 'all'").head();
    assertEquals("2025", a.getAs("first_alert_period"));
    assertEquals(1, a.<Integer>getAs("consecutive_periods"));
    assertEquals("甲县人民医院", a.getAs("entity_name"));
    assertDec("0.131818", a.getAs("excess")); // 0.181818 - 0.05
    // how far: 0.131818 / 0.05 = 2.63636 >= orange's 2 (< red's 5); one year < orange's 2 years: orange
    assertDec("2.636360", a.getAs("excess_ratio"));
    assertEquals("orange", a.getAs("alert_level"));
    assertFalse(a.<Boolean>getAs("is_suppressed")); // 7 persons >= 5
    assertEquals(0, ctx.lake().read(Tables.ADS_ALERT).filter("indicator_id = 'readmission_15d_same_medins' "
        + "AND entity_id = 'H1' AND period = '2024'").count());
    // months: 2025-03 (P1, 1 / 2, two index stays = the minimum) breaks: 0.45 / 0.05 = 9 >= 5: red.
    // One person (< 5): still an alert (a small hospital splitting stays is what monitoring looks for), flagged
    // suppressed so that its value is hidden wherever it is shown
    Row m = ctx.lake().read(Tables.ADS_ALERT).filter("indicator_id = 'readmission_15d_same_medins' AND level = 'medins' "
        + "AND entity_id = 'H1' AND period = '2025-03' AND insutype = 'all'").head();
    assertEquals("2025-03", m.getAs("first_alert_period"));
    assertEquals(1, m.<Integer>getAs("consecutive_periods"));
    assertEquals("red", m.getAs("alert_level"));
    assertTrue(m.<Boolean>getAs("is_suppressed"));
    Row exported = SmallCells.hide(ctx.lake().read(Tables.ADS_ALERT).filter("indicator_id = 'readmission_15d_same_medins' "
        + "AND level = 'medins' AND entity_id = 'H1' AND period = '2025-03' AND insutype = 'all'"),
        ctx.settings().suppressedColumnsFor(Tables.ADS_ALERT.toString())).head();
    assertNull(exported.getAs("value"));
    assertNull(exported.getAs("excess"));
    // every broken cell of ads.indicator is an alert, except the split-stay cells of fewer than 2 index stays
    assertEquals(ctx.lake().read(Tables.ADS_INDICATOR).filter("is_alert AND NOT (indicator_id = "
            + "'readmission_15d_same_medins' AND denominator < 2)").count(),
        ctx.lake().read(Tables.ADS_ALERT).count());
  }

  private List<String> alertsCommand(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      List<String> all = new java.util.ArrayList<>(List.of("--conf", ctx.settings().confDir().toString(), "--lake",
          ctx.lake().root(), "alerts"));
      all.addAll(List.of(args));
      assertEquals(0, org.yibao.lake.cli.Yibao.execute(all.toArray(String[]::new)));
    } finally {
      System.setOut(old);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void alertsCommandPrintsOneRowPerEntityAndIndicatorWithNamesAndPercent() {
    // header, rule, then H1's 2025 warning once (its 390 and all rows are one fact: every fixture person is a
    // resident), named, in %; H2 (0 / 1) does not break the threshold
    List<String> lines = alertsCommand("--year", "2025", "--level", "medins", "--indicator", "readmission_15d_same_medins");
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("预警 warning") && lines.get(0).contains("指标 indicator"), lines.get(0));
    String row = lines.get(2);
    assertTrue(row.contains("15日内同院重复住院率") && row.contains("readmission_15d_same_medins"), row);
    assertTrue(row.contains("橙色 orange") && row.contains("甲县人民医院 H1"), row);
    assertTrue(row.contains("18.18%") && row.contains("5.00%") && row.contains("1年") && row.contains("390,all"), row);
    // 2025-03 at H1 is a one-person cell: printed with its value hidden (50.00% never shown), or left out
    List<String> march = alertsCommand("--month", "2025-03", "--level", "medins", "--indicator", "readmission_15d_same_medins");
    assertEquals(3, march.size(), march.toString());
    // the CLI hides with the configured minimum (10 in conf/yibao.yml), the jobs of this test ran with 5
    assertTrue(march.get(2).contains("<10人") && !march.get(2).contains("50.00%"), march.get(2));
    assertEquals(2, alertsCommand("--month", "2025-03", "--level", "medins", "--indicator", "readmission_15d_same_medins",
        "--without-small-cells").size());
    // csv for machines: the same row with raw decimals
    List<String> csv = alertsCommand("--year", "2025", "--level", "medins", "--indicator", "readmission_15d_same_medins",
        "--format", "csv");
    assertEquals(List.of("period,alert_level,level,entity_id,entity_name,indicator_id,indicator_name,value,threshold,"
            + "unit,excess_ratio,first_alert_period,consecutive_periods,insutypes,is_suppressed",
        "2025,orange,medins,H1,甲县人民医院,readmission_15d_same_medins,15日内同院重复住院率(疑似分解住院),0.181818,0.05,"
            + "%,2.63636,2025,1,\"390,all\",false"), csv);
    // only red: H1's 2025 (orange) is left out, 2025-03 (red) stays
    assertEquals(2, alertsCommand("--year", "2025", "--level", "medins", "--indicator", "readmission_15d_same_medins",
        "--warning", "red").size());
  }

  @Test
  void alertsCommandRefusesAnUnknownYearOrLevel() {
    String[] base = {"--conf", ctx.settings().confDir().toString(), "--lake", ctx.lake().root(), "alerts"};
    assertEquals(2, org.yibao.lake.cli.Yibao.execute(concat(base, "--year", "2031")));
    assertEquals(2, org.yibao.lake.cli.Yibao.execute(concat(base, "--level", "hospital")));
    assertEquals(2, org.yibao.lake.cli.Yibao.execute(concat(base, "--warning", "purple")));
  }

  private static String[] concat(String[] a, String... b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  void everyInsutypeHasItsOwnRowAndAllSumsThem() {
    // every fixture person is resident (390): the 390 row equals the all row, and there is no 310 row
    Row all = indicator("self_pay_rate", "2025", "county", "780101");
    Row resident = ctx.lake().read(Tables.ADS_INDICATOR).filter("indicator_id = 'self_pay_rate' AND period = '2025' "
        + "AND level = 'county' AND entity_id = '780101' AND insutype = '390'").head();
    assertDec("1148.80", resident.getAs("numerator"));
    assertEquals(all.<BigDecimal>getAs("denominator"), resident.<BigDecimal>getAs("denominator"));
    assertEquals(0, ctx.lake().read(Tables.ADS_INDICATOR).filter("insutype = '310'").count());
    assertEquals(0, ctx.lake().read(Tables.ADS_FLOW_REGION).filter("insutype = '310'").count());
  }

  @Test
  void flowRegionOfACountyWithOneStayInTheNeighbouringCounty() {
    // 780101's insured in 2025: 14 valid stays (S15 reversed, R15 the reversal: out) + O2 + O3 = 16 settlements;
    // fund (hifp_pay) 14 x 600 + 130 + 50 = 8580.00. S06 is treated in 780102 (same city): out of county 1,
    // 600.00; out of city and province 0. Local 15 / 7980.00, cross-region 1 / 600.00.
    // 2024 (the base): S09 600 + O1 100 = 2 local settlements, 700.00; no cross-region.
    Row r = ctx.lake().read(Tables.ADS_FLOW_REGION)
        .filter("period = '2025' AND level = 'county' AND admdvs = '780101' AND insutype = 'all'").head();
    assertEquals(16L, r.<Long>getAs("setl_cnt"));
    assertDec("8580.00", r.getAs("fund_amt"));
    assertEquals(1L, r.<Long>getAs("out_county_setl_cnt"));
    assertDec("0.062500", r.getAs("out_county_case_rate"));    // 1 / 16
    assertDec("0.069930", r.getAs("out_county_fund_rate"));    // 600 / 8580 = 0.0699300...
    assertDec("0.000000", r.getAs("out_city_case_rate"));
    assertDec("0.000000", r.getAs("out_province_fund_rate"));
    assertEquals(15L, r.<Long>getAs("local_setl_cnt"));
    assertDec("7980.00", r.getAs("local_fund_amt"));
    assertEquals(1L, r.<Long>getAs("cross_region_setl_cnt"));
    assertDec("600.00", r.getAs("cross_region_fund_amt"));
    assertDec("6.500000", r.getAs("local_case_growth_rate"));  // 15 / 2 - 1
    assertDec("10.400000", r.getAs("local_fund_growth_rate")); // 7980 / 700 - 1
    assertNull(r.getAs("cross_region_fund_growth_rate"));       // no 2024 base
    assertFalse(r.<Boolean>getAs("is_both_growing"));
    // treated in 780101: the 15 local settlements, none from elsewhere
    assertEquals(15L, r.<Long>getAs("treated_setl_cnt"));
    assertDec("0.000000", r.getAs("inflow_case_rate"));
    assertEquals(8L, r.<Long>getAs("psn_cnt"));                 // P1..P8
    assertFalse(r.<Boolean>getAs("is_suppressed"));
  }

  @Test
  void exportsHideTheFlowFiguresOfSmallCells() {
    // 780102's 2025 row describes P9 alone (1 < 5): counts, amounts and rates emptied, keys kept
    Dataset<Row> small = ctx.lake().read(Tables.ADS_FLOW_REGION)
        .filter("period = '2025' AND level = 'county' AND admdvs = '780102' AND insutype = 'all'");
    Row hidden = SmallCells.hide(small, ctx.settings().suppressedColumnsFor(Tables.ADS_FLOW_REGION.toString())).head();
    assertTrue(hidden.<Boolean>getAs("is_suppressed"));
    assertEquals("780102", hidden.getAs("admdvs"));
    assertNull(hidden.getAs("setl_cnt"));
    assertNull(hidden.getAs("fund_amt"));
    assertNull(hidden.getAs("out_province_case_rate"));
    assertNull(hidden.getAs("psn_cnt"));
    Row od = SmallCells.hide(ctx.lake().read(Tables.ADS_FLOW_OD).filter("period = '2025' AND level = 'county' "
        + "AND origin_admdvs = '780102' AND insutype = '390'"),
        ctx.settings().suppressedColumnsFor(Tables.ADS_FLOW_OD.toString())).head();
    assertNull(od.getAs("setl_cnt"));
    assertNull(od.getAs("hifp_pay"));
    assertEquals("110000", od.getAs("destination_admdvs"));
  }

  @Test
  void rerunningOneYearReplacesExactlyThatYear() {
    long before = ctx.lake().read(Tables.ADS_INDICATOR).count();
    long monthsBefore = ctx.lake().read(Tables.ADS_INDICATOR).filter("period_type = 'month'").count();
    JobRunner.run(new org.yibao.lake.jobs.indicator.IndicatorJob(), ctx.withPeriod(Period.year(2025)));
    assertEquals(before, ctx.lake().read(Tables.ADS_INDICATOR).count());
    assertEquals(monthsBefore, ctx.lake().read(Tables.ADS_INDICATOR).filter("period_type = 'month'").count());
    // C1's lead share: 2024 S09 at H1, 1 / 1; 2025 12 / 14 = 0.857143; change 0.857143 - 1 = -0.142857,
    // still there after a run of 2025 alone (last year's share is read from the whole history)
    assertDec("-0.142857", indicator("lead_hospital_share_change", "2025", "medcommunity", "C1").getAs("value"));
    // and 780101's in-county change (13/14 against 2024's 1/1, read from the whole history too)
    assertDec("-0.071429", indicator("in_county_inpatient_rate_change", "2025", "county", "780101").getAs("value"));
  }

  @Test
  void everyTableKeepsItsGrain() {
    for (TableId t : List.of(Tables.ADS_FLOW_OD, Tables.ADS_FLOW_REGION, Tables.ADS_FLOW_MEDCOMMUNITY_TIER,
        Tables.ADS_INDICATOR, Tables.ADS_ALERT)) {
      Job job = new JobCatalog().select(List.of(t.toString())).get(0);
      List<String> grain = job.spec().grain();
      Dataset<Row> df = ctx.lake().read(t);
      assertEquals(df.count(), df.select(grain.stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new))
          .distinct().count(), t + " grain " + grain);
    }
  }
}
