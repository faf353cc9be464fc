package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Regions;
import org.yibao.lake.common.policy.budget.WeightedBaseline;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.budget_baseline}: the three-year weighted baseline (1:2:7) of docs/policy.md §1 for every
 * county, city and the province × insutype × budget category, from the pooled-fund expenditure
 * ({@code hifp_pay}) of the insured place's settlements in Y-3..Y-1. A year is history for a scope
 * when the lake holds settlements of that scope in it; the weights are renormalised over those
 * years. Every configured category gets a row for a region and insutype with any expenditure, so a
 * category without history shows {@code history_years = 0} and no baseline.
 */
public final class BudgetBaselineJob implements Job {
  static final String PROVINCE = "province";
  static final String CITY = "city";
  static final String COUNTY = "county";

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BUDGET_BASELINE)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DIM_ADMDVS)
        .grain("budget_run_id", "admdvs", "insutype", "category").keyedByRun("budget_run_id")
        .doc("docs/policy.md §1; JX-2026 二(二)4, 6").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    String province = BudgetInputs.province(in);
    // scope "admdvs|insutype|category" -> E(Y-3), E(Y-2), E(Y-1) (null = no settlements that year)
    Map<String, BigDecimal[]> history = new TreeMap<>();
    Map<String, String> level = new TreeMap<>();
    for (Row r : in.get(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .filter(col("setl_year").between(year - 3, year - 1))
        .filter(col("insuplc_admdvs").startsWith(province.substring(0, 2)))
        .groupBy("setl_year", "insuplc_admdvs", "insutype", "category").agg(Money.sum("hifp_pay"))
        .collectAsList()) {
      int slot = r.getInt(0) - (year - 3);
      String county = r.getString(1);
      for (String[] region : new String[][] {{county, COUNTY}, {Regions.cityOf(county), CITY}, {province, PROVINCE}}) {
        String key = region[0] + "|" + r.getString(2) + "|" + r.getString(3);
        level.put(region[0], region[1]);
        BigDecimal[] e = history.computeIfAbsent(key, k -> new BigDecimal[3]);
        e[slot] = e[slot] == null ? r.getDecimal(4) : e[slot].add(r.getDecimal(4));
      }
    }
    addConfiguredCategories(history, BudgetCategories.load(ctx.settings().confDir()));

    RowTable out = new RowTable().str("budget_run_id").integer("budget_year").str("admdvs").str("region_level")
        .str("insutype").str("category").money("e_y3_amt").money("e_y2_amt").money("e_y1_amt")
        .rate("w1").rate("w2").rate("w3").integer("history_years").bool("is_history_short").money("baseline_amt");
    for (Map.Entry<String, BigDecimal[]> e : history.entrySet()) {
      String[] k = e.getKey().split("\\|");
      BigDecimal[] amounts = e.getValue();
      WeightedBaseline.Result b = WeightedBaseline.of(BudgetInputs.weights(ctx.policy(), year, k[0]),
          Arrays.asList(amounts));
      out.add(ctx.runId(), year, k[0], level.get(k[0]), k[1], k[2], amounts[0], amounts[1], amounts[2],
          b.weights().get(0), b.weights().get(1), b.weights().get(2), b.historyYears(), b.historyYears() < 3,
          b.baseline());
    }
    return out.frame(ctx.spark());
  }

  /** Every configured category for each region and insutype seen, so a missing one is visible. */
  private static void addConfiguredCategories(Map<String, BigDecimal[]> history, BudgetCategories categories) {
    TreeSet<String> regionInsutype = new TreeSet<>();
    for (String key : history.keySet()) {
      regionInsutype.add(key.substring(0, key.lastIndexOf('|')));
    }
    List<String> ids = new ArrayList<>();
    categories.categories().forEach(c -> ids.add(c.id()));
    for (String ri : regionInsutype) {
      for (String id : ids) {
        history.putIfAbsent(ri + "|" + id, new BigDecimal[3]);
      }
    }
  }
}
