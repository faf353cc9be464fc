package org.yibao.lake.jobs.flow;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.job.Period;

/**
 * Month and year rows of the flow and indicator tables (docs/policy.md §9 "each by month and year"): a fact
 * dated {@code d} counts in period_type {@code month} / period {@code yyyy-MM} and in period_type
 * {@code year} / period {@code yyyy}; a run for one period keeps only that period's rows.
 */
public final class PeriodColumns {
  public static final String MONTH = "month";
  public static final String YEAR = "year";

  private PeriodColumns() {}

  /** Each row twice, as its month and as its year ({@code period_type}, {@code period}), then only the run's period(s). */
  public static Dataset<Row> explode(Dataset<Row> df, Column date, Period run) {
    Column both = functions.array(
        functions.struct(lit(MONTH).as("period_type"), functions.date_format(date, "yyyy-MM").as("period")),
        functions.struct(lit(YEAR).as("period_type"), functions.year(date).cast("string").as("period")));
    return df.withColumn("_p", functions.explode(both))
        .withColumn("period_type", col("_p.period_type"))
        .withColumn("period", col("_p.period"))
        .drop("_p")
        .filter(matches(run));
  }

  /** True for the rows of the run's period (every row for a run over everything). */
  public static Column matches(Period run) {
    if (run.isAll()) {
      return lit(true);
    }
    if (run.isMonths()) {
      return col("period_type").equalTo(MONTH).and(col("period").isin(run.months().stream().map(Object::toString).toArray()))
          .or(col("period_type").equalTo(YEAR).and(col("period").isin(run.years().stream().map(String::valueOf).toArray())));
    }
    return run.month() != null
        ? col("period_type").equalTo(MONTH).and(col("period").equalTo(run.month().toString()))
        : col("period_type").equalTo(YEAR).and(col("period").equalTo(String.valueOf(run.year())));
  }

  /** Each row for its own insutype and for {@code all} (once, for a row already counted as {@code all}). */
  public static Dataset<Row> withAllInsutypes(Dataset<Row> df) {
    return df.withColumn("insutype",
        functions.explode(functions.array_distinct(functions.array(col("insutype"), lit("all")))));
  }
}
