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
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.jobs.settlement.SettlementInputs.InstitutionInput;
import org.yibao.lake.tests.Fixtures;

/**
 * The §7 outpatient capitation job on one tiny lake (the outpatient cap and the DIP point value run through the
 * real budget chain in {@code DipPoolChainTest}), 2025, city 360100 (counties 360102, 360103), resident
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
        row("s11", "p6", "310", "360102", "360102", "A", g, "outpatient", "FFS", null, 0, "300000.00", 2025, false, false));
    SettlementInputs inputs = new SettlementInputs(2025, Map.of(), List.of(
        new SettlementInputs.Capitation("360100", "390", "general", d("10000000.00"), d("200000.00"),
            d("1500000.00"), Map.of(
                "A", new InstitutionInput(d("300000.00"), d("4050000.00"), d("10000.00")),
                "B", new InstitutionInput(d("200000.00"), d("2430000.00"), null),
                "C", new InstitutionInput(null, d("1620000.00"), d("2500.50")))),
        new SettlementInputs.Capitation("360100", "310", "general", d("300000.00"), null, null, Map.of())),
        "test", "");
    JobRunner.run(new CapitationPointsJob(inputs), ctx);
    collect(lake, Tables.ADS_CAPITATION_POINTS, capitation, "scope");
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
    // cross-region: the data say 1 500 000 (s6); the manual 1 500 000 overrides it with the same figure
    assertEquals(d("1500000.00"), r.getAs("cross_region_data_amt"));
    assertEquals(true, r.getAs("is_cross_region_manual"));
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
}
