package org.yibao.lake.jobs.flow;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.flow_region}: per region (county, city, province) and period, docs/policy.md §10. Outflow: the
 * region's insured treated outside their own county, city and province, as shares of their
 * settlements (cases) and pooled-fund payment ({@code hifp_pay}). Inflow: settlements treated in the
 * region of persons insured elsewhere, as shares of all settlements treated there. Local (treated inside
 * the region) and cross-region (outside it) volumes side by side with their growth on the same period
 * of the previous year (for a period the data has not finished, the same days of it: docs/monitoring.md);
 * {@code is_both_growing} marks both rising at once (QY-2025 第四 warns of it).
 */
public final class FlowRegionJob implements Job {
  private static final String[] KEYS = {"period_type", "period", "level", "admdvs", "insutype"};

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_FLOW_REGION).inputs(Tables.DWD_SETL)
        .grain(KEYS).period("period", JobSpec.PeriodKind.CALENDAR)
        .doc("docs/policy.md §10; QY-2025 第四, JX-2026 二(二)7").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Dataset<Row> setl = in.get(Tables.DWD_SETL).filter(SetlJob.VALID)
        .select("setl_date", "insutype", "psn_no", "hifp_pay", "insuplc_admdvs", "mdtrtarea_admdvs");
    // each settlement counts in its own period and, as "previous", in the same period a year later; a
    // period the data has not finished (the year to date) is compared with the same days a year earlier:
    // a "previous" settlement whose anniversary lies beyond the last data date does not count
    Row last = setl.agg(functions.max("setl_date")).head();
    Column comparable = last.isNullAt(0) ? lit(true) : col("_date").leq(lit(last.getDate(0)));
    Dataset<Row> dated = setl.withColumn("_prev", functions.explode(functions.array(lit(false), lit(true))))
        .withColumn("_date", when(col("_prev"), functions.add_months(col("setl_date"), 12))
            .otherwise(col("setl_date")))
        .filter(functions.not(col("_prev")).or(comparable));
    Column o = col("insuplc_admdvs");
    Column d = col("mdtrtarea_admdvs");
    Dataset<Row> facts = PeriodColumns.withAllInsutypes(PeriodColumns.explode(dated, col("_date"), ctx.period()))
        .withColumn("_l", functions.explode(functions.array(FlowOdJob.levelStructs())))
        .withColumn("level", col("_l.level"))
        .withColumn("_local", col("_l.origin").equalTo(col("_l.destination")))
        .withColumn("_out_county", d.notEqual(o))
        .withColumn("_out_city", RegionColumns.cityOf(d).notEqual(RegionColumns.cityOf(o)))
        .withColumn("_out_province", RegionColumns.provinceOf(d).notEqual(RegionColumns.provinceOf(o)));

    Column cur = functions.not(col("_prev"));
    Dataset<Row> outflow = facts.withColumn("admdvs", col("_l.origin")).groupBy(KEYS[0], KEYS[1], KEYS[2], KEYS[3], KEYS[4])
        .agg(cnt(cur).as("setl_cnt"), amt(cur).as("fund_amt"),
            cnt(cur.and(col("_local"))).as("local_setl_cnt"), amt(cur.and(col("_local"))).as("local_fund_amt"),
            cnt(cur.and(col("_out_county"))).as("out_county_setl_cnt"),
            amt(cur.and(col("_out_county"))).as("out_county_fund_amt"),
            cnt(cur.and(col("_out_city"))).as("out_city_setl_cnt"), amt(cur.and(col("_out_city"))).as("out_city_fund_amt"),
            cnt(cur.and(col("_out_province"))).as("out_province_setl_cnt"),
            amt(cur.and(col("_out_province"))).as("out_province_fund_amt"),
            cnt(col("_prev").and(col("_local"))).as("prev_local_setl_cnt"),
            amt(col("_prev").and(col("_local"))).as("prev_local_fund_amt"),
            cnt(col("_prev").and(functions.not(col("_local")))).as("prev_cross_region_setl_cnt"),
            amt(col("_prev").and(functions.not(col("_local")))).as("prev_cross_region_fund_amt"),
            functions.countDistinct(when(cur, col("psn_no"))).as("psn_cnt"));
    Dataset<Row> inflow = facts.filter(functions.not(col("_out_province")))
        .withColumn("admdvs", col("_l.destination")).groupBy(KEYS[0], KEYS[1], KEYS[2], KEYS[3], KEYS[4])
        .agg(cnt(cur).as("treated_setl_cnt"), amt(cur).as("treated_fund_amt"),
            cnt(cur.and(functions.not(col("_local")))).as("inflow_setl_cnt"),
            amt(cur.and(functions.not(col("_local")))).as("inflow_fund_amt"));

    Dataset<Row> joined = outflow.join(inflow, org.yibao.lake.common.spark.Cols.seq(KEYS), "full_outer").na().fill(0);
    Dataset<Row> out = joined
        .filter(col("setl_cnt").plus(col("treated_setl_cnt")).gt(0))
        .withColumn("cross_region_setl_cnt", col("setl_cnt").minus(col("local_setl_cnt")))
        .withColumn("cross_region_fund_amt", col("fund_amt").minus(col("local_fund_amt")));
    for (String side : new String[] {"out_county", "out_city", "out_province"}) {
      out = out.withColumn(side + "_case_rate", rate(col(side + "_setl_cnt"), col("setl_cnt")))
          .withColumn(side + "_fund_rate", rate(col(side + "_fund_amt"), col("fund_amt")));
    }
    out = out.withColumn("inflow_case_rate", rate(col("inflow_setl_cnt"), col("treated_setl_cnt")))
        .withColumn("inflow_fund_rate", rate(col("inflow_fund_amt"), col("treated_fund_amt")));
    for (String side : new String[] {"local", "cross_region"}) {
      out = out.withColumn(side + "_case_growth_rate", growth(col(side + "_setl_cnt"), col("prev_" + side + "_setl_cnt")))
          .withColumn(side + "_fund_growth_rate", growth(col(side + "_fund_amt"), col("prev_" + side + "_fund_amt")));
    }
    return out
        .withColumn("is_both_growing", functions.coalesce(col("local_fund_growth_rate").gt(0)
            .and(col("cross_region_fund_growth_rate").gt(0)), lit(false)))
        .withColumn("is_suppressed", col("psn_cnt").lt(ctx.settings().smallCellMinPersons()));
  }

  private static Column cnt(Column when) {
    return functions.sum(when(when, 1L).otherwise(0L));
  }

  private static Column amt(Column when) {
    return Money.publish(functions.sum(when(when, col("hifp_pay")).otherwise(lit(BigDecimal.ZERO))));
  }

  private static Column rate(Column part, Column whole) {
    return Money.publishRate(when(whole.notEqual(0), part.cast(Money.TYPE).divide(whole)));
  }

  /** Growth on the same period last year; null without a base. Wider than a rate: a region can grow tenfold. */
  static Column growth(Column cur, Column prev) {
    return functions.round(when(prev.notEqual(0), cur.cast(Money.TYPE).divide(prev).minus(1)), 6)
        .cast(DataTypes.createDecimalType(18, 6));
  }
}
