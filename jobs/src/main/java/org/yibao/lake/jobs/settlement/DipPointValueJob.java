package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.settlement.DipPointValue;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.dip_point_value}: DRG/DIP point value (病种分值点值), docs/policy.md §7.4, §7.5 (DIP point value; in-province
 * cross-region budget), composed from {@link DipPointValue}, per pool = city of treatment × insutype
 * ({@code row_kind = 'city'}, {@code fixmedins_code = '*'}) and per institution.
 *
 * <p>One scope for money and points. The pool's money: the adopted run's {@code ads.budget_city} row of
 * {@code settlement.dip.category} (by insured place) − the chained outflows of the city's insured to other cities
 * and provinces ({@code ads.budget_cross_region} with {@code insuplc_city} = the city) + the in-province
 * allocations to the city as place of treatment ({@code mdtrtarea_city} = the city, {@code is_in_province}).
 * The pool's cases: the valid {@code dwd.setl} DRG/DIP facts of the year treated in the city of insured persons
 * of the province (the city's own and other cities'). Out-of-province insured treated here and the city's insured
 * treated outside the province are in no pool of the province.
 *
 * <p>Point value = pool / Σ (case points × level coefficient of the institution's {@code hosp_lv}); payments are
 * the pool split by weighted points (largest remainder), so they add up to the pool to the cent. The special-case
 * limit uses the pay method of the city's cases (their {@code pay_method}, as the indicator job's
 * {@code special_case_ratio_drg/dip}); a city whose cases carry both methods is a data-quality error. Conservation
 * (exit 3 when broken): Σ payments + undistributed = pool for every pool; every case in exactly one pool;
 * Σ pools = Σ city budgets − outflows outside the province.
 */
public final class DipPointValueJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, admdvs STRING, insutype STRING, "
      + "row_kind STRING, fixmedins_code STRING, budget_run_id STRING, method STRING, city_budget_amt DECIMAL(18,2), "
      + "outflow_amt DECIMAL(18,2), inflow_amt DECIMAL(18,2), budget_amt DECIMAL(18,2), "
      + "total_points DECIMAL(18,4), weighted_points DECIMAL(18,4), point_value DECIMAL(18,6), hosp_lv STRING, "
      + "level_coefficient_rate DECIMAL(9,6), case_cnt BIGINT, case_points DECIMAL(18,4), claimed_amt DECIMAL(18,2), "
      + "paid_amt DECIMAL(18,2), undistributed_amt DECIMAL(18,2), payout_rate DECIMAL(9,6), "
      + "payout_rate_floor_rate DECIMAL(9,6), is_low_payout BOOLEAN, discharge_cnt BIGINT, "
      + "special_case_cnt BIGINT, special_case_fund_amt DECIMAL(18,2), special_case_max_share_rate DECIMAL(9,6), "
      + "special_case_limit_cnt BIGINT, is_special_over_limit BOOLEAN";
  /** Payment methods of the contract's {@code pay_method} that settle by case points. */
  static final List<String> CASE_METHODS = List.of("DRG", "DIP");
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  /** One institution's cases of a pool. */
  private static final class Cases {
    long caseCnt;
    BigDecimal points = BigDecimal.ZERO;
    BigDecimal claimed = ZERO;
    long specialCnt;
    BigDecimal specialFund = ZERO;
  }

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_DIP_POINT_VALUE)
        .inputs(Tables.DWD_SETL, Tables.DIM_MEDINS, Tables.DIM_ADMDVS, Tables.ADS_BUDGET_RUN, Tables.ADS_BUDGET_CITY,
            Tables.ADS_BUDGET_CROSS_REGION)
        .grain("settlement_run_id", "admdvs", "insutype", "row_kind", "fixmedins_code")
        .keyedByRun("settlement_run_id")
        .doc("docs/policy.md §7.4 DIP point value, §7.5 cross-region budget")
        .build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    Policy p = ctx.policy();
    String budgetRun = AdoptedBudget.runId(in.get(Tables.ADS_BUDGET_RUN), year);
    // the category is looked up province-wide: the budget rows, the cross-region flows and the facts are cut alike
    String category = p.string("settlement.dip.category", year, "*");
    String province = province(in.get(Tables.DIM_ADMDVS));
    Map<String, BigDecimal> cityBudget = SettlementData.cityBudget(in.get(Tables.ADS_BUDGET_CITY), budgetRun,
        col("category").equalTo(category));
    Map<String, BigDecimal> outflows = new TreeMap<>();
    Map<String, BigDecimal> outOfProvince = new TreeMap<>();
    Map<String, BigDecimal> inflows = new TreeMap<>();
    for (Row r : in.get(Tables.ADS_BUDGET_CROSS_REGION).filter(col("budget_run_id").equalTo(budgetRun))
        .select("insuplc_city", "insutype", "mdtrtarea_city", "is_in_province", "category", "allocation_amt")
        .collectAsList()) {
      if (!category.equals(r.getString(4))) {
        throw new ConfigException("ads.budget_cross_region of run " + budgetRun + " is of category " + r.getString(4)
            + ", settlement.dip.category is " + category + ": recompile the budget");
      }
      String from = r.getString(0) + "|" + r.getString(1);
      if (!cityBudget.containsKey(from)) {
        throw new DataQualityException("cross-region outflow of " + from.replace('|', ' ') + " in budget run "
            + budgetRun + " but no " + category + " city budget to carve it from");
      }
      BigDecimal amt = r.getDecimal(5);
      outflows.merge(from, amt, BigDecimal::add);
      if (r.getBoolean(3)) {
        inflows.merge(r.getString(2) + "|" + r.getString(1), amt, BigDecimal::add);
      } else {
        outOfProvince.merge(from, amt, BigDecimal::add);
      }
    }
    var institutions = SettlementData.institutions(in.get(Tables.DIM_MEDINS));

    // the pool's cases: DRG/DIP facts treated in a city of the province, of insured persons of the province
    Dataset<Row> scope = in.get(Tables.DWD_SETL)
        .filter(functions.expr(SetlJob.VALID).and(col("setl_year").equalTo(year))
            .and(col("pay_method").isin(CASE_METHODS.toArray())))
        .withColumn("city", CapitationPointsJob.cityOf("mdtrtarea_admdvs"))
        .filter(col("city").startsWith(province).and(col("insuplc_admdvs").startsWith(province)))
        .withColumn("is_special", functions.coalesce(col("special_case_flag"), lit(0)).equalTo(1))
        .filter(col("is_special").or(col("category").equalTo(category)));
    Row once = scope.agg(functions.count(lit(1)), functions.countDistinct("setl_id")).head();
    Map<String, TreeSet<String>> methods = new TreeMap<>();
    Map<String, TreeMap<String, Cases>> cases = new TreeMap<>();
    long casesInPools = 0;
    for (Row r : scope
        .groupBy("city", "insutype", "fixmedins_code", "is_special", "pay_method")
        .agg(functions.count(lit(1)), functions.coalesce(functions.sum("case_points"), lit(0)).cast("decimal(18,4)"),
            Money.sum("hifp_pay"))
        .collectAsList()) {
      methods.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(4));
      Cases c = cases.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new TreeMap<>())
          .computeIfAbsent(r.getString(2), k -> new Cases());
      casesInPools += r.getLong(5);
      if (r.getBoolean(3)) {
        c.specialCnt += r.getLong(5);
        c.specialFund = c.specialFund.add(r.getDecimal(7));
      } else {
        c.caseCnt += r.getLong(5);
        c.points = c.points.add(r.getDecimal(6));
        c.claimed = c.claimed.add(r.getDecimal(7));
      }
    }
    // conservation: every case of the scope is in exactly one pool (one row per settlement, one city of treatment)
    if (once.getLong(0) != once.getLong(1) || casesInPools != once.getLong(0)) {
      throw new DataQualityException("DRG/DIP pools of " + year + ": " + casesInPools + " cases in pools, "
          + once.getLong(0) + " rows, " + once.getLong(1) + " settlements: a settlement would be paid twice");
    }
    TreeSet<String> pools = new TreeSet<>(cityBudget.keySet());
    pools.addAll(inflows.keySet());
    for (String k : cases.keySet()) {
      if (!pools.contains(k)) {
        throw new ConfigException("no " + category + " budget for city × insutype " + k.replace('|', ' ')
            + " in adopted budget run " + budgetRun);
      }
    }

    List<Row> rows = new ArrayList<>();
    BigDecimal poolSum = ZERO;
    for (String key : pools) {
      String[] ci = key.split("\\|");
      String city = ci[0];
      BigDecimal budget = cityBudget.getOrDefault(key, ZERO);
      BigDecimal out = outflows.getOrDefault(key, ZERO);
      BigDecimal inflow = inflows.getOrDefault(key, ZERO);
      BigDecimal pool = DipPointValue.pool(budget, out, inflow);
      if (pool.signum() < 0) {
        throw new DataQualityException("DRG/DIP pool of " + city + " " + ci[1] + " is negative: budget "
            + budget.toPlainString() + " − outflows " + out.toPlainString() + " + inflows " + inflow.toPlainString());
      }
      poolSum = poolSum.add(pool);
      TreeMap<String, Cases> byInst = cases.getOrDefault(key, new TreeMap<>());
      String method = method(city, year, methods.getOrDefault(city, new TreeSet<>()));
      BigDecimal maxShare = method == null ? null : maxShare(p, year, city, method);
      BigDecimal floor = p.decimal("settlement.dip.payout_rate_floor", year, city);
      JsonNode coefficients = p.node("settlement.dip.level_coefficients", year, city);
      List<String> codes = new ArrayList<>(byInst.keySet());
      List<BigDecimal> coefficient = new ArrayList<>();
      List<BigDecimal> weighted = new ArrayList<>();
      for (String code : codes) {
        SettlementData.Institution m = institutions.get(code);
        if (m == null || m.hospLv() == null) {
          throw new DataQualityException("DRG/DIP institution " + code + " has no hosp_lv in dim.medins");
        }
        if (!coefficients.has(m.hospLv())) {
          throw new ConfigException("settlement.dip.level_coefficients has no coefficient for hosp_lv " + m.hospLv()
              + " (institution " + code + ")");
        }
        BigDecimal c = new BigDecimal(coefficients.get(m.hospLv()).asText());
        coefficient.add(c);
        weighted.add(DipPointValue.weightedPoints(byInst.get(code).points, c));
      }
      BigDecimal total = byInst.values().stream().map(c -> c.points).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal totalWeighted = weighted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal value = DipPointValue.pointValue(pool, totalWeighted).setScale(6, RoundingMode.HALF_UP);
      List<BigDecimal> paid = DipPointValue.payments(pool, weighted);
      Cases sum = new Cases();
      BigDecimal paidTotal = ZERO;
      List<Row> inst = new ArrayList<>();
      for (int i = 0; i < codes.size(); i++) {
        Cases c = byInst.get(codes.get(i));
        BigDecimal rate = DipPointValue.payoutRate(paid.get(i), c.claimed);
        paidTotal = paidTotal.add(paid.get(i));
        sum.caseCnt += c.caseCnt;
        sum.claimed = sum.claimed.add(c.claimed);
        sum.specialCnt += c.specialCnt;
        sum.specialFund = sum.specialFund.add(c.specialFund);
        inst.add(RowFactory.create(ctx.runId(), year, city, ci[1], OutpatientBudgetCapJob.INSTITUTION, codes.get(i),
            budgetRun, method, null, null, null, pool, total.setScale(4), totalWeighted.setScale(4, RoundingMode.HALF_UP),
            value, institutions.get(codes.get(i)).hospLv(), Money.rate(coefficient.get(i)), c.caseCnt,
            c.points.setScale(4), c.claimed, paid.get(i), null, rate, Money.rate(floor),
            rate != null && rate.compareTo(floor) < 0, c.caseCnt + c.specialCnt, c.specialCnt, c.specialFund, null,
            null, null));
      }
      BigDecimal undistributed = pool.subtract(paidTotal);
      // conservation: the whole pool is paid out unless it has no points at all
      if (totalWeighted.signum() != 0 && undistributed.signum() != 0) {
        throw new DataQualityException("DRG/DIP pool " + city + " " + ci[1] + ": payments " + paidTotal.toPlainString()
            + " ≠ pool " + pool.toPlainString());
      }
      long discharges = sum.caseCnt + sum.specialCnt;
      Long limit = maxShare == null ? null : DipPointValue.specialCaseLimit(discharges, maxShare);
      BigDecimal rate = DipPointValue.payoutRate(paidTotal, sum.claimed);
      rows.add(RowFactory.create(ctx.runId(), year, city, ci[1], OutpatientBudgetCapJob.CITY, CapitationPointsJob.ALL,
          budgetRun, method, budget, out, inflow, pool, total.setScale(4),
          totalWeighted.setScale(4, RoundingMode.HALF_UP), value, null, null, sum.caseCnt, total.setScale(4),
          sum.claimed, paidTotal, undistributed, rate, Money.rate(floor), rate != null && rate.compareTo(floor) < 0,
          discharges, sum.specialCnt, sum.specialFund, maxShare == null ? null : Money.rate(maxShare), limit,
          limit != null && sum.specialCnt > limit));
      rows.addAll(inst);
    }
    // conservation: the province's DRG/DIP money is the city budgets less what is settled outside the province
    BigDecimal expected = cityBudget.values().stream().reduce(ZERO, BigDecimal::add)
        .subtract(outOfProvince.values().stream().reduce(ZERO, BigDecimal::add));
    if (poolSum.compareTo(expected) != 0) {
      throw new DataQualityException("DRG/DIP pools of " + year + " sum to " + poolSum.toPlainString()
          + ", city budgets less out-of-province outflows are " + expected.toPlainString());
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }

  /** The two-digit prefix of the lake's province: the one province whose counties dim.admdvs holds. */
  static String province(Dataset<Row> admdvs) {
    List<Row> p = admdvs.filter(col("admdvs_lv").cast("int").equalTo(3)).select(col("admdvs").substr(1, 2))
        .distinct().collectAsList();
    if (p.size() != 1) {
      throw new DataQualityException("dim.admdvs must hold the counties of exactly one province, holds " + p);
    }
    return p.get(0).getString(0);
  }

  /**
   * The pay method of a pooling region in a year: the {@code pay_method} of its DRG/DIP cases (the indicator
   * job splits special-case ratios by the same column); null without cases; both methods is an error.
   */
  static String method(String city, int year, TreeSet<String> seen) {
    if (seen.size() > 1) {
      throw new DataQualityException("city " + city + " settled " + year + " cases by both " + seen
          + ": one DRG/DIP method per pooling region");
    }
    return seen.isEmpty() ? null : seen.first();
  }

  private static BigDecimal maxShare(Policy p, int year, String city, String method) {
    JsonNode shares = p.node("settlement.dip.special_case_max_share", year, city);
    if (!shares.has(method)) {
      throw new ConfigException("settlement.dip.special_case_max_share has no share for method " + method);
    }
    return new BigDecimal(shares.get(method).asText());
  }
}
