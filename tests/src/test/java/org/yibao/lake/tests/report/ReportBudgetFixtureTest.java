package org.yibao.lake.tests.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yibao.lake.tests.Fixtures.row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.dws.FundExpenditureMonthJob;
import org.yibao.lake.jobs.report.ReportFigures;
import org.yibao.lake.jobs.report.ReportScope;
import org.yibao.lake.jobs.settlement.AdoptedBudget;
import org.yibao.lake.tests.Fixtures;

/**
 * Budget execution (预算执行率 vs 序时进度) and months of reserve (可支付月数) of the monitoring report, worked by
 * hand on a one-city province 790000 (city 790100, county 790101, hospital H1, employees 310 only). The chain
 * runs for real: dwd.setl → dws.fund_expenditure_month → the 2025 budget compile (first scheme year) → adopt.
 *
 * <pre>
 * pooled-fund expenditure (hifp_pay), all inpatient_drg_dip at H1 by 790101's insured:
 *   2024-06 100,000.00   2025-01 10,000.00   2025-02 20,000.00   2025-03 30,000.00
 * revenue 790100 310: actual 2024 240,000.00; budget 2025 252,000.00; actual 2025 264,000.00
 * </pre>
 */
class ReportBudgetFixtureTest {
  @TempDir Path tmp;

  @Test
  void budgetExecutionAndMonthsOfReserveAtMarch2025() {
    JobContext ctx = Fixtures.context(tmp, "budget-2025-base-fixture", Period.ALL, LocalDate.of(2025, 3, 31),
        Map.of("budget.scheme.start_year", "2025"));
    Lake lake = ctx.lake();
    write(lake);
    JobRunner.run(new FundExpenditureMonthJob(), ctx);
    BudgetCompiler.compile(ctx.withPeriod(Period.year(2025)), "base", "fixture");
    BudgetCompiler.adopt(lake, "budget-2025-base-fixture", "test");
    String run = AdoptedBudget.runId(lake.read(Tables.ADS_BUDGET_RUN), 2025);
    ReportScope scope = new ReportScope(YearMonth.of(2025, 3), false, "province", null);

    // Budget 2025 (first scheme year, one year of history): baseline = 2024's 100,000.00 (weights renormalised
    // over the one year); growth = revenue budget 2025 / actual 2024 − 1 = 252,000 / 240,000 − 1 = 0.05;
    // 100,000 × 1.05 = 105,000.00 ≤ ceiling 252,000 × 0.98 = 246,960.00: no scaling.
    // Spent 2025-01..03: 10,000 + 20,000 + 30,000 = 60,000.00; execution 60,000 / 105,000 = 0.571429 (HALF_UP 6);
    // time elapsed 3 / 12 = 0.250000; deviation +0.321429 (ahead of time: overspending risk).
    List<ReportFigures.Execution> lines = ReportFigures.budgetExecution(lake.read(Tables.ADS_BUDGET_CITY), run,
        lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH), scope);
    ReportFigures.Execution drg = lines.stream().filter(e -> e.category().equals("inpatient_drg_dip")).findFirst().orElseThrow();
    assertEquals(new BigDecimal("105000.00"), drg.budget());
    assertEquals(new BigDecimal("60000.00"), drg.spent());
    assertEquals(new BigDecimal("0.571429"), drg.rate());
    assertEquals(new BigDecimal("0.250000"), drg.elapsed());
    assertEquals(new BigDecimal("0.321429"), drg.deviation());

    // Months of reserve at 2025-03, fund 310: revenue 2025 to date 264,000 × 3 / 12 = 66,000.00; accumulated
    // revenue 240,000 + 66,000 = 306,000.00; spent to date 100,000 + 60,000 = 160,000.00; accumulated balance
    // 146,000.00. The 12 months ending 2025-03 start at 2024-04, but the data start at 2024-06: 10 months,
    // 160,000 / 10 = 16,000.00 a month; 146,000 / 16,000 = 9.125 → 9.13 months (HALF_UP 2).
    TreeMap<String, BigDecimal> exp = ReportFigures.expenditureByMonth(lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH), scope, "310");
    TreeMap<Integer, BigDecimal> rev = ReportFigures.revenueByYear(lake.read(Tables.DWD_FUND_REVENUE),
        lake.read(Tables.DIM_ADMDVS), scope, "310");
    ReportFigures.FundPosition p = ReportFigures.position(exp, rev, YearMonth.of(2025, 3));
    assertEquals(new BigDecimal("66000.00"), p.revenueYtd());
    assertEquals(new BigDecimal("60000.00"), p.expenditureYtd());
    assertEquals(new BigDecimal("6000.00"), p.balanceYtd()); // 66,000 − 60,000
    assertEquals(new BigDecimal("146000.00"), p.accumulatedBalance());
    assertEquals(new BigDecimal("16000.00"), p.averageMonthly());
    assertEquals(new BigDecimal("9.13"), p.reserveMonths());
    // month on month 30,000 / 20,000 − 1 = +0.5; no March 2024: no year-on-year
    assertEquals(new BigDecimal("0.500000"), ReportFigures.change(p.expenditureMonth(), p.expenditurePrevMonth()));
    assertEquals(null, ReportFigures.change(p.expenditureMonth(), p.expenditureLastYear()));
  }

  private static void write(Lake lake) {
    Fixtures.table(lake, Tables.DIM_ADMDVS, "admdvs STRING, admdvs_name STRING, admdvs_lv INT, prnt_admdvs STRING",
        row("790000", "丁省", 1, null), row("790100", "丁市", 2, "790000"), row("790101", "丁一县", 3, "790100"));
    Fixtures.table(lake, Tables.DIM_MEDINS, "fixmedins_code STRING, fixmedins_name STRING, admdvs STRING, "
            + "hosp_lv STRING, medins_type STRING, medcommunity_id STRING, lead_flag INT, aprv_bed_cnt INT, "
            + "begndate DATE, enddate DATE",
        row("H1", "丁一县人民医院", "790101", "2", "general", "", 0, 100, "2015-01-01", null));
    Fixtures.table(lake, Tables.DIM_MEDCOMMUNITY, "medcommunity_id STRING, medcommunity_name STRING, admdvs STRING, "
        + "lead_fixmedins_code STRING, scheme_begn_year INT");
    Fixtures.table(lake, Tables.DWD_FUND_REVENUE, "admdvs STRING, insutype STRING, year INT, kind STRING, revenue DECIMAL(18,2)",
        row("790100", "310", 2024, "actual", "240000.00"), row("790100", "310", 2025, "budget", "252000.00"),
        row("790100", "310", 2025, "actual", "264000.00"));
    Fixtures.table(lake, Tables.DWD_INSU, "psn_no STRING, insutype STRING, insuplc_admdvs STRING, begndate DATE, "
        + "enddate DATE, psn_type STRING", row("P1", "310", "790101", "2020-01-01", null, "11"));
    Fixtures.table(lake, Tables.DWD_CHRONIC_REG, "psn_no STRING, dise_type STRING, begndate DATE, enddate DATE");
    Fixtures.table(lake, Tables.DWD_FD_SIGN, "psn_no STRING, fixmedins_code STRING, begndate DATE, enddate DATE");
    Fixtures.table(lake, Tables.DWD_SETL, SETL_DDL,
        stay("S1", "2024-06-01", "2024-06-15", "100000.00"), stay("S2", "2025-01-02", "2025-01-10", "10000.00"),
        stay("S3", "2025-02-02", "2025-02-10", "20000.00"), stay("S4", "2025-03-02", "2025-03-10", "30000.00"));
  }

  static final String SETL_DDL = "setl_id STRING, psn_no STRING, insutype STRING, fixmedins_code STRING, "
      + "insuplc_admdvs STRING, mdtrtarea_admdvs STRING, begndate DATE, enddate DATE, setl_date DATE, setl_month STRING, "
      + "setl_year INT, med_class STRING, category STRING, pay_method STRING, special_case_flag INT, dise_codg STRING, "
      + "case_points DECIMAL(18,2), medfee_sumamt DECIMAL(18,2), fulamt_ownpay_amt DECIMAL(18,2), overlmt_selfpay DECIMAL(18,2), "
      + "preselfpay_amt DECIMAL(18,2), inscp_scp_amt DECIMAL(18,2), hifp_pay DECIMAL(18,2), hifmi_pay DECIMAL(18,2), "
      + "maf_pay DECIMAL(18,2), oth_pay DECIMAL(18,2), fund_pay_sumamt DECIMAL(18,2), acct_pay DECIMAL(18,2), "
      + "psn_cash_pay DECIMAL(18,2), is_reversal BOOLEAN, is_reversed BOOLEAN, is_after_close BOOLEAN";

  /** A DRG inpatient stay of P1 at H1 whose pooled-fund payment is {@code hifp}; the cost is hifp / 0.8. */
  static Object[] stay(String id, String begn, String end, String hifp) {
    BigDecimal h = new BigDecimal(hifp);
    BigDecimal fee = h.multiply(new BigDecimal("1.25"));
    return row(id, "P1", "310", "H1", "790101", "790101", begn, end, end, end.substring(0, 7),
        Integer.parseInt(end.substring(0, 4)), "inpatient", "inpatient_drg_dip", "DRG", 0, "I21.0", "1.00",
        fee.toPlainString(), "0.00", "0.00", "0.00", fee.toPlainString(), hifp, "0.00", "0.00", "0.00", hifp, "0.00",
        fee.subtract(h).toPlainString(), false, false, false);
  }
}
