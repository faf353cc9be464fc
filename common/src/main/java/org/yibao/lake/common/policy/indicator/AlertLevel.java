package org.yibao.lake.common.policy.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.yibao.lake.common.config.ConfigException;

/**
 * The warning level of a broken threshold (docs/policy.md §9 alerts): red, orange or yellow by how far
 * ({@code excess_ratio}) and how long ({@code consecutive_periods}) the threshold is broken. From
 * {@code conf/policy/indicators.yml} key {@code alert.levels}: a level is reached when the excess ratio is
 * at least its {@code excess_ratio} or the streak is at least its {@code months} (month rows) or
 * {@code years} (year rows); red is tried first, then orange; every other alert is yellow.
 *
 * <p>How far: the excess over the threshold relative to the threshold, {@code excess / |threshold|}
 * (0.181818 against 0.05 is 2.64: more than three times the limit); for a threshold of 0 (bed-days above
 * the agreed maximum) the excess relative to the denominator, i.e. the share above the maximum.
 */
public record AlertLevel(Step red, Step orange) {
  public static final String RED = "red";
  public static final String ORANGE = "orange";
  public static final String YELLOW = "yellow";
  /** Severity order, worst first. */
  public static final java.util.List<String> ORDER = java.util.List.of(RED, ORANGE, YELLOW);

  /** The bar of one level. */
  public record Step(@com.fasterxml.jackson.annotation.JsonProperty("excess_ratio") BigDecimal excessRatio, Integer months,
                     Integer years) {
    public Step {
      if (excessRatio == null || months == null || years == null) {
        throw new ConfigException("alert.levels: each of red and orange needs excess_ratio, months and years");
      }
    }
  }

  public AlertLevel {
    if (red == null || orange == null) {
      throw new ConfigException("alert.levels needs red and orange");
    }
  }

  /**
   * Over columns {@code excess}, {@code threshold}, {@code denominator}: how far beyond the threshold,
   * relative to it (see the class comment).
   */
  public static Column excessRatio() {
    Column t = functions_abs(col("threshold"));
    return when(t.notEqual(0), col("excess").divide(t))
        .when(col("denominator").isNotNull().and(col("denominator").notEqual(0)), col("excess").divide(col("denominator")));
  }

  /**
   * Over columns {@code excess_ratio}, {@code consecutive_periods}, {@code period_type} and the bars
   * {@code red_ratio, red_months, red_years, orange_ratio, orange_months, orange_years}: the level.
   */
  public static Column level() {
    return when(reaches("red"), lit(RED)).when(reaches("orange"), lit(ORANGE)).otherwise(lit(YELLOW));
  }

  private static Column reaches(String step) {
    Column streakBar = when(col("period_type").equalTo("month"), col(step + "_months")).otherwise(col(step + "_years"));
    return col("excess_ratio").geq(col(step + "_ratio")).or(col("consecutive_periods").geq(streakBar));
  }

  private static Column functions_abs(Column c) {
    return org.apache.spark.sql.functions.abs(c);
  }
}
