package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.Regions;
import org.yibao.lake.common.policy.budget.GrowthCap;
import org.yibao.lake.common.policy.budget.MedCommunityPackage;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.budget_medcommunity}: the package (打包付费) of every county medical community in the scheme in
 * the budget year ({@code scheme_begn_year} absent or ≤ the year; later ones stay under the ordinary rules),
 * docs/policy.md §4, by the method configured for its county ({@code budget.medcommunity.method}):
 * {@code revenue_share} (GD-2019) = county revenue × (1 − adjustment rate − risk rate) − the members' DIP-part
 * budget; {@code chain_growth} (JX-2026 二(二)5, GY-2025) = base × (1 + g) less the reserve, less the
 * in-county non-member budget and less the members' DIP-part budget (settled under DIP, GY-2025 三(十)),
 * times the adjustment factors, the base being the §1 baseline of the county's insured in the community's
 * first scheme year and last year's actual expenditure of the county's insured afterwards,
 * {@code g = min(requested, county revenue growth)}. Membership is that of the budget year, so the package
 * and the year-end actual have one scope. A county is budgeted once: several communities of one county share
 * its package by their members' spending on the county's insured last year ({@code county_share_rate}).
 * Also the split of the county's insured's expenditure last year by where it went.
 */
public final class BudgetMedcommunityJob implements Job {
  public static final String REVENUE_SHARE = "revenue_share";
  public static final String CHAIN_GROWTH = "chain_growth";
  /** Where the county's insured were treated, in the order the columns are published. */
  private static final String[] WHERE = {"in_county_member", "in_county_non_member", "other_county", "other_city",
      "other_province"};

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_BUDGET_MEDCOMMUNITY)
        .inputs(Tables.ADS_BUDGET_BASELINE, Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DIM_MEDCOMMUNITY,
            Tables.DIM_MEDINS, Tables.DWD_FUND_REVENUE)
        .grain("budget_run_id", "medcommunity_id").keyedByRun("budget_run_id")
        .doc("docs/policy.md §4; GD-2019 附件1 二.1, JX-2026 二(二)5, GY-2025 三(四)").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = BudgetInputs.year(ctx);
    Policy policy = ctx.policy();
    Map<String, BigDecimal> revenueY = BudgetInputs.revenue(in, year, BudgetInputs.BUDGET);
    Map<String, BigDecimal> revenueY1 = BudgetInputs.revenue(in, year - 1, BudgetInputs.ACTUAL);
    // membership of the budget year: the package and the year-end actual have one scope (docs/policy.md §4)
    Map<String, String> members = MedinsMembership.members(in, year);
    Map<String, BigDecimal> baselines = countyBaselines(ctx, in);
    String dipCategory = policy.string("settlement.dip.category", year, "*");

    // communities in the scheme in the budget year; a later scheme start stays under the ordinary rules
    java.util.List<Row> communities = in.get(Tables.DIM_MEDCOMMUNITY)
        .select(col("medcommunity_id"), col("admdvs"), col("scheme_begn_year").cast("int"))
        .filter(col("scheme_begn_year").isNull().or(col("scheme_begn_year").leq(year)))
        .orderBy("medcommunity_id").collectAsList();
    Map<String, java.util.List<String>> communitiesOfCounty = new TreeMap<>();
    Map<String, String> countyOf = new TreeMap<>();
    communities.forEach(c -> {
      communitiesOfCounty.computeIfAbsent(c.getString(1), k -> new java.util.ArrayList<>()).add(c.getString(0));
      countyOf.put(c.getString(0), c.getString(1));
    });
    Map<String, BigDecimal[]> splits = split(in, year - 1, countyOf, members, dipCategory);
    Map<String, BigDecimal[]> own = ownMembers(in, year - 1, countyOf, members, dipCategory);

    RowTable out = schema();
    for (Row c : communities) {
      String id = c.getString(0);
      String county = c.getString(1);
      Integer schemeStart = c.isNullAt(2) ? null : c.getInt(2);
      BigDecimal[] split = splits.getOrDefault(county, zeros(WHERE.length));
      BigDecimal spentY1 = BigDecimal.ZERO;
      for (BigDecimal x : split) {
        spentY1 = spentY1.add(x);
      }
      // a county is budgeted once; several communities share it by their members' spending last year
      java.util.List<String> peers = communitiesOfCounty.get(county);
      java.util.List<BigDecimal> weights = peers.stream().map(x -> own.getOrDefault(x, zeros(2))[0]).toList();
      int me = peers.indexOf(id);
      BigDecimal share = MedCommunityPackage.share(weights, me);
      BigDecimal[] mine = own.getOrDefault(id, zeros(2));
      BigDecimal revY = BudgetInputs.require(BudgetInputs.allInsutypes(revenueY, county),
          "budget revenue of " + year + " for county " + county);
      BigDecimal revY1 = BudgetInputs.allInsutypes(revenueY1, county);
      BigDecimal cap = revY1 == null ? null : GrowthCap.revenueGrowth(revY, revY1);
      String method = policy.string("budget.medcommunity.method", year, county);
      if (method.equals(REVENUE_SHARE)) {
        BigDecimal adjRate = policy.decimal("budget.medcommunity.adjustment_rate", year, county);
        BigDecimal riskRate = policy.decimal("budget.medcommunity.risk_rate", year, county);
        BigDecimal dipBudget = GrowthCap.grow(split[5], cap == null ? BigDecimal.ZERO : cap);
        MedCommunityPackage.RevenueShare p = MedCommunityPackage.revenueShare(revY, adjRate, riskRate, dipBudget);
        BigDecimal pkg = MedCommunityPackage.apportion(p.packageAmt(), weights).get(me);
        out.add(ctx.runId(), year, id, county, schemeStart, method, null, revY1, revY, cap, null, null, null,
            adjRate, p.adjustmentFund(), riskRate, p.riskFund(), null, null, null, null, null, null, pkg,
            spentY1, mine[0], split[1], split[2], split[3], split[4], mine[1], split[5], dipBudget, share,
            p.packageAmt());
      } else if (method.equals(CHAIN_GROWTH)) {
        BudgetInputs.require(revY1, "actual revenue of " + (year - 1) + " for county " + county);
        boolean firstYear = schemeStart == null || year <= schemeStart;
        BigDecimal g = GrowthCap.applied(BudgetInputs.requestedGrowth(policy, year, county), cap);
        if (firstYear && !policy.bool("budget.growth.first_year", year, county)) {
          g = BigDecimal.ZERO;
        }
        BigDecimal base = firstYear ? baselines.getOrDefault(county, BigDecimal.ZERO.setScale(2)) : spentY1;
        BigDecimal reserveRate = policy.decimal("budget.medcommunity.reserve_rate", year, county);
        BigDecimal age = policy.decimal("budget.medcommunity.factor.age", year, county);
        BigDecimal disease = policy.decimal("budget.medcommunity.factor.disease", year, county);
        BigDecimal performance = policy.decimal("budget.medcommunity.factor.performance", year, county);
        MedCommunityPackage.ChainGrowth p = MedCommunityPackage.chainGrowth(base, g, reserveRate, split[1], split[5],
            age.multiply(disease).multiply(performance));
        BigDecimal pkg = MedCommunityPackage.apportion(p.packageAmt(), weights).get(me);
        out.add(ctx.runId(), year, id, county, schemeStart, method,
            firstYear ? BudgetCityJob.WEIGHTED : BudgetCityJob.CHAIN, revY1, revY, cap, g, base, p.totalBudget(),
            null, null, null, null, reserveRate, p.reserve(), p.nonMemberBudget(), age, disease, performance,
            pkg, spentY1, mine[0], split[1], split[2], split[3], split[4], mine[1], split[5], p.dipPartBudget(),
            share, p.packageAmt());
      } else {
        throw new ConfigException("budget.medcommunity.method for " + county + " must be " + REVENUE_SHARE + " or "
            + CHAIN_GROWTH + ", is '" + method + "'");
      }
    }
    return out.frame(ctx.spark());
  }

  /** The §1 baseline of each county's insured: all insutypes and categories. */
  private static Map<String, BigDecimal> countyBaselines(JobContext ctx, Inputs in) {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (Row r : in.get(Tables.ADS_BUDGET_BASELINE)
        .filter(col("budget_run_id").equalTo(ctx.runId()).and(col("region_level").equalTo(BudgetBaselineJob.COUNTY)))
        .filter(col("baseline_amt").isNotNull())
        .groupBy("admdvs").agg(Money.sum("baseline_amt")).collectAsList()) {
      out.put(r.getString(0), r.getDecimal(1));
    }
    return out;
  }

  /**
   * Last year's pooled-fund expenditure of each county's insured by where it went ({@link #WHERE}): in the
   * county at a member of one of the county's in-scheme communities (less the DIP part) or at no member,
   * another county of the city, another city of the province, another province; then the members' DIP part
   * (category {@code settlement.dip.category}, settled under DIP).
   */
  private static Map<String, BigDecimal[]> split(Inputs in, int y, Map<String, String> countyOf,
      Map<String, String> members, String dipCategory) {
    Map<String, BigDecimal[]> out = new TreeMap<>();
    java.util.Set<String> counties = new java.util.TreeSet<>(countyOf.values());
    if (counties.isEmpty()) {
      return out;
    }
    for (Row r : rows(in, y, counties)) {
      String county = r.getString(0);
      String area = r.getString(1);
      String community = members.get(r.getString(2));
      boolean member = community != null && county.equals(countyOf.get(community));
      int where = member ? (dipCategory.equals(r.getString(3)) ? 5 : 0)
          : area.equals(county) ? 1
          : Regions.cityOf(area).equals(Regions.cityOf(county)) ? 2
          : Regions.provinceOf(area).equals(Regions.provinceOf(county)) ? 3 : 4;
      BigDecimal[] s = out.computeIfAbsent(county, k -> zeros(WHERE.length + 1));
      s[where] = s[where].add(r.getDecimal(4));
    }
    return out;
  }

  /** Community → {its members' spending on its county's insured last year less the DIP part, the DIP part}. */
  private static Map<String, BigDecimal[]> ownMembers(Inputs in, int y, Map<String, String> countyOf,
      Map<String, String> members, String dipCategory) {
    Map<String, BigDecimal[]> out = new TreeMap<>();
    java.util.Set<String> counties = new java.util.TreeSet<>(countyOf.values());
    if (counties.isEmpty()) {
      return out;
    }
    for (Row r : rows(in, y, counties)) {
      String community = members.get(r.getString(2));
      if (community != null && r.getString(0).equals(countyOf.get(community))) {
        BigDecimal[] s = out.computeIfAbsent(community, k -> zeros(2));
        int i = dipCategory.equals(r.getString(3)) ? 1 : 0;
        s[i] = s[i].add(r.getDecimal(4));
      }
    }
    return out;
  }

  private static java.util.List<Row> rows(Inputs in, int y, java.util.Set<String> counties) {
    return in.get(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .filter(col("setl_year").equalTo(y).and(col("insuplc_admdvs").isin(counties.toArray())))
        .groupBy("insuplc_admdvs", "mdtrtarea_admdvs", "fixmedins_code", "category").agg(Money.sum("hifp_pay"))
        .collectAsList();
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] z = new BigDecimal[n];
    java.util.Arrays.fill(z, BigDecimal.ZERO.setScale(2));
    return z;
  }

  private static RowTable schema() {
    return new RowTable().str("budget_run_id").integer("budget_year").str("medcommunity_id").str("admdvs")
        .integer("scheme_begn_year").str("method").str("base_method").money("revenue_y1_amt").money("revenue_amt")
        .rate("revenue_growth_rate").rate("growth_rate_applied").money("base_amt").money("total_budget_amt")
        .rate("adjustment_rate").money("adjustment_fund_amt").rate("risk_rate").money("risk_fund_amt")
        .rate("reserve_rate").money("reserve_amt").money("non_member_budget_amt").rate("age_factor")
        .rate("disease_factor").rate("performance_factor").money("package_amt").money("y1_expenditure_amt")
        .money("y1_in_county_member_amt").money("y1_in_county_non_member_amt").money("y1_other_county_amt")
        .money("y1_other_city_amt").money("y1_other_province_amt").money("y1_member_dip_amt")
        .money("y1_county_member_dip_amt").money("dip_part_budget_amt").rate("county_share_rate")
        .money("county_package_amt");
  }
}
