package org.yibao.lake.jobs.flow;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.flow_medcommunity_tier}: inpatient cases of a county medical community's insured by the
 * tier where they were treated ({@link CommunityTiers}), the lead hospital's cases and share, and the
 * upward share (lead hospital plus outside the county) for the siphon (虹吸) and upward-flow indicators,
 * docs/policy.md §9 and §10.
 */
public final class MedcommunityTierJob implements Job {
  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_FLOW_MEDCOMMUNITY_TIER)
        .inputs(Tables.DWD_SETL, Tables.DIM_MEDINS, Tables.DIM_MEDCOMMUNITY)
        .grain("period_type", "period", "medcommunity_id", "insutype")
        .period("period", JobSpec.PeriodKind.CALENDAR)
        .doc("docs/policy.md §9 向上转诊/虹吸, §10; GD-2019 四").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Dataset<Row> stays = CommunityTiers.stays(in.get(Tables.DWD_SETL), in.get(Tables.DIM_MEDINS),
        in.get(Tables.DIM_MEDCOMMUNITY));
    Dataset<Row> facts = PeriodColumns.withAllInsutypes(PeriodColumns.explode(stays, col("setl_date"), ctx.period()));
    List<Column> aggs = new ArrayList<>();
    for (String t : CommunityTiers.TIERS) {
      aggs.add(count(col("tier").equalTo(t)).as(t + "_cnt"));
    }
    aggs.add(count(col("is_lead")).as("lead_cnt"));
    aggs.add(functions.countDistinct("psn_no").as("psn_cnt"));
    return facts.groupBy("period_type", "period", "medcommunity_id", "insutype")
        .agg(functions.count(lit(1)).as("inpatient_cnt"), aggs.toArray(Column[]::new))
        .withColumn("lead_share_rate", share(col("lead_cnt")))
        .withColumn("upward_share_rate", share(col("lead_cnt").plus(col("above_county_cnt"))))
        .withColumn("is_suppressed", col("psn_cnt").lt(ctx.settings().smallCellMinPersons()));
  }

  private static Column count(Column c) {
    return functions.sum(when(c, 1L).otherwise(0L));
  }

  private static Column share(Column part) {
    return Money.publishRate(part.cast(Money.TYPE).divide(col("inpatient_cnt")));
  }
}
