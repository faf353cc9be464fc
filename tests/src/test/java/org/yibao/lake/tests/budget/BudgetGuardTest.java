package org.yibao.lake.tests.budget;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.refresh.RefreshRunner;
import org.yibao.lake.tests.Fixtures;
import org.yibao.lake.tests.TestSpark;

/**
 * Fail closed (issue 9 items 7–8, issue 12): {@code run} on a lake that was never ingested into, and
 * {@code budget compile} on inputs that cannot give a whole budget, end in exit 2 with one line naming
 * what is missing and write nothing; the same compile succeeds once the real jobs have built its inputs.
 * The lake is {@link BudgetLanding} ingested through the real pipeline; every step after it goes through
 * the CLI as a bureau runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetGuardTest {
  @TempDir static Path tmp;
  Lake lake;
  String conf;
  String lakeDir;
  String budgetRun;

  /** Exit code, stdout, and the last stderr line of one CLI call. */
  record Call(int exit, String out, String lastErr) {}

  @BeforeAll
  void ingest() {
    JobContext ctx = Fixtures.context(tmp.resolve("lake"), "ingest-1", Period.ALL, LocalDate.of(2025, 10, 16));
    lake = ctx.lake();
    BudgetLanding.write(tmp.resolve("landing"));
    // what `yibao ingest` does (the CLI takes the pseudonymisation key from the environment only)
    new IngestPipeline(lake, ctx.settings(), "ingest-1", "test").ingest(tmp.resolve("landing").toString());
    JobCatalog catalog = new JobCatalog();
    new RefreshRunner(catalog.all(), ctx).run(catalog.group("dwd"), false);
    conf = TestSpark.confDir().toString();
    lakeDir = tmp.resolve("lake").toString();
  }

  private Call cli(String lakePath, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--conf";
    all[1] = conf;
    all[2] = "--lake";
    all[3] = lakePath;
    System.arraycopy(args, 0, all, 4, args.length);
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Yibao.execute(all);
      List<String> lines = Arrays.stream(err.toString(StandardCharsets.UTF_8).split("\n")).filter(s -> !s.isBlank())
          .toList();
      return new Call(code, out.toString(StandardCharsets.UTF_8).trim(), lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  @Order(1)
  void runOnALakeNeverIngestedIntoIsExitTwo() {
    String typo = tmp.resolve("lkae").toString();
    for (String[] args : new String[][] {{"run"}, {"run", "--year", "2024"}, {"run", "--job", "dws"}}) {
      Call c = cli(typo, args);
      assertEquals(Yibao.USAGE, c.exit(), String.join(" ", args));
      assertTrue(c.lastErr().startsWith("error: no lake at " + typo) && c.lastErr().contains("ops.batch"), c.lastErr());
    }
  }

  @Test
  @Order(2)
  void compileWithoutDwsIsRefusedAndWritesNothing() {
    Call c = cli(lakeDir, "budget", "compile", "--year", "2025");
    assertEquals(Yibao.USAGE, c.exit());
    assertTrue(c.lastErr().startsWith("error: budget compile needs dws.fund_expenditure_month"), c.lastErr());
    assertEquals("", c.out(), "no run id is printed");
    // before the fix the compile exited 0 having written ads.budget_two_disease alone
    assertFalse(lake.exists(Tables.ADS_BUDGET_TWO_DISEASE));
    assertFalse(lake.exists(Tables.ADS_BUDGET_RUN));
  }

  @Test
  @Order(3)
  void aggregatesBuiltForOneYearAreRefusedByCompileAndByRun() {
    // a manual-score table was never landed: `run --job dwd` only warns about it
    assertEquals(Yibao.OK, cli(lakeDir, "run", "--job", "dwd").exit());
    assertEquals(Yibao.OK, cli(lakeDir, "run", "--job", "dws", "--year", "2024").exit());
    // dwd.setl holds 2023, 2024, 2025; the budget 2025 needs Y-3..Y-1 = 2022..2024, i.e. 2023 and 2024
    Call c = cli(lakeDir, "budget", "compile", "--year", "2025");
    assertEquals(Yibao.USAGE, c.exit());
    assertEquals("error: budget compile 2025 needs dws.fund_expenditure_month for [2023, 2024] (the years dwd.setl "
        + "holds) but it holds [2024]: rebuild it first (yibao run --job dws --full)", c.lastErr());
    assertFalse(lake.exists(Tables.ADS_BUDGET_RUN));
    // a run over everything needs every year of the data: indicators refuse a one-year person-year table
    Call run = cli(lakeDir, "run", "--job", "indicators");
    assertEquals(Yibao.USAGE, run.exit());
    assertTrue(run.lastErr().contains("needs dws.insured_person_year for [2023, 2024, 2025]"), run.lastErr());
    assertFalse(lake.exists(Tables.ADS_INDICATOR));
  }

  @Test
  @Order(4)
  void compileSucceedsOnceTheNightlyJobsBuiltEveryYear() {
    assertEquals(Yibao.OK, cli(lakeDir, "run", "--job", "dws").exit());
    Call c = cli(lakeDir, "budget", "compile", "--year", "2025");
    assertEquals(Yibao.OK, c.exit(), c.lastErr());
    Row r = lake.read(Tables.ADS_BUDGET_BASELINE).filter(col("budget_run_id").equalTo(c.out())
        .and(col("admdvs").equalTo("990101")).and(col("insutype").equalTo("390"))
        .and(col("category").equalTo("outpatient_general"))).first();
    // E(2023) = O2 400 + O3 100 = 500.00; E(2024) = O5 600 + O6 200 + O7 100 + O9 400 = 1,300.00; no 2022
    // history: weights 2 : 7 → (2 × 500 + 7 × 1,300) / 9 = 10,100 / 9 = 1,122.222… → 1,122.22 (history_years 2)
    assertEquals(new BigDecimal("500.00"), r.getAs("e_y2_amt"));
    assertEquals(new BigDecimal("1300.00"), r.getAs("e_y1_amt"));
    assertEquals(new BigDecimal("1122.22"), r.getAs("baseline_amt"));
    assertEquals(2, r.<Integer>getAs("history_years"));
    budgetRun = c.out();
  }

  /** Two-disease standards (docs/budget.md): one patient whatever their diseases, employee and resident apart. */
  @Test
  @Order(5)
  void twoDiseaseStandardCountsEachPatientOnceAndEachFundApart() {
    // 390 in city 990100: 2023 patients P2 (HTN and DM: one patient) → 1, spend O2 400 → 400.00;
    // 2024 patients P2, P3 → 2, spend O5 600 + O6 200 + O7 100 = 900 → 450.00 (P4's O9 is not a patient's);
    // standard (2 × 400 + 7 × 450) / 9 = 3,950 / 9 = 438.888… → 438.89; signed with a member on 2024-12-31:
    // P2 (T1) and P3 (H1) → 2, not 3; gross 877.78; P3's O7 100 at the non-member H2 after signing → 777.78
    Row resident = twoDisease("390");
    assertEquals("HTN+DM", resident.getAs("dise_type"));
    // 2022 is before the data began: registered patients, but no history (not a per-capita 0.00)
    assertTrue(resident.isNullAt(resident.fieldIndex("per_capita_y3_amt")));
    assertEquals(2, resident.<Integer>getAs("history_years"));
    assertEquals(1L, resident.<Long>getAs("patient_y2_cnt"));
    assertEquals(2L, resident.<Long>getAs("patient_y1_cnt"));
    assertEquals(new BigDecimal("400.00"), resident.getAs("per_capita_y2_amt"));
    assertEquals(new BigDecimal("450.00"), resident.getAs("per_capita_y1_amt"));
    assertEquals(new BigDecimal("438.89"), resident.getAs("standard_amt"));
    assertEquals(2L, resident.<Long>getAs("signed_patient_cnt"));
    assertEquals(new BigDecimal("877.78"), resident.getAs("gross_package_amt"));
    assertEquals(new BigDecimal("100.00"), resident.getAs("outside_member_amt"));
    assertEquals(new BigDecimal("777.78"), resident.getAs("package_amt"));
    // 310: P1 alone, 2023 300.00, 2024 500.00 → (2 × 300 + 7 × 500) / 9 = 4,100 / 9 = 455.555… → 455.56 × 1
    Row employee = twoDisease("310");
    assertEquals(new BigDecimal("455.56"), employee.getAs("standard_amt"));
    assertEquals(1L, employee.<Long>getAs("signed_patient_cnt"));
    assertEquals(new BigDecimal("455.56"), employee.getAs("package_amt"));
    assertEquals(2L, lake.read(Tables.ADS_BUDGET_TWO_DISEASE).filter(col("budget_run_id").equalTo(budgetRun)).count());
  }

  private Row twoDisease(String insutype) {
    return lake.read(Tables.ADS_BUDGET_TWO_DISEASE).filter(col("budget_run_id").equalTo(budgetRun)
        .and(col("medcommunity_id").equalTo("MC1")).and(col("insutype").equalTo(insutype))).first();
  }

  @Test
  @Order(6)
  void aBudgetOnAYearNotClosedInTheDataIsRefused() {
    // the data ends on 2025-10-15: 2025 is not closed (31 Dec less 3 days of tolerance = 2025-12-28)
    Call c = cli(lakeDir, "budget", "compile", "--year", "2026");
    assertEquals(Yibao.USAGE, c.exit());
    assertEquals("error: budget 2026 needs the whole of 2025, but the settlements end 2025-10-15: compile it once "
        + "2025 is closed in the data (docs/budget.md)", c.lastErr());
    assertEquals(1L, lake.read(Tables.ADS_BUDGET_RUN).count(), "only the 2025 run is recorded");
  }

  /** Year to date against the same days a year earlier; readmission windows observed; planned stays apart. */
  @Test
  @Order(7)
  void currentYearFiguresCompareTheSameDaysAndReadmissionsAreObserved() {
    assertEquals(Yibao.OK, cli(lakeDir, "run", "--job", "flows", "--job", "indicators").exit());
    // cost growth, county 990101, all insutypes. 2025 (data to 10-15): O8 1,000 + I1..I5 5 × 1,000 = 6,000;
    // 2024 to 10-15: O4 800 + O5 1,000 + O6 300 + O7 200 = 2,300 (O9 of 11-20 is after the anniversary);
    // 6,000 / 2,300 − 1 = 1.6086956… → 1.608696 (against the whole of 2024, 3,000: 1.000000)
    Row growth = indicator("cost_growth_rate", "2025", "county", "990101");
    assertEquals(new BigDecimal("2300.00"), growth.getAs("denominator"));
    assertEquals(new BigDecimal("1.608696"), growth.getAs("value"));
    // a closed year is compared whole: 2024 3,000 over 2023 500 + 600 + 200 = 1,300 → 1.3076923… → 1.307692
    assertEquals(new BigDecimal("1.307692"), indicator("cost_growth_rate", "2024", "county", "990101").getAs("value"));
    // admissions 2025: 5 stays over 4 insured person-years × 288 / 365 days (1 Jan – 15 Oct) = 3.156164…;
    // 5 × 365 / (4 × 288) = 1,825 / 1,152 = 1.5842013… → 1.584201 (over the whole year's 4: 1.250000)
    assertEquals(new BigDecimal("1.584201"), indicator("admission_rate", "2025", "county", "990101").getAs("value"));
    // 15-day readmission at H1, 2025: index stays I1, I2, I3, I4 (I5's window + 30-day lag ends 10-27, after
    // the data: censored); readmitted: I3 (I4 after 7 days); I1 is followed by I2 only, a planned Z51 stay
    // → 1 / 4 = 0.250000 (without the lag and the planned codes: 2 / 5)
    Row readmit = indicator("readmission_15d_any", "2025", "medins", "H1");
    assertEquals(new BigDecimal("1.00"), readmit.getAs("numerator"));
    assertEquals(new BigDecimal("4.00"), readmit.getAs("denominator"));
    assertEquals(new BigDecimal("0.250000"), readmit.getAs("value"));
    // flows, county 990101, all local: fund 2025 O8 700 + 5 × 600 = 3,700 over 2024 to 10-15
    // O4 500 + O5 600 + O6 200 + O7 100 = 1,400 → 3,700 / 1,400 − 1 = 1.6428571… → 1.642857
    Row flow = lake.read(Tables.ADS_FLOW_REGION).filter(col("period_type").equalTo("year")
        .and(col("period").equalTo("2025")).and(col("level").equalTo("county")).and(col("admdvs").equalTo("990101"))
        .and(col("insutype").equalTo("all"))).first();
    assertEquals(new BigDecimal("1400.00"), flow.getAs("prev_local_fund_amt"));
    assertEquals(new BigDecimal("1.642857"), flow.getAs("local_fund_growth_rate"));
  }

  private Row indicator(String id, String period, String level, String entity) {
    return lake.read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo(id).and(col("period_type").equalTo("year"))
        .and(col("period").equalTo(period)).and(col("level").equalTo(level)).and(col("entity_id").equalTo(entity))
        .and(col("insutype").equalTo("all"))).first();
  }

  /** A closed year's money figures stay put; its late reversal is a recovery in the month it landed. */
  @Test
  @Order(8)
  void aReversalOfAClosedYearIsBookedInTheMonthItLanded() {
    JobContext ctx = Fixtures.context(tmp.resolve("lake"), "ingest-2", Period.ALL, LocalDate.of(2025, 10, 17));
    BudgetLanding.writeReversals(tmp.resolve("landing"));
    new IngestPipeline(lake, ctx.settings(), "ingest-2", "test").ingest(tmp.resolve("landing").toString());
    JobCatalog catalog = new JobCatalog();
    new RefreshRunner(catalog.all(), ctx).run(catalog.group("dwd"), false);
    assertEquals(Yibao.OK, cli(lakeDir, "run", "--job", "dws").exit());

    // O1 (2023-03, hifp 300) stays in the closed 2023 (closes end of June 2024); R1, landed 2025-10-16, is
    // booked in 2025-10: −300.00, one case less
    Row kept = money("2023-03", "310");
    assertEquals(new BigDecimal("300.00"), kept.getAs("hifp_pay"));
    assertEquals(1L, kept.<Long>getAs("setl_cnt"));
    Row booked = money("2025-10", "310");
    assertEquals(new BigDecimal("-300.00"), booked.getAs("hifp_pay"));
    assertEquals(-1L, booked.<Long>getAs("setl_cnt"));
    // O8 of the open 2025 is reversed in place: neither it nor R8 counts (2025-10, 390 has no row)
    assertEquals(0L, monthRows("2025-10", "390").count());
    // every yuan once: 2023 800 + 2024 1,800 + 2025 3,700 = 6,300 before; − R1 300 − O8 700 = 5,300.00
    BigDecimal total = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH).agg(org.apache.spark.sql.functions.sum("hifp_pay"))
        .head().getDecimal(0);
    assertEquals(0, new BigDecimal("5300.00").compareTo(total), total::toPlainString);
  }

  private org.apache.spark.sql.Dataset<Row> monthRows(String month, String insutype) {
    return lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH).filter(col("setl_month").equalTo(month)
        .and(col("insutype").equalTo(insutype)).and(col("fixmedins_code").equalTo("T1"))
        .and(col("category").equalTo("outpatient_general")));
  }

  private Row money(String month, String insutype) {
    List<Row> r = monthRows(month, insutype).collectAsList();
    assertEquals(1, r.size(), month + " " + insutype);
    return r.get(0);
  }
}
