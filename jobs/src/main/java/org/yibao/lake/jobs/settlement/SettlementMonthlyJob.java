package org.yibao.lake.jobs.settlement;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.settlement.MonthlyPreSettlement;
import org.yibao.lake.common.policy.settlement.MonthlyPreSettlement.Mode;
import org.yibao.lake.common.policy.settlement.QualityDeposit;
import org.yibao.lake.common.policy.settlement.SettlementCalendar;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.settlement_monthly}: the monthly pre-settlement (月度预结算) of each medical community,
 * docs/policy.md §6 ({@link MonthlyPreSettlement}, {@link QualityDeposit}, {@link SettlementCalendar}), for
 * the run's month, or every month of the run's year, for the communities in the scheme that year. The actual
 * amount of a month is the pooled fund the community's members (of that year) spent on the county's insured,
 * less their DIP part (settled under DIP, GY-2025 三(十)); the budget is the package of the adopted budget
 * run. Amounts are paid by the fund to the community: {@code net_paid = gross − deposit_withheld}.
 */
public final class SettlementMonthlyJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, settle_month STRING, medcommunity_id STRING, "
      + "admdvs STRING, budget_run_id STRING, mode STRING, is_cumulative BOOLEAN, budget_amt DECIMAL(18,2), "
      + "actual_amt DECIMAL(18,2), ytd_actual_amt DECIMAL(18,2), cap_amt DECIMAL(18,2), ratio_rate DECIMAL(9,6), "
      + "gross_amt DECIMAL(18,2), deposit_rate DECIMAL(9,6), deposit_withheld_amt DECIMAL(18,2), "
      + "net_paid_amt DECIMAL(18,2), ytd_gross_amt DECIMAL(18,2), ytd_deposit_withheld_amt DECIMAL(18,2), "
      + "ytd_net_paid_amt DECIMAL(18,2), declaration_date DATE, payment_due_date DATE, paid_date DATE, is_late BOOLEAN";

  private final SettlementInputs inputs;

  public SettlementMonthlyJob(SettlementInputs inputs) {
    this.inputs = inputs;
  }

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_SETTLEMENT_MONTHLY)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DIM_MEDCOMMUNITY, Tables.DIM_MEDINS, Tables.ADS_BUDGET_RUN,
            Tables.ADS_BUDGET_MEDCOMMUNITY)
        .grain("settlement_run_id", "medcommunity_id", "settle_month").keyedByRun("settlement_run_id")
        .doc("docs/policy.md §6 monthly pre-settlement; GD-2019 附件1 二.2, GY-2025 三(六), LS-2020 三(三), "
            + "JX-2026 二(三)8").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    int lastMonth = ctx.period().month() != null ? ctx.period().month().getMonthValue() : 12;
    int firstMonth = ctx.period().month() != null ? lastMonth : 1;
    String budgetRun = AdoptedBudget.runId(in.get(Tables.ADS_BUDGET_RUN), year);
    Map<String, BigDecimal> packages = SettlementData.packages(in.get(Tables.ADS_BUDGET_MEDCOMMUNITY), budgetRun);
    var communities = SettlementData.inScheme(in.get(Tables.DIM_MEDCOMMUNITY),
        SettlementData.institutions(in.get(Tables.DIM_MEDINS), year), year);
    Policy p = ctx.policy();
    SettlementData.Spending spend = SettlementData.spending(in.get(Tables.DWS_FUND_EXPENDITURE_MONTH), communities,
        year, p.string("settlement.dip.category", year, "*"));
    List<Row> rows = new ArrayList<>();
    for (SettlementData.Community c : communities) {
      BigDecimal budget = packages.get(c.id());
      if (budget == null) {
        throw new ConfigException("medical community " + c.id() + " has no package in adopted budget run " + budgetRun);
      }
      String r = c.admdvs();
      Mode mode = Mode.parse(p.string("settlement.monthly.mode", year, r));
      boolean cumulative = mode == Mode.ACTUAL_CAPPED && p.bool("settlement.monthly.cumulative", year, r);
      BigDecimal depositRate = p.decimal("settlement.quality_deposit.rate", year, r);
      int declarationDay = p.integer("settlement.calendar.declaration_day", year, r);
      int workingDays = p.integer("settlement.calendar.payment_working_days", year, r);
      Set<LocalDate> holidays = new HashSet<>();
      p.node("settlement.calendar.holidays", year, r).forEach(h -> holidays.add(LocalDate.parse(h.asText())));
      BigDecimal ratio = switch (mode) {
        case BUDGET_SHARE -> p.decimal("settlement.monthly.budget_share_ratio", year, r);
        case ACTUAL_RATIO -> p.decimal("settlement.monthly.actual_ratio", year, r);
        case ACTUAL_CAPPED -> null;
      };
      BigDecimal floor = mode == Mode.ACTUAL_RATIO ? p.decimal("settlement.monthly.actual_ratio_floor", year, r) : null;
      TreeMap<Integer, SettlementData.Spend> months = spend.months(c.id());
      BigDecimal ytdActual = BigDecimal.ZERO;
      BigDecimal ytdGross = BigDecimal.ZERO;
      BigDecimal ytdDeposit = BigDecimal.ZERO;
      for (int m = 1; m <= lastMonth; m++) {
        BigDecimal actual = months.containsKey(m) ? months.get(m).member() : BigDecimal.ZERO.setScale(2);
        BigDecimal ytdBefore = ytdActual;
        ytdActual = ytdActual.add(actual);
        BigDecimal cap = null;
        BigDecimal gross = switch (mode) {
          case BUDGET_SHARE -> MonthlyPreSettlement.budgetShare(budget, ratio);
          case ACTUAL_RATIO -> MonthlyPreSettlement.actualRatio(actual, ratio, floor);
          case ACTUAL_CAPPED -> cumulative
              ? MonthlyPreSettlement.actualCappedCumulative(ytdActual, ytdBefore, budget, m)
              : MonthlyPreSettlement.actualCapped(actual, budget);
        };
        if (mode == Mode.ACTUAL_CAPPED) {
          cap = cumulative ? MonthlyPreSettlement.cumulativeCap(budget, m)
              : MonthlyPreSettlement.monthlyCap(budget);
        }
        BigDecimal deposit = QualityDeposit.withheld(gross, depositRate);
        ytdGross = ytdGross.add(gross);
        ytdDeposit = ytdDeposit.add(deposit);
        if (m < firstMonth) {
          continue;
        }
        YearMonth ym = YearMonth.of(year, m);
        SettlementCalendar.Dates dates = SettlementCalendar.of(ym, declarationDay, workingDays, holidays);
        LocalDate paid = inputs.community(c.id()).payments() == null ? null
            : inputs.community(c.id()).payments().get(ym.toString());
        rows.add(RowFactory.create(ctx.runId(), year, ym.toString(), c.id(), r, budgetRun, mode.id(), cumulative,
            budget, actual, ytdActual, cap, ratio == null ? null : ratio.setScale(6), gross, depositRate.setScale(6),
            deposit, gross.subtract(deposit), ytdGross, ytdDeposit, ytdGross.subtract(ytdDeposit),
            Date.valueOf(dates.declarationDate()), Date.valueOf(dates.paymentDueDate()),
            paid == null ? null : Date.valueOf(paid), SettlementCalendar.isLate(dates.paymentDueDate(), paid, ctx.asOf())));
      }
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }
}
