package org.yibao.lake.jobs.dws;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.indicator.LengthOfStay;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code dws.fund_expenditure_month}: the settlements that count in money figures ({@link SetlJob#MONEY}:
 * the valid ones, and a closed year's late reversal booked in the month it landed) summed per settlement month, insured county,
 * county of treatment, institution, insutype and budget category (docs/policy.md §1). The base of the
 * budget (§1–§5), settlement (§6–§7) and indicator (§9) jobs. Bed-days as {@link LengthOfStay}.
 */
public final class FundExpenditureMonthJob implements Job {
  /** The amount columns of a settlement summed here, DECIMAL(18,2). */
  public static final List<String> AMOUNTS = List.of("medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay",
      "preselfpay_amt", "inscp_scp_amt", "hifp_pay", "hifmi_pay", "maf_pay", "oth_pay", "fund_pay_sumamt",
      "acct_pay", "psn_cash_pay");

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.DWS_FUND_EXPENDITURE_MONTH).inputs(Tables.DWD_SETL)
        .grain("setl_month", "insuplc_admdvs", "mdtrtarea_admdvs", "fixmedins_code", "insutype", "category")
        .period("setl_month", JobSpec.PeriodKind.MONTH)
        .money(Tables.DWD_SETL, "hifp_pay", "hifp_pay")
        .doc("docs/policy.md §1 categories; conf/contract setl").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    // money figures: a closed year's late reversal is booked, negative, in the month it landed (SetlJob.MONEY)
    Dataset<Row> setl = in.get(Tables.DWD_SETL).filter(SetlJob.MONEY);
    if (!ctx.period().isAll()) {
      setl = setl.filter(ctx.period().predicate("setl_month", JobSpec.PeriodKind.MONTH));
    }
    Column inpatient = col("med_class").equalTo("inpatient");
    Column nights = LengthOfStay.bedDays(col("begndate"), col("enddate"));
    // a booked reversal takes its original's case, bed-days and special case back out
    Column sign = when(col("is_reversal"), -1).otherwise(1);
    List<Column> aggs = new ArrayList<>();
    aggs.add(functions.sum(sign).cast("long").as("setl_cnt"));
    aggs.add(functions.sum(when(inpatient, sign).otherwise(0)).cast("long").as("inpatient_cnt"));
    for (String a : AMOUNTS) {
      aggs.add(Money.sum(a));
    }
    aggs.add(functions.sum(when(inpatient, nights.multiply(sign)).otherwise(0)).cast("long").as("bed_days"));
    aggs.add(functions.coalesce(functions.sum("case_points"), lit(0)).cast(Money.TYPE).as("case_points"));
    aggs.add(functions.sum(when(col("special_case_flag").equalTo(1), sign).otherwise(0)).cast("long")
        .as("special_case_cnt"));
    return setl.groupBy(col("setl_month"), col("setl_year"), col("insuplc_admdvs"), col("mdtrtarea_admdvs"),
            col("fixmedins_code"), col("insutype"), col("category"), col("med_class"))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }
}
