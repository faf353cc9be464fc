package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;

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
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.Regions;
import org.yibao.lake.common.policy.budget.CeilingScaling;
import org.yibao.lake.common.policy.budget.GrowthCap;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.budget_city}: the expenditure budget of every city (统筹区) × insutype × category and
 * the province as their sum. docs/policy.md §2: {@code budget = base × (1 + g)}, the base the §1 weighted
 * baseline in the scheme's first year ({@code weighted}, grown only when
 * {@code budget.growth.first_year}) and last year's actual from the second year on ({@code chain}),
 * {@code g = min(requested, revenue growth)}. docs/policy.md §3: when the categories add up to more than
 * {@code revenue(Y) × (1 − surplus_margin)}, the categories not fixed in config are scaled down to it.
 */
public final class BudgetCityJob implements Job {
  static final String WEIGHTED = "weighted";
  static final String CHAIN = "chain";
  static final String SUM_OF_CITIES = "sum_of_cities";

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BUDGET_CITY).inputs(Tables.ADS_BUDGET_BASELINE, Tables.DWD_FUND_REVENUE)
        .grain("budget_run_id", "admdvs", "insutype", "category").keyedByRun("budget_run_id")
        .doc("docs/policy.md §2, §3; JX-2026 二(一)1, §二(二)4, 6").build();
  }

  /** One category row of a city while it is compiled. */
  private record Line(String category, String method, BigDecimal base, BigDecimal before, boolean fixed,
      int historyYears, String note) {}

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    Policy policy = ctx.policy();
    Map<String, BigDecimal> revenueY = BudgetInputs.revenue(in, year, BudgetInputs.BUDGET);
    Map<String, BigDecimal> revenueY1 = BudgetInputs.revenue(in, year - 1, BudgetInputs.ACTUAL);

    Map<String, List<Row>> byCity = new TreeMap<>();
    for (Row r : in.get(Tables.ADS_BUDGET_BASELINE)
        .filter(col("budget_run_id").equalTo(ctx.runId()).and(col("region_level").equalTo(BudgetBaselineJob.CITY)))
        .select("admdvs", "insutype", "category", "e_y1_amt", "baseline_amt", "history_years")
        .orderBy("admdvs", "insutype", "category").collectAsList()) {
      byCity.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new ArrayList<>()).add(r);
    }

    RowTable out = schema();
    Map<String, Sum> province = new TreeMap<>();
    Map<String, BigDecimal[]> ceilings = new TreeMap<>();
    for (Map.Entry<String, List<Row>> e : byCity.entrySet()) {
      String city = e.getKey().split("\\|")[0];
      String insutype = e.getKey().split("\\|")[1];
      BigDecimal revY = BudgetInputs.require(revenueY.get(e.getKey()), "budget revenue of " + year + " for " + e.getKey());
      BigDecimal revY1 = BudgetInputs.require(revenueY1.get(e.getKey()),
          "actual revenue of " + (year - 1) + " for " + e.getKey());
      BigDecimal cap = GrowthCap.revenueGrowth(revY, revY1);
      BigDecimal requested = BudgetInputs.requestedGrowth(policy, year, city);
      BigDecimal g = GrowthCap.applied(requested, cap);
      boolean firstYear = year <= policy.integer("budget.scheme.start_year", year, city);
      BigDecimal gApplied = firstYear && !policy.bool("budget.growth.first_year", year, city) ? BigDecimal.ZERO : g;
      List<String> fixedCategories = texts(policy, year, city);

      List<Line> lines = new ArrayList<>();
      for (Row r : e.getValue()) {
        String category = r.getString(2);
        BigDecimal base = firstYear ? r.getDecimal(4) : r.getDecimal(3);
        String note = base != null ? ""
            : firstYear ? "no history in " + (year - 3) + "-" + (year - 1) + ": no baseline"
            : "no expenditure in " + (year - 1) + ": nothing to chain on";
        lines.add(new Line(category, firstYear ? WEIGHTED : CHAIN, base,
            base == null ? null : GrowthCap.grow(base, gApplied), fixedCategories.contains(category), r.getInt(5), note));
      }
      BigDecimal ceiling = CeilingScaling.ceiling(revY,
          policy.decimal("budget.ceiling.surplus_margin", year, city));
      CeilingScaling.Result scaled = CeilingScaling.scale(lines.stream().map(Line::before).toList(),
          lines.stream().map(Line::fixed).toList(), ceiling);
      for (int i = 0; i < lines.size(); i++) {
        Line l = lines.get(i);
        BigDecimal budget = scaled.budgets().get(i);
        out.add(ctx.runId(), year, city, BudgetBaselineJob.CITY, insutype, l.category(), l.method(), l.base(),
            revY1, revY, cap, requested, gApplied, l.before(), l.fixed(), ceiling, scaled.bottomUp(),
            l.fixed() || l.before() == null ? BigDecimal.ONE : scaled.factor(), budget, l.historyYears(), l.note());
        province.computeIfAbsent(insutype + "|" + l.category(), k -> new Sum()).add(l, budget);
      }
      ceilings.merge(insutype, new BigDecimal[] {ceiling, scaled.bottomUp()},
          (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
    }
    addProvince(ctx, out, province, ceilings, revenueY, revenueY1, year, byCity.keySet());
    return out.frame(ctx.spark());
  }

  private static List<String> texts(Policy policy, int year, String city) {
    List<String> out = new ArrayList<>();
    policy.node("budget.ceiling.fixed_categories", year, city).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The province row of each insutype × category: the sum of its cities. */
  private static void addProvince(JobContext ctx, RowTable out, Map<String, Sum> sums,
      Map<String, BigDecimal[]> ceilings, Map<String, BigDecimal> revenueY, Map<String, BigDecimal> revenueY1, int year,
      java.util.Set<String> cities) {
    if (sums.isEmpty()) {
      return;
    }
    String province = Regions.provinceOf(cities.iterator().next());
    Map<String, BigDecimal[]> revenue = new TreeMap<>();
    for (Map.Entry<String, BigDecimal> e : revenueY.entrySet()) {
      String admdvs = e.getKey().split("\\|")[0];
      if (Regions.isCity(admdvs) && Regions.provinceOf(admdvs).equals(province) && revenueY1.containsKey(e.getKey())) {
        BigDecimal[] r = revenue.computeIfAbsent(e.getKey().split("\\|")[1],
            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        r[0] = r[0].add(revenueY1.get(e.getKey()));
        r[1] = r[1].add(e.getValue());
      }
    }
    for (Map.Entry<String, Sum> e : sums.entrySet()) {
      String insutype = e.getKey().split("\\|")[0];
      Sum s = e.getValue();
      BigDecimal[] rev = revenue.get(insutype);
      BigDecimal growth = rev == null || rev[0].signum() <= 0 ? null : GrowthCap.revenueGrowth(rev[1], rev[0]);
      BigDecimal factor = s.before == null || s.before.signum() == 0 ? null
          : s.budget.divide(s.before, 6, RoundingMode.HALF_UP);
      out.add(ctx.runId(), year, province, BudgetBaselineJob.PROVINCE, insutype, e.getKey().split("\\|")[1],
          SUM_OF_CITIES, s.base, rev == null ? null : rev[0], rev == null ? null : rev[1], growth, null, null,
          s.before, s.fixed, ceilings.get(insutype)[0], ceilings.get(insutype)[1], factor, s.budget, s.historyYears,
          "sum of cities");
    }
  }

  /** Running province totals of one insutype × category. */
  private static final class Sum {
    BigDecimal base;
    BigDecimal before;
    BigDecimal budget;
    boolean fixed;
    int historyYears;

    void add(Line l, BigDecimal b) {
      base = plus(base, l.base());
      before = plus(before, l.before());
      budget = plus(budget, b);
      fixed = fixed || l.fixed();
      historyYears = Math.max(historyYears, l.historyYears());
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
      return b == null ? a : a == null ? b : a.add(b);
    }
  }

  private static RowTable schema() {
    return new RowTable().str("budget_run_id").integer("budget_year").str("admdvs").str("region_level")
        .str("insutype").str("category").str("base_method").money("base_amt").money("revenue_y1_amt")
        .money("revenue_amt").rate("revenue_growth_rate").rate("growth_requested_rate").rate("growth_rate_applied")
        .money("budget_before_scaling_amt").bool("is_fixed").money("ceiling_amt").money("bottom_up_amt")
        .rate("scaling_factor").money("budget_amt").integer("history_years").str("note");
  }
}
