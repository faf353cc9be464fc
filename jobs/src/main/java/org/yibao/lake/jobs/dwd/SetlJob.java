package org.yibao.lake.jobs.dwd;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.MergeJob;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.spark.Cols;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * {@code dwd.setl}: the current state of every settlement. A correction (same {@code setl_id} in a
 * later batch) replaces the earlier version, which stays in {@code ods.setl} and Delta history; a
 * reversal ({@code orig_setl_id} set) is kept with {@code is_reversal} and marks its original
 * {@code is_reversed}; facts use neither ({@link #VALID}). A reversal that lands after the year of its
 * original was closed ({@code money.year_closed_after_months}: year Y closes at the end of that month of
 * Y+1, once its year-end settlement is done) marks both with {@code is_after_close}: money figures
 * ({@link #MONEY}) keep the original in its closed year and book the reversal, negative, in the month it
 * landed, so a closed year's money never changes (a recovery in the current period). Adds the
 * settlement month and year and the budget category of docs/policy.md §1
 * ({@code conf/mappings/budget_category.yml}).
 */
public final class SetlJob implements MergeJob {
  private static final TableId ODS_SETL = Tables.ods("setl");

  /** The settlements that count in every fact: neither a reversal nor reversed. */
  public static final String VALID = "NOT is_reversal AND NOT is_reversed";

  /**
   * The settlements that count in money figures: the valid ones, plus a closed year's reversed original
   * (in its own period) and its late reversal (negative, in the period it landed).
   */
  public static final String MONEY = "(NOT is_reversal AND NOT is_reversed) OR is_after_close";

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.DWD_SETL).inputs(ODS_SETL).grain("setl_id").partitionBy("setl_year")
        .money(ODS_SETL, "hifp_pay", "hifp_pay").doc("conf/contract setl; docs/policy.md §1 categories").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Dataset<Row> ods = in.get(ODS_SETL);
    Dataset<Row> latest = ods
        .withColumn("version_cnt", functions.count(lit(1)).over(Window.partitionBy("setl_id")))
        .withColumn("_rk", functions.row_number().over(
            Window.partitionBy("setl_id").orderBy(col("_batch").desc(), col("_row").desc())))
        .filter(col("_rk").equalTo(1))
        .drop("_rk", "_file", "_row", "_ingest_run", "_row_hash", "_is_correction");
    // each reversal with its original's year and whether it landed after that year was closed
    Dataset<Row> pairs = latest.filter(col("orig_setl_id").isNotNull())
        .select(col("setl_id").as("_rev_id"), col("orig_setl_id").as("_reversed_id"),
            functions.to_date(col("setl_time")).as("_rev_date"))
        .join(latest.select(col("setl_id").as("_orig_id"), functions.year(col("setl_time")).as("_orig_year")),
            col("_reversed_id").equalTo(col("_orig_id")), "left")
        .withColumn("_after_close", functions.coalesce(col("_rev_date").gt(closeDate(ctx, col("_orig_year"),
            reversedYears(latest))), lit(false)));
    Dataset<Row> reversedIds = pairs.groupBy("_reversed_id").agg(functions.max("_after_close").as("_orig_late"));
    Dataset<Row> lateReversals = pairs.filter(col("_after_close")).select(col("_rev_id"), lit(true).as("_rev_late"));
    BudgetCategories categories = BudgetCategories.load(ctx.settings().confDir());
    Dataset<Row> out = latest.join(reversedIds, col("setl_id").equalTo(col("_reversed_id")), "left")
        .join(lateReversals, col("setl_id").equalTo(col("_rev_id")), "left")
        .withColumn("is_reversal", col("orig_setl_id").isNotNull())
        .withColumn("is_reversed", col("_reversed_id").isNotNull())
        .withColumn("is_after_close", functions.coalesce(col("_orig_late"), col("_rev_late"), lit(false)))
        .drop("_reversed_id", "_orig_late", "_rev_id", "_rev_late")
        .withColumn("setl_date", functions.to_date(col("setl_time")))
        .withColumn("setl_month", functions.date_format(col("setl_time"), "yyyy-MM"))
        .withColumn("setl_year", functions.year(col("setl_time")))
        .withColumn("category", categories.categoryColumn());
    return out.withColumn("med_class", categories.medClassColumn(col("category")));
  }

  /**
   * A night's merge: the settlements the new batches can change, recomputed whole from the versions that decide
   * them. Changed are the settlements of the new rows, the originals any version of them reverses (a corrected
   * reversal may point elsewhere), and the reversals of the new rows' settlements (their after-close flag reads
   * the original's year). A changed row reads its own versions, the reversals pointing at it and the original it
   * reverses. Only two columns of the whole history ({@code setl_id}, {@code orig_setl_id}) are read to find
   * them; the full rows are read for those keys alone.
   */
  @Override
  public Dataset<Row> changed(JobContext ctx, Inputs in, Map<String, Set<String>> newBatches) {
    Dataset<Row> ods = in.get(ODS_SETL);
    Dataset<Row> links = ods.select("setl_id", "orig_setl_id");
    Dataset<Row> fresh = ods.filter(col("_batch").isin(newBatches.getOrDefault(ODS_SETL.name(), Set.of()).toArray()))
        .select("setl_id").distinct();
    Dataset<Row> changed = keep(ids(fresh)
        .union(ids(links.join(fresh, "setl_id").select(col("orig_setl_id").as("setl_id"))))
        .union(ids(reversalsOf(links, fresh))).distinct());
    Dataset<Row> needed = keep(changed
        .union(ids(reversalsOf(links, changed)))
        .union(ids(links.join(changed, "setl_id").select(col("orig_setl_id").as("setl_id")))).distinct());
    Inputs cut = new Inputs(Map.of(ODS_SETL, ods.join(needed, Cols.seq("setl_id"), "left_semi")), in.versions());
    return transform(ctx, cut).join(changed, Cols.seq("setl_id"), "left_semi");
  }

  /** The settlements with a version reversing one of {@code ids}. */
  private static Dataset<Row> reversalsOf(Dataset<Row> links, Dataset<Row> ids) {
    return links.join(ids.select(col("setl_id").as("orig_setl_id")), "orig_setl_id").select("setl_id");
  }

  private static Dataset<Row> ids(Dataset<Row> df) {
    return df.filter(col("setl_id").isNotNull()).select("setl_id");
  }

  /** A key set read twice: computed once (a night's keys, a small set). */
  private static Dataset<Row> keep(Dataset<Row> df) {
    return df.localCheckpoint(true);
  }

  /** The years of the originals that were reversed (a few): the years whose close date is looked up. */
  private static java.util.List<Integer> reversedYears(Dataset<Row> latest) {
    return latest.filter(col("orig_setl_id").isNotNull()).select("orig_setl_id").distinct()
        .join(latest.select(col("setl_id").as("orig_setl_id"), functions.year(col("setl_time")).as("_y")), "orig_setl_id")
        .select("_y").distinct().collectAsList().stream().map(r -> r.getInt(0)).toList();
  }

  /**
   * The last day of year {@code y}'s open period: the end of month {@code money.year_closed_after_months}
   * of y+1 (0: 31 December of y), looked up for each year reversed.
   */
  private static Column closeDate(JobContext ctx, Column year, java.util.List<Integer> years) {
    Column months = null;
    for (int y : years) {
      Column m = lit(ctx.policy().integer("money.year_closed_after_months", y, "*"));
      months = months == null ? functions.when(year.equalTo(y), m) : months.when(year.equalTo(y), m);
    }
    if (months == null) {
      return lit(null).cast("date");
    }
    return functions.last_day(functions.add_months(functions.make_date(year, lit(12), lit(1)), months));
  }
}
