package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.settlement.BedDayDeduction;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.bed_day_deduction}: the year-end bed-day deduction (床位协议, 超出年度最大床日数扣减), docs/policy.md §3.1, of
 * every designated institution with an agreement in the adopted budget run ({@code ads.bed_day_agreement}),
 * members of a medical community or not: {@code deduction = fund × max(0, bed_days − max_bed_days) / bed_days ×
 * settlement.bed_day.deduction_rate} ({@link BedDayDeduction}), with the institution's inpatient pooled fund
 * ({@code hifp_pay}) and bed-days of the year from {@code dws.fund_expenditure_month} — the definitions the
 * year-end settlement charges to a community for its members and the bed-day indicator compares with. The
 * deduction rate agreed in the budget run must equal the settlement's (exit 2 otherwise).
 */
public final class BedDayDeductionJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, fixmedins_code STRING, admdvs STRING, "
      + "medcommunity_id STRING, budget_run_id STRING, max_bed_days DECIMAL(18,2), bed_days BIGINT, "
      + "excess_bed_days DECIMAL(18,2), inpatient_fund_amt DECIMAL(18,2), deduction_rate DECIMAL(9,6), "
      + "deduction_amt DECIMAL(18,2)";
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BED_DAY_DEDUCTION)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DIM_MEDINS, Tables.ADS_BUDGET_RUN,
            Tables.ADS_BED_DAY_AGREEMENT)
        .grain("settlement_run_id", "fixmedins_code").keyedByRun("settlement_run_id")
        .doc("docs/policy.md §3.1 bed-day agreement deduction")
        .build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    Policy p = ctx.policy();
    String budgetRun = AdoptedBudget.runId(in.get(Tables.ADS_BUDGET_RUN), year);
    var institutions = SettlementData.institutions(in.get(Tables.DIM_MEDINS));
    Dataset<Row> used = in.get(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .filter(col("setl_year").equalTo(year).and(col("med_class").equalTo("inpatient")))
        .groupBy("fixmedins_code").agg(Money.sum("hifp_pay"), functions.sum("bed_days").cast("long").as("bed_days"));
    List<Row> rows = new ArrayList<>();
    for (Row r : in.get(Tables.ADS_BED_DAY_AGREEMENT).filter(col("budget_run_id").equalTo(budgetRun))
        .select(col("fixmedins_code"), col("admdvs"), col("max_bed_days").cast(Money.TYPE), col("deduction_rate"))
        .join(used, org.yibao.lake.common.spark.Cols.seq("fixmedins_code"), "left")
        .orderBy("fixmedins_code").collectAsList()) {
      String code = r.getString(0);
      String county = r.getString(1);
      BigDecimal rate = p.decimal("settlement.bed_day.deduction_rate", year, county);
      if (r.getDecimal(3).compareTo(rate) != 0) {
        throw new ConfigException("bed-day deduction rate of " + code + ": agreed " + r.getDecimal(3).toPlainString()
            + " in budget run " + budgetRun + " (budget.bed_day.deduction_rate), settlement.bed_day.deduction_rate "
            + rate.toPlainString() + ": one rate for both");
      }
      BigDecimal max = r.getDecimal(2);
      BigDecimal fund = r.isNullAt(4) ? ZERO : r.getDecimal(4);
      long bedDays = r.isNullAt(5) ? 0L : r.getLong(5);
      BigDecimal excess = BigDecimal.valueOf(bedDays).subtract(max).max(ZERO);
      SettlementData.Institution i = institutions.get(code);
      rows.add(RowFactory.create(ctx.runId(), year, code, county, i == null ? null : i.medcommunityId(), budgetRun,
          max, bedDays, excess.setScale(2), fund, Money.rate(rate),
          BedDayDeduction.of(fund, BigDecimal.valueOf(bedDays), max, rate)));
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }
}
