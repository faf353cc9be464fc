package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.Tables;

/** Look-ups every budget job shares: the budget year, the province, fund revenue, requested growth. */
final class BudgetInputs {
  static final String ACTUAL = "actual";
  static final String BUDGET = "budget";

  private BudgetInputs() {}

  /** The budget year Y: a compile always runs for one year. */
  static int year(JobContext ctx) {
    if (ctx.period().year() == null) {
      throw new ConfigException("a budget job needs the budget year (--year)");
    }
    return ctx.period().year();
  }

  /**
   * The province of the lake: the one province whose counties (admdvs_lv 3) {@code dim.admdvs} holds;
   * other provinces appear only as places of treatment, without counties.
   */
  static String province(Inputs in) {
    List<Row> p = in.get(Tables.DIM_ADMDVS).filter(col("admdvs_lv").equalTo(3))
        .select(functions.concat(col("admdvs").substr(1, 2), functions.lit("0000"))).distinct().collectAsList();
    if (p.size() != 1) {
      throw new DataQualityException("dim.admdvs must hold the counties of exactly one province, holds " + p);
    }
    return p.get(0).getString(0);
  }

  /** Pooled-fund revenue of one kind and year, keyed {@code admdvs|insutype}. */
  static Map<String, BigDecimal> revenue(Inputs in, int year, String kind) {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (Row r : in.get(Tables.DWD_FUND_REVENUE)
        .filter(col("year").equalTo(year).and(col("kind").equalTo(kind)))
        .select("admdvs", "insutype", "revenue").collectAsList()) {
      out.merge(r.getString(0) + "|" + r.getString(1), r.getDecimal(2), BigDecimal::add);
    }
    return out;
  }

  /** The revenue of a region summed over insutypes (a county's or city's whole fund). */
  static BigDecimal allInsutypes(Map<String, BigDecimal> revenue, String admdvs) {
    BigDecimal sum = null;
    for (Map.Entry<String, BigDecimal> e : revenue.entrySet()) {
      if (e.getKey().startsWith(admdvs + "|")) {
        sum = sum == null ? e.getValue() : sum.add(e.getValue());
      }
    }
    return sum;
  }

  static BigDecimal require(BigDecimal v, String what) {
    if (v == null) {
      throw new DataQualityException("dwd.fund_revenue has no " + what + " (the budget caps growth on it)");
    }
    return v;
  }

  /** {@code budget.growth.requested}: null (the configured value {@code null}) means the revenue-growth cap. */
  static BigDecimal requestedGrowth(Policy policy, int year, String region) {
    JsonNode n = policy.node("budget.growth.requested", year, region);
    return n.isNull() ? null : policy.decimal("budget.growth.requested", year, region);
  }

  /** The weights of Y-3, Y-2, Y-1. */
  static List<BigDecimal> weights(Policy policy, int year, String region) {
    return policy.decimals("budget.baseline.weights", year, region);
  }
}
