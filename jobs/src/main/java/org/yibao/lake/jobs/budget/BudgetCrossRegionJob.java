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
 * {@code ads.budget_cross_region}: the cross-region DRG/DIP inpatient budget (省内异地就医住院DRG/DIP预算),
 * docs/policy.md §7.5. For each insured city of the province and insutype,
 * last year's pooled-fund expenditure of the DRG/DIP category ({@code settlement.dip.category}, the one
 * definition the DIP point value uses) of its insured treated in another city is chained by the §2 growth
 * rule ({@code g = min(requested, the insured city's revenue growth of that insutype)}, as the city budget)
 * and allocated to each city of treatment by its share of last year's expenditure; the allocations add up
 * to the chained total to the cent (largest remainder).
 *
 * <p>Treatment outside the province is chained and allocated the same way, flagged
 * {@code is_in_province = false}: it is carved out of the insured city's DRG/DIP pool like the in-province
 * outflows but no pool of this province receives it (those cases are settled by the national cross-province
 * clearing). The DIP point value reads this table: pool = the city budget − its insured's outflows + the
 * in-province allocations to it as place of treatment (docs/settlement.md).
 */
public final class BudgetCrossRegionJob implements Job {

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BUDGET_CROSS_REGION)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DWD_FUND_REVENUE, Tables.DIM_ADMDVS)
        .grain("budget_run_id", "insuplc_city", "insutype", "mdtrtarea_city").keyedByRun("budget_run_id")
        .doc("docs/policy.md §7.5 (in-province cross-region DRG/DIP budget)").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    String prefix = BudgetInputs.province(in).substring(0, 2);
    // province-wide, as the DIP point value reads it: the carved-out flows and the pool's cases are one category
    String category = ctx.policy().string("settlement.dip.category", year, "*");
    Map<String, BigDecimal> revenueY = BudgetInputs.revenue(in, year, BudgetInputs.BUDGET);
    Map<String, BigDecimal> revenueY1 = BudgetInputs.revenue(in, year - 1, BudgetInputs.ACTUAL);
    // insuplc_city|insutype → mdtrtarea_city → Y-1 fund
    Map<String, Map<String, BigDecimal>> flows = new TreeMap<>();
    for (Row r : in.get(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .filter(col("setl_year").equalTo(year - 1).and(col("category").equalTo(category)))
        .withColumn("insuplc_city", concat(col("insuplc_admdvs").substr(1, 4), lit("00")))
        .withColumn("mdtrtarea_city", concat(col("mdtrtarea_admdvs").substr(1, 4), lit("00")))
        .filter(col("insuplc_city").startsWith(prefix).and(col("insuplc_city").notEqual(col("mdtrtarea_city"))))
        .groupBy("insuplc_city", "insutype", "mdtrtarea_city").agg(Money.sum("hifp_pay")).collectAsList()) {
      flows.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new TreeMap<>())
          .put(r.getString(2), r.getDecimal(3));
    }

    RowTable out = new RowTable().str("budget_run_id").integer("budget_year").str("insuplc_city").str("insutype")
        .str("mdtrtarea_city").bool("is_in_province").str("category").money("y1_cross_region_amt")
        .money("y1_insuplc_total_amt").rate("share_rate").rate("revenue_growth_rate").rate("growth_rate_applied")
        .money("chained_total_amt").money("allocation_amt");
    for (Map.Entry<String, Map<String, BigDecimal>> e : flows.entrySet()) {
      String city = e.getKey().split("\\|")[0];
      String insutype = e.getKey().split("\\|")[1];
      List<BigDecimal> amounts = new ArrayList<>(e.getValue().values());
      BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      if (total.signum() <= 0) {
        continue;
      }
      BigDecimal cap = GrowthCap.revenueGrowth(
          BudgetInputs.require(revenueY.get(e.getKey()), "budget revenue of " + year + " for " + city + " " + insutype),
          BudgetInputs.require(revenueY1.get(e.getKey()),
              "actual revenue of " + (year - 1) + " for " + city + " " + insutype));
      BigDecimal g = GrowthCap.applied(BudgetInputs.requestedGrowth(ctx.policy(), year, city), cap);
      BigDecimal chained = GrowthCap.grow(total, g);
      List<BigDecimal> allocation = ProportionalAllocation.split(chained, amounts);
      int i = 0;
      for (Map.Entry<String, BigDecimal> f : e.getValue().entrySet()) {
        out.add(ctx.runId(), year, city, insutype, f.getKey(), f.getKey().startsWith(prefix), category, f.getValue(),
            total, f.getValue().divide(total, 6, RoundingMode.HALF_UP), cap, g, chained, allocation.get(i++));
      }
    }
    return out.frame(ctx.spark());
  }
}
