package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.budget.GrowthCap;
import org.yibao.lake.common.policy.budget.ProportionalAllocation;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.budget_cross_region}: the in-province cross-region inpatient budget (省内异地就医住院预算),
 * POLICY.md §7 last paragraph (seed 004 §二(二)7). For each insured city, last year's pooled-fund
 * inpatient expenditure of its insured in the province's other cities is chained by the §2 growth
 * rule ({@code g = min(requested, the insured city's revenue growth)}) and allocated to each city of
 * treatment by its share of last year's expenditure; the allocations add up to the chained total to
 * the cent.
 */
public final class BudgetCrossRegionJob implements Job {

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BUDGET_CROSS_REGION)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DWD_FUND_REVENUE, Tables.DIM_ADMDVS)
        .grain("budget_run_id", "insuplc_city", "mdtrtarea_city").keyedByRun("budget_run_id")
        .doc("POLICY.md §7 (in-province cross-region budget); seed 004 §二(二)7").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    String prefix = BudgetInputs.province(in).substring(0, 2);
    Map<String, BigDecimal> revenueY = BudgetInputs.revenue(in, year, BudgetInputs.BUDGET);
    Map<String, BigDecimal> revenueY1 = BudgetInputs.revenue(in, year - 1, BudgetInputs.ACTUAL);
    Map<String, Map<String, BigDecimal>> flows = new TreeMap<>();
    for (Row r : in.get(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .filter(col("setl_year").equalTo(year - 1).and(col("med_class").equalTo("inpatient")))
        .withColumn("insuplc_city", concat(col("insuplc_admdvs").substr(1, 4), lit("00")))
        .withColumn("mdtrtarea_city", concat(col("mdtrtarea_admdvs").substr(1, 4), lit("00")))
        .filter(col("insuplc_city").startsWith(prefix).and(col("mdtrtarea_city").startsWith(prefix))
            .and(col("insuplc_city").notEqual(col("mdtrtarea_city"))))
        .groupBy("insuplc_city", "mdtrtarea_city").agg(Money.sum("hifp_pay")).collectAsList()) {
      flows.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getDecimal(2));
    }

    RowTable out = new RowTable().str("budget_run_id").integer("budget_year").str("insuplc_city")
        .str("mdtrtarea_city").money("y1_cross_region_amt").money("y1_insuplc_total_amt").rate("share_rate")
        .rate("revenue_growth_rate").rate("growth_rate_applied").money("chained_total_amt").money("allocation_amt");
    for (Map.Entry<String, Map<String, BigDecimal>> e : flows.entrySet()) {
      String city = e.getKey();
      List<BigDecimal> amounts = new ArrayList<>(e.getValue().values());
      BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      if (total.signum() <= 0) {
        continue;
      }
      BigDecimal cap = GrowthCap.revenueGrowth(
          BudgetInputs.require(BudgetInputs.allInsutypes(revenueY, city), "budget revenue of " + year + " for " + city),
          BudgetInputs.require(BudgetInputs.allInsutypes(revenueY1, city),
              "actual revenue of " + (year - 1) + " for " + city));
      BigDecimal g = GrowthCap.applied(BudgetInputs.requestedGrowth(ctx.policy(), year, city), cap);
      BigDecimal chained = GrowthCap.grow(total, g);
      List<BigDecimal> allocation = ProportionalAllocation.split(chained, amounts);
      int i = 0;
      for (Map.Entry<String, BigDecimal> f : e.getValue().entrySet()) {
        out.add(ctx.runId(), year, city, f.getKey(), f.getValue(), total,
            f.getValue().divide(total, 6, RoundingMode.HALF_UP), cap, g, chained, allocation.get(i++));
      }
    }
    return out.frame(ctx.spark());
  }
}
