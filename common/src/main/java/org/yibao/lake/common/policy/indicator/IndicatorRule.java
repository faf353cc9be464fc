package org.yibao.lake.common.policy.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.yibao.lake.common.config.ConfigException;

/**
 * How an indicator of docs/policy.md §9 is watched, from {@code conf/policy/indicators.yml} key
 * {@code indicator.<id>}: {@code direction} {@code max} (alert when the value is above the threshold),
 * {@code min} (alert when below) or {@code trend} (published, never alerted), and the threshold.
 */
public record IndicatorRule(String direction, BigDecimal threshold) {
  public static final String MAX = "max";
  public static final String MIN = "min";
  public static final String TREND = "trend";

  public IndicatorRule {
    if (!MAX.equals(direction) && !MIN.equals(direction) && !TREND.equals(direction)) {
      throw new ConfigException("indicator direction must be max, min or trend, is '" + direction + "'");
    }
    if (!TREND.equals(direction) && threshold == null) {
      throw new ConfigException("indicator with direction " + direction + " needs a threshold");
    }
  }

  /** Over columns {@code value}, {@code threshold}, {@code direction}: true where a threshold is broken. */
  public static Column isAlert() {
    return when(col("value").isNull().or(col("threshold").isNull()), lit(false))
        .when(col("direction").equalTo(MAX), col("value").gt(col("threshold")))
        .when(col("direction").equalTo(MIN), col("value").lt(col("threshold")))
        .otherwise(lit(false));
  }

  /** How far the value is beyond the threshold, positive on the wrong side (null for trend indicators). */
  public static Column excess() {
    return when(col("direction").equalTo(MAX), col("value").minus(col("threshold")))
        .when(col("direction").equalTo(MIN), col("threshold").minus(col("value")));
  }
}
