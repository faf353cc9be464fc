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
 * {@code ads.dip_point_value}: DIP/DRG point value (病种分值点值), POLICY.md §7 (seed 004 §二(四)10, 12), composed
 * from {@link DipPointValue}, per city × insutype ({@code row_kind = 'city'}, {@code fixmedins_code = '*'}) and
 * per institution. The DIP budget is the adopted budget's {@code ads.budget_city} row of category
 * {@code settlement.dip.category}; the cases are the valid {@code dwd.setl} facts of the year of that category
 * (DRG/DIP cases that are not special cases) of the city's insured at institutions in the city; point value =
 * budget / Σ case points; an institution is paid its points × value × the level coefficient of its
 * {@code hosp_lv} ({@code settlement.dip.level_coefficients}); payout rate = paid / claimed ({@code hifp_pay}),
 * flagged below {@code settlement.dip.payout_rate_floor}. Special cases (特例单议, {@code special_case_flag = 1}
 * of a DRG/DIP case) are paid fee-for-service outside this table; they are counted against
 * {@code floor(discharges × special_case_max_share[method])} per city × insutype, discharges being the DRG/DIP
 * cases including the special ones.
 */
public final class DipPointValueJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, admdvs STRING, insutype STRING, "
      + "row_kind STRING, fixmedins_code STRING, budget_run_id STRING, method STRING, budget_amt DECIMAL(18,2), "
      + "total_points DECIMAL(18,4), point_value DECIMAL(18,6), hosp_lv STRING, level_coefficient_rate DECIMAL(9,6), "
      + "case_cnt BIGINT, case_points DECIMAL(18,4), claimed_amt DECIMAL(18,2), paid_amt DECIMAL(18,2), "
      + "payout_rate DECIMAL(9,6), payout_rate_floor_rate DECIMAL(9,6), is_low_payout BOOLEAN, discharge_cnt BIGINT, "
      + "special_case_cnt BIGINT, special_case_fund_amt DECIMAL(18,2), special_case_max_share_rate DECIMAL(9,6), "
      + "special_case_limit_cnt BIGINT, is_special_over_limit BOOLEAN";
  /** Payment methods of the contract's {@code pay_method} that settle by case points. */
  static final List<String> CASE_METHODS = List.of("DRG", "DIP");
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  /** One institution's cases of a city × insutype. */
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
        .inputs(Tables.DWD_SETL, Tables.DIM_MEDINS, Tables.ADS_BUDGET_RUN, Tables.ADS_BUDGET_CITY)
        .grain("settlement_run_id", "admdvs", "insutype", "row_kind", "fixmedins_code")
        .keyedByRun("settlement_run_id")
        .doc("POLICY.md §7 DIP point value; seed 004 §二(四)10, 12, §二(二)4")
        .build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    Policy p = ctx.policy();
    String budgetRun = AdoptedBudget.runId(in.get(Tables.ADS_BUDGET_RUN), year);
    // the category is looked up province-wide: the budget rows and the facts must be cut the same way everywhere
    String category = p.string("settlement.dip.category", year, "*");
    Map<String, BigDecimal> budget = SettlementData.cityBudget(in.get(Tables.ADS_BUDGET_CITY), budgetRun,
        col("category").equalTo(category));
    var institutions = SettlementData.institutions(in.get(Tables.DIM_MEDINS));

    Map<String, TreeMap<String, Cases>> cases = new TreeMap<>();
    for (Row r : in.get(Tables.DWD_SETL)
        .filter(functions.expr(SetlJob.VALID).and(col("setl_year").equalTo(year))
            .and(col("pay_method").isin(CASE_METHODS.toArray())))
        .withColumn("city", CapitationPointsJob.cityOf("insuplc_admdvs"))
        .filter(CapitationPointsJob.cityOf("mdtrtarea_admdvs").equalTo(col("city")))
        .withColumn("is_special", functions.coalesce(col("special_case_flag"), lit(0)).equalTo(1))
        .filter(col("is_special").or(col("category").equalTo(category)))
        .groupBy("city", "insutype", "fixmedins_code", "is_special")
        .agg(functions.count(lit(1)), functions.coalesce(functions.sum("case_points"), lit(0)).cast("decimal(18,4)"),
            Money.sum("hifp_pay"))
        .collectAsList()) {
      Cases c = cases.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new TreeMap<>())
          .computeIfAbsent(r.getString(2), k -> new Cases());
      if (r.getBoolean(3)) {
        c.specialCnt += r.getLong(4);
        c.specialFund = c.specialFund.add(r.getDecimal(6));
      } else {
        c.caseCnt += r.getLong(4);
        c.points = c.points.add(r.getDecimal(5));
        c.claimed = c.claimed.add(r.getDecimal(6));
      }
    }
    for (String k : cases.keySet()) {
      if (!budget.containsKey(k)) {
        throw new ConfigException("no " + category + " budget for city × insutype " + k.replace('|', ' ')
            + " in adopted budget run " + budgetRun);
      }
    }

    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : new TreeMap<>(budget).entrySet()) {
      String[] ci = e.getKey().split("\\|");
      String city = ci[0];
      BigDecimal b = e.getValue();
      TreeMap<String, Cases> byInst = cases.getOrDefault(e.getKey(), new TreeMap<>());
      String method = p.string("settlement.dip.method", year, city);
      JsonNode shares = p.node("settlement.dip.special_case_max_share", year, city);
      if (!shares.has(method)) {
        throw new ConfigException("settlement.dip.special_case_max_share has no share for method " + method);
      }
      BigDecimal maxShare = new BigDecimal(shares.get(method).asText());
      BigDecimal floor = p.decimal("settlement.dip.payout_rate_floor", year, city);
      JsonNode coefficients = p.node("settlement.dip.level_coefficients", year, city);
      BigDecimal total = byInst.values().stream().map(c -> c.points).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal value = DipPointValue.pointValue(b, total).setScale(6, RoundingMode.HALF_UP);
      Cases sum = new Cases();
      BigDecimal paidTotal = ZERO;
      List<Row> inst = new ArrayList<>();
      for (Map.Entry<String, Cases> i : byInst.entrySet()) {
        Cases c = i.getValue();
        SettlementData.Institution m = institutions.get(i.getKey());
        if (m == null || m.hospLv() == null) {
          throw new DataQualityException("DRG/DIP institution " + i.getKey() + " has no hosp_lv in dim.medins");
        }
        if (!coefficients.has(m.hospLv())) {
          throw new ConfigException("settlement.dip.level_coefficients has no coefficient for hosp_lv " + m.hospLv()
              + " (institution " + i.getKey() + ")");
        }
        BigDecimal coefficient = new BigDecimal(coefficients.get(m.hospLv()).asText());
        BigDecimal paid = DipPointValue.payment(c.points, b, total, coefficient);
        BigDecimal rate = DipPointValue.payoutRate(paid, c.claimed);
        paidTotal = paidTotal.add(paid);
        sum.caseCnt += c.caseCnt;
        sum.claimed = sum.claimed.add(c.claimed);
        sum.specialCnt += c.specialCnt;
        sum.specialFund = sum.specialFund.add(c.specialFund);
        inst.add(RowFactory.create(ctx.runId(), year, city, ci[1], OutpatientBudgetCapJob.INSTITUTION, i.getKey(),
            budgetRun, method, b, total.setScale(4), value, m.hospLv(), Money.rate(coefficient), c.caseCnt,
            c.points.setScale(4), c.claimed, paid, rate, Money.rate(floor), rate != null && rate.compareTo(floor) < 0,
            c.caseCnt + c.specialCnt, c.specialCnt, c.specialFund, null, null, null));
      }
      long discharges = sum.caseCnt + sum.specialCnt;
      long limit = DipPointValue.specialCaseLimit(discharges, maxShare);
      BigDecimal rate = DipPointValue.payoutRate(paidTotal, sum.claimed);
      rows.add(RowFactory.create(ctx.runId(), year, city, ci[1], OutpatientBudgetCapJob.CITY, CapitationPointsJob.ALL,
          budgetRun, method, b, total.setScale(4), value, null, null, sum.caseCnt, total.setScale(4), sum.claimed,
          paidTotal, rate, Money.rate(floor), rate != null && rate.compareTo(floor) < 0, discharges, sum.specialCnt,
          sum.specialFund, Money.rate(maxShare), limit, sum.specialCnt > limit));
      rows.addAll(inst);
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }
}
