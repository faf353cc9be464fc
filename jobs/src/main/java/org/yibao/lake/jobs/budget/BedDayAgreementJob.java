package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.budget.BedDayAgreement;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.bed_day_agreement}: the bed-day agreement (床位协议) maximum of every institution with
 * approved beds for the budget year, docs/policy.md §3.1 (bed-day agreement):
 * {@code max_bed_days = beds × days_in_year × max_occupancy}, with the deduction rate the year-end
 * settlement applies above it. Last year's bed-days and inpatient fund are shown for comparison.
 */
public final class BedDayAgreementJob implements Job {

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BED_DAY_AGREEMENT).inputs(Tables.DIM_MEDINS, Tables.DWS_FUND_EXPENDITURE_MONTH)
        .grain("budget_run_id", "fixmedins_code").keyedByRun("budget_run_id")
        .doc("docs/policy.md §3.1 bed-day agreement").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    int days = Year.of(year).length();
    Map<String, Row> lastYear = new TreeMap<>();
    for (Row r : in.get(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .filter(col("setl_year").equalTo(year - 1).and(col("med_class").equalTo("inpatient")))
        .groupBy("fixmedins_code").agg(functions.sum("bed_days").cast("long"), Money.sum("hifp_pay"))
        .collectAsList()) {
      lastYear.put(r.getString(0), r);
    }
    RowTable out = new RowTable().str("budget_run_id").integer("budget_year").str("fixmedins_code")
        .str("fixmedins_name").str("admdvs").count("bed_cnt").integer("days_in_year").rate("max_occupancy_rate")
        .money("max_bed_days").rate("deduction_rate").count("y1_bed_days").money("y1_inpatient_fund_amt");
    // the institution as it stands on 1 January of the budget year (the latest version begun by then)
    LocalDate start = LocalDate.of(year, 1, 1);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Row m : MedinsMembership.validBetween(in, start, start)
        .filter(col("aprv_bed_cnt").gt(0))
        .orderBy(col("fixmedins_code"), col("begndate").desc())
        .select("fixmedins_code", "fixmedins_name", "admdvs", "aprv_bed_cnt").collectAsList()) {
      String code = m.getString(0);
      if (!seen.add(code)) {
        continue;
      }
      String county = m.getString(2);
      BigDecimal occupancy = ctx.policy().decimal("budget.bed_day.max_occupancy", year, county);
      Row y1 = lastYear.get(code);
      out.add(ctx.runId(), year, code, m.getString(1), county, (long) m.getInt(3), days, occupancy,
          BedDayAgreement.maxBedDays(m.getInt(3), days, occupancy),
          ctx.policy().decimal("budget.bed_day.deduction_rate", year, county),
          y1 == null ? 0L : y1.getLong(1), y1 == null ? BigDecimal.ZERO : y1.getDecimal(2));
    }
    return out.frame(ctx.spark());
  }
}
