package org.yibao.lake.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.policy.indicator.AlertLevel;

/**
 * The alerts a person reads (docs/policy.md §9): {@code ads.alert} holds one row per insutype (310, 390 and
 * all); a reader wants one row per entity × indicator × period, the worst of them, with the insutypes that
 * break it listed. Ranked worst first: level (red, orange, yellow), then how far (excess ratio), then how
 * long (streak) — so the most flagrant finding, whatever its indicator, comes first.
 */
public final class AlertDigest {
  private AlertDigest() {}

  /** Severity rank of {@code alert_level}: 0 red, 1 orange, 2 yellow. */
  public static Column severity() {
    return when(col("alert_level").equalTo(AlertLevel.RED), lit(0))
        .when(col("alert_level").equalTo(AlertLevel.ORANGE), lit(1)).otherwise(lit(2));
  }

  /** One row per period, level, entity and indicator, with {@code insutypes} ("310,390,all") and {@code rank}. */
  public static Dataset<Row> collapse(Dataset<Row> alerts) {
    Column[] key = {col("period_type"), col("period"), col("level"), col("entity_id"), col("indicator_id")};
    Column insutypeOrder = when(col("insutype").equalTo("all"), lit(0)).otherwise(lit(1));
    Dataset<Row> ranked = alerts.withColumn("_sev", severity())
        .withColumn("_pick", functions.row_number().over(Window.partitionBy(key)
            .orderBy(col("_sev"), insutypeOrder, col("excess_ratio").desc_nulls_last(), col("insutype"))))
        .withColumn("insutypes", functions.array_join(functions.array_sort(
            functions.collect_set("insutype").over(Window.partitionBy(key))), ","))
        .withColumn("any_suppressed", functions.max(col("is_suppressed").cast("int")).over(Window.partitionBy(key)).equalTo(1));
    return ranked.filter(col("_pick").equalTo(1)).drop("_pick");
  }

  /** Worst first: level, then excess ratio, then streak; ties by indicator and entity for a stable order. */
  public static Column[] worstFirst() {
    return new Column[] {col("_sev"), col("excess_ratio").desc_nulls_last(), col("consecutive_periods").desc(),
        col("indicator_id"), col("entity_id")};
  }
}
