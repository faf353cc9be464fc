package org.yibao.lake.jobs.indicator;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.policy.indicator.AlertStreak;
import org.yibao.lake.common.policy.indicator.IndicatorRule;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.alert}: one row per broken threshold of {@code ads.indicator} (POLICY.md §9): the indicator,
 * entity, period, value, threshold, how far beyond it ({@code excess}), the policy document, and since
 * which period and for how many periods in a row it has been broken ({@link AlertStreak}). Rewritten whole
 * from {@code ads.indicator} on every run: a recomputed month changes the streaks of the months after it.
 * A suppressed small cell alerts too, flagged {@code is_suppressed}: its value is hidden where it is shown.
 */
public final class AlertJob implements Job {
  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_ALERT).inputs(Tables.ADS_INDICATOR)
        .grain(IndicatorJob.GRAIN)
        .doc("POLICY.md §9 alerts; CONVENTIONS.md explainable results").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Dataset<Row> streaks = AlertStreak.of(in.get(Tables.ADS_INDICATOR),
        "indicator_id", "level", "entity_id", "insutype", "period_type");
    return streaks.select(col("indicator_id"), col("period_type"), col("period"), col("level"), col("entity_id"),
            col("insutype"), col("value"), col("threshold"), col("direction"),
            functions.round(IndicatorRule.excess(), 6).cast(DataTypes.createDecimalType(18, 6)).as("excess"),
            col("policy_doc"), col("first_alert_period"), col("consecutive_periods").cast("int").as("consecutive_periods"),
            col("is_suppressed"));
  }
}
