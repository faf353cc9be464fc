package org.yibao.lake.common.policy.indicator;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * For every broken threshold, since when and for how many periods in a row (docs/policy.md §9 alerts).
 * Periods of one kind are numbered on a calendar ({@code yyyy-MM} as year × 12 + month, {@code yyyy} as
 * the year), so a month without a broken threshold — or without data — ends a streak. Consecutive
 * alert periods of one series (indicator, level, entity, insutype, period type) form one streak
 * (gaps and islands: calendar number − rank among alerts is constant along a streak).
 */
public final class AlertStreak {
  private AlertStreak() {}

  /** The calendar number of {@code period}: months and years counted without gaps. */
  public static Column periodIndex() {
    Column year = functions.substring(col("period"), 1, 4).cast("int");
    return functions.when(col("period_type").equalTo("month"),
            year.multiply(12).plus(functions.substring(col("period"), 6, 2).cast("int")))
        .otherwise(year);
  }

  /**
   * Alert rows ({@code is_alert} true) of {@code indicators} with {@code first_alert_period} and
   * {@code consecutive_periods} added.
   */
  public static Dataset<Row> of(Dataset<Row> indicators, String... seriesColumns) {
    Column[] series = java.util.Arrays.stream(seriesColumns).map(functions::col).toArray(Column[]::new);
    Dataset<Row> alerts = indicators.filter(col("is_alert")).withColumn("_idx", periodIndex());
    Column island = col("_idx").minus(functions.row_number().over(Window.partitionBy(series).orderBy("_idx")));
    alerts = alerts.withColumn("_island", island);
    Column[] streakKeys = java.util.stream.Stream.concat(java.util.Arrays.stream(series), java.util.stream.Stream.of(col("_island")))
        .toArray(Column[]::new);
    return alerts
        .withColumn("first_alert_period", functions.min_by(col("period"), col("_idx")).over(Window.partitionBy(streakKeys)))
        .withColumn("consecutive_periods",
            functions.row_number().over(Window.partitionBy(streakKeys).orderBy("_idx")))
        .drop("_idx", "_island");
  }
}
