package org.yibao.lake.tests.settlement;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.yibao.lake.tests.Fixtures.row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.settlement.CapitationPointsJob;
import org.yibao.lake.jobs.settlement.DipPointValueJob;
import org.yibao.lake.jobs.settlement.OutpatientBudgetCapJob;
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.jobs.settlement.SettlementInputs.InstitutionInput;
import org.yibao.lake.tests.Fixtures;

/**
 * The §7 outpatient and DIP jobs on one tiny lake, 2025, city 360100 (counties 360102, 360103), resident
 * insutype 390 unless said. Institutions A (hosp_lv 3), B (2), C (1). Capitation is switched on and, so that
 * five persons stand for the 50 000 patients of {@code OutpatientFormulasTest}, 1 000 000 points a patient:
 * P = 5 × 1 000 000 = 5 000 000 as there. Policy otherwise from the repository's conf (fund share 0.5; outpatient
 * cap categories general + chronic; DIP method DIP, 5 ‰, coefficients lv3 1.00 / lv2 0.90 / lv1 0.80, floor 0.85).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettlementOutpatientDipJobsTest {
  @TempDir static Path tmp;
  static final String RUN = "settle-year-end-t1";
  final Map<String, Row> capitation = new HashMap<>();
  final Map<String, Row> cap = new HashMap<>();
  final Map<String, Row> dip = new HashMap<>();

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @BeforeAll
  void run() {
    JobContext ctx = Fixtures.context(tmp, RUN, Period.year(2025), LocalDate.of(2026, 6, 30),
        Map.of("settlement.capitation.enabled", "true", "settlement.capitation.points_per_patient", "1000000"));
    Lake lake = ctx.lake();
    // 360100 is the only city of the lake, so the only capitation region (q1, insured in 360201, is not in it)
    Fixtures.table(lake, Tables.DIM_ADMDVS, "admdvs STRING, admdvs_lv INT",
        row("360000", 1), row("360100", 2), row("360102", 3), row("360103", 3));
    Fixtures.table(lake, Tables.DIM_MEDINS, "fixmedins_code STRING, admdvs STRING, hosp_lv STRING, "
            + "medins_type STRING, medcommunity_id STRING, begndate DATE",
        row("A", "360102", "3", "general", null, "2020-01-01"), row("B", "360103", "2", "general", null, "2020-01-01"),
        row("C", "360102", "1", "general", null, "2020-01-01"), row("Z", "360201", "3", "general", null, "2020-01-01"));
    String setl = "setl_id STRING, psn_no STRING, insutype STRING, insuplc_admdvs STRING, mdtrtarea_admdvs STRING, "
        + "fixmedins_code STRING, category STRING, med_class STRING, pay_method STRING, case_points DECIMAL(18,2), "
        + "special_case_flag INT, hifp_pay DECIMAL(18,2), setl_year INT, is_reversal BOOLEAN, is_reversed BOOLEAN";
    String g = "outpatient_general";
    String dipCat = "inpatient_drg_dip";
    Fixtures.table(lake, Tables.DWD_SETL, setl,
        // outpatient, the city's insured: A 4 800 000 (p1, p2), B 2 900 000 (p3), C 1 800 000 (p4, p5)
        row("s1", "p1", "390", "360102", "360102", "A", g, "outpatient", "FFS", null, 0, "2000000.00", 2025, false, false),
        row("s2", "p2", "390", "360103", "360102", "A", g, "outpatient", "FFS", null, 0, "2800000.00", 2025, false, false),
        row("s3", "p3", "390", "360103", "360103", "B", g, "outpatient", "FFS", null, 0, "2900000.00", 2025, false, false),
        row("s4", "p4", "390", "360102", "360102", "C", g, "outpatient", "FFS", null, 0, "1000000.00", 2025, false, false),
        row("s5", "p5", "390", "360102", "360102", "C", g, "outpatient", "FFS", null, 0, "800000.00", 2025, false, false),
        // p1 treated in another city: in F (cross-region), not a local institution's fund, p1 counted once
        row("s6", "p1", "390", "360102", "360201", "Z", g, "outpatient", "FFS", null, 0, "1500000.00", 2025, false, false),
        // outside everything: another city's insured treated at A; a reversed pair; last year
        row("s7", "q1", "390", "360201", "360102", "A", g, "outpatient", "FFS", null, 0, "999999.99", 2025, false, false),
        row("s8", "p1", "390", "360102", "360102", "A", g, "outpatient", "FFS", null, 0, "555.55", 2025, false, true),
        row("s9", "p1", "390", "360102", "360102", "A", g, "outpatient", "FFS", null, 0, "-555.55", 2025, true, false),
        row("s10", "p1", "390", "360102", "360102", "A", g, "outpatient", "FFS", null, 0, "7777.77", 2024, false, false),
        // employees: p6 at A, 300 000
        row("s11", "p6", "310", "360102", "360102", "A", g, "outpatient", "FFS", null, 0, "300000.00", 2025, false, false),
        // DIP cases: A 2 × 20 000 points (1 750 000 each), B 35 000 (3 150 000), C 25 000 (2 250 000)
        row("d1", "p1", "390", "360102", "360102", "A", dipCat, "inpatient", "DIP", "20000", 0, "1750000.00", 2025,
            false, false),
        row("d2", "p2", "390", "360103", "360102", "A", dipCat, "inpatient", "DIP", "20000", 0, "1750000.00", 2025,
            false, false),
        row("d3", "p3", "390", "360103", "360103", "B", dipCat, "inpatient", "DIP", "35000", 0, "3150000.00", 2025,
            false, false),
        row("d4", "p4", "390", "360102", "360102", "C", dipCat, "inpatient", "DIP", "25000", 0, "2250000.00", 2025,
            false, false),
        // a special case at B (paid fee-for-service, category inpatient_ffs), another city's insured at A
        row("d5", "p5", "390", "360102", "360103", "B", "inpatient_ffs", "inpatient", "DIP", "9999", 1, "123456.78",
            2025, false, false),
        row("d6", "q1", "390", "360201", "360102", "A", dipCat, "inpatient", "DIP", "50000", 0, "4000000.00", 2025,
            false, false));
    Fixtures.table(lake, Tables.ADS_BUDGET_RUN, "budget_run_id STRING, budget_year INT, is_adopted BOOLEAN",
        row("B0", 2025, false), row("B1", 2025, true));
    Fixtures.table(lake, Tables.ADS_BUDGET_CITY, "budget_run_id STRING, admdvs STRING, insutype STRING, "
            + "category STRING, budget_amt DECIMAL(18,2)",
        row("B1", "360100", "390", "outpatient_general", "7000000.00"),
        row("B1", "360100", "390", "outpatient_chronic", "600000.01"),
        row("B1", "360100", "390", "inpatient_drg_dip", "9000000.00"),
        row("B1", "360100", "310", "outpatient_general", "500000.00"),
        row("B1", "360000", "390", "outpatient_general", "1.00"),
        row("B0", "360100", "390", "outpatient_general", "2.00"));
    SettlementInputs inputs = new SettlementInputs(2025, Map.of(), List.of(
        new SettlementInputs.Capitation("360100", "390", "general", d("10000000.00"), d("200000.00"),
            d("1500000.00"), Map.of(
                "A", new InstitutionInput(d("300000.00"), d("4050000.00"), d("10000.00")),
                "B", new InstitutionInput(d("200000.00"), d("2430000.00"), null),
                "C", new InstitutionInput(null, d("1620000.00"), d("2500.50")))),
        new SettlementInputs.Capitation("360100", "310", "general", d("300000.00"), null, null, Map.of())),
        "test", "");
    JobRunner.run(new CapitationPointsJob(inputs), ctx);
    JobRunner.run(new OutpatientBudgetCapJob(), ctx);
    JobRunner.run(new DipPointValueJob(), ctx);
    collect(lake, Tables.ADS_CAPITATION_POINTS, capitation, "scope");
    collect(lake, Tables.ADS_OUTPATIENT_BUDGET_CAP, cap, null);
    collect(lake, Tables.ADS_DIP_POINT_VALUE, dip, null);
  }

  /** Rows keyed insutype|fixmedins_code (plus the scope when given). */
  private static void collect(Lake lake, TableId t, Map<String, Row> into, String scope) {
    for (Row r : lake.read(t).filter(col("settlement_run_id").equalTo(RUN)).collectAsList()) {
      into.put(r.getAs("insutype") + "|" + r.getAs("fixmedins_code") + (scope == null ? "" : "|" + r.getAs(scope)), r);
    }
  }

  @Test
  void capitationRegionAsInTheFormulaTest() {
    Row r = capitation.get("390|*|general");
    assertEquals("region", r.getAs("row_kind"));
    assertEquals("360100", r.getAs("admdvs"));
    // F = 4 800 000 + 2 900 000 + 1 800 000 + 1 500 000 (p1 in 360201) = 11 000 000; q1 (another city's insured),
    // the reversed pair and 2024 are outside
    assertEquals(d("11000000.00"), r.getAs("ffs_fund_amt"));
    // share = |11 000 000 − 10 000 000| × 0.5 = 500 000; T = 10 000 000 + 200 000 + 500 000 = 10 700 000
    assertEquals(d("500000.00"), r.getAs("share_amt"));
    assertEquals(d("10700000.00"), r.getAs("settlement_total_amt"));
    // special = 300 000 (A) + 200 000 (B); T_local = 10 700 000 − 1 500 000 − 500 000 = 8 700 000
    assertEquals(d("500000.00"), r.getAs("special_amt"));
    assertEquals(d("8700000.00"), r.getAs("local_total_amt"));
    // patients treated in the region p1..p5 = 5 (< 10: suppressed); P = 5 × 1 000 000; v = 8 700 000 / 5 000 000
    assertEquals(5L, (long) r.getAs("patient_cnt"));
    assertEquals(true, r.getAs("is_suppressed"));
    assertEquals(d("5000000.0000"), r.getAs("total_points"));
    assertEquals(d("1.740000"), r.getAs("point_value"));
    // Σ fund = 11 000 000 − 1 500 000 − 500 000 = 9 000 000; Σ settlements 590 000 + 380 000 + 117 499.50
    assertEquals(d("9000000.00"), r.getAs("fund_amt"));
    assertEquals(d("1087499.50"), r.getAs("settlement_amt"));
  }

  @Test
  void capitationInstitutionsAsInTheFormulaTest() {
    // A: fund 4 800 000 − special 300 000 = 4 500 000, weight 0.5, points 2 500 000, × 1.74 = 4 350 000
    //    + 300 000 − 4 050 000 − 10 000 = 590 000.00
    Row a = capitation.get("390|A|general");
    assertEquals("institution", a.getAs("row_kind"));
    assertEquals(d("4500000.00"), a.getAs("fund_amt"));
    assertEquals(d("0.500000"), a.getAs("weight_rate"));
    assertEquals(d("2500000.0000"), a.getAs("points"));
    assertEquals(d("4350000.00"), a.getAs("points_amt"));
    assertEquals(d("590000.00"), a.getAs("settlement_amt"));
    // B: 2 900 000 − 200 000 = 2 700 000, 0.3 → 2 610 000 + 200 000 − 2 430 000 = 380 000.00
    assertEquals(d("2700000.00"), capitation.get("390|B|general").getAs("fund_amt"));
    assertEquals(d("380000.00"), capitation.get("390|B|general").getAs("settlement_amt"));
    // C: 1 800 000, 0.2 → 1 740 000 − 1 620 000 − 2 500.50 = 117 499.50
    assertEquals(d("117499.50"), capitation.get("390|C|general").getAs("settlement_amt"));
    // Z is outside the region: no institution row
    assertNull(capitation.get("390|Z|general"));
    // employees: F = C = 300 000: share 0, T = T_local = 300 000, A alone (weight 1) is paid 300 000
    assertEquals(d("0.00"), capitation.get("310|*|general").getAs("share_amt"));
    assertEquals(d("300000.00"), capitation.get("310|A|general").getAs("settlement_amt"));
    assertEquals(4 + 2, capitation.size());
  }

  @Test
  void outpatientCapProRata() {
    // Bo (B1, city rows) = 7 000 000 + 600 000.01 = 7 600 000.01; K = 4 800 000 + 2 900 000 + 1 800 000 = 9 500 000
    // (p1 at Z is treated outside the city) > Bo: paid K_i × 7 600 000.01 / 9 500 000 = K_i × 0.80000000105…
    Row city = cap.get("390|*");
    assertEquals(d("7600000.01"), city.getAs("budget_amt"));
    assertEquals(d("9500000.00"), city.getAs("claims_total_amt"));
    assertEquals(true, city.getAs("is_capped"));
    // A 4 800 000 × … = 3 840 000.00505… -> 3 840 000.01; B 2 900 000 × … = 2 320 000.00305… -> 2 320 000.00;
    // C 1 800 000 × … = 1 440 000.00189… -> 1 440 000.00; Σ 7 600 000.01, reduction 1 899 999.99
    assertEquals(d("3840000.01"), cap.get("390|A").getAs("paid_amt"));
    assertEquals(d("2320000.00"), cap.get("390|B").getAs("paid_amt"));
    assertEquals(d("1440000.00"), cap.get("390|C").getAs("paid_amt"));
    assertEquals(d("7600000.01"), city.getAs("paid_amt"));
    assertEquals(d("1899999.99"), city.getAs("reduction_amt"));
    // employees: K 300 000 ≤ Bo 500 000: paid as claimed
    assertEquals(false, cap.get("310|*").getAs("is_capped"));
    assertEquals(d("300000.00"), cap.get("310|A").getAs("paid_amt"));
  }

  @Test
  void dipPointValueWithLevelCoefficients() {
    // budget 9 000 000 / (40 000 + 35 000 + 25 000) points = 90 a point (q1's case is another city's insured)
    Row city = dip.get("390|*");
    assertEquals(d("9000000.00"), city.getAs("budget_amt"));
    assertEquals(d("100000.0000"), city.getAs("total_points"));
    assertEquals(d("90.000000"), city.getAs("point_value"));
    // A lv 3: 40 000 × 90 × 1.00 = 3 600 000.00 of 3 500 000 claimed: 1.0285714… -> 1.028571
    Row a = dip.get("390|A");
    assertEquals(2L, (long) a.getAs("case_cnt"));
    assertEquals(d("3600000.00"), a.getAs("paid_amt"));
    assertEquals(d("1.028571"), a.getAs("payout_rate"));
    // B lv 2: 35 000 × 90 × 0.90 = 2 835 000.00 / 3 150 000 = 0.9; C lv 1: 25 000 × 90 × 0.80 = 1 800 000.00 / 2 250 000
    // = 0.8 < 0.85: flagged
    assertEquals(d("2835000.00"), dip.get("390|B").getAs("paid_amt"));
    assertEquals(d("0.900000"), dip.get("390|B").getAs("payout_rate"));
    assertEquals(false, dip.get("390|B").getAs("is_low_payout"));
    assertEquals(d("1800000.00"), dip.get("390|C").getAs("paid_amt"));
    assertEquals(true, dip.get("390|C").getAs("is_low_payout"));
    // city: paid 8 235 000 / claimed 8 900 000 = 0.92528089… -> 0.925281, not low
    assertEquals(d("8235000.00"), city.getAs("paid_amt"));
    assertEquals(d("8900000.00"), city.getAs("claimed_amt"));
    assertEquals(d("0.925281"), city.getAs("payout_rate"));
    assertEquals(false, city.getAs("is_low_payout"));
    // special cases: B's one of 5 discharges; limit floor(5 × 0.005) = 0 -> over the limit
    assertEquals(5L, (long) city.getAs("discharge_cnt"));
    assertEquals(1L, (long) city.getAs("special_case_cnt"));
    assertEquals(d("123456.78"), city.getAs("special_case_fund_amt"));
    assertEquals(0L, (long) city.getAs("special_case_limit_cnt"));
    assertEquals(true, city.getAs("is_special_over_limit"));
    assertEquals(4, dip.size());
  }
}
