package org.yibao.lake.jobs.dwd;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * {@code dwd.setl}: the current state of every settlement. A correction (same {@code setl_id} in a
 * later batch) replaces the earlier version, which stays in {@code ods.setl} and Delta history; a
 * reversal ({@code orig_setl_id} set) is kept with {@code is_reversal} and marks its original
 * {@code is_reversed}; facts use neither ({@link #VALID}). Adds the settlement month and year and
 * the budget category of POLICY.md §1 ({@code conf/mappings/budget_category.yml}).
 */
public final class SetlJob implements Job {
  private static final TableId ODS_SETL = Tables.ods("setl");

  /** The settlements that count in every fact: neither a reversal nor reversed. */
  public static final String VALID = "NOT is_reversal AND NOT is_reversed";

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.DWD_SETL).inputs(ODS_SETL).grain("setl_id").partitionBy("setl_year")
        .money(ODS_SETL, "hifp_pay", "hifp_pay").doc("DATA_CONTRACT.md setl; POLICY.md §1 categories").build();
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
    Dataset<Row> reversedIds = latest.filter(col("orig_setl_id").isNotNull())
        .select(col("orig_setl_id").as("_reversed_id")).distinct();
    BudgetCategories categories = BudgetCategories.load(ctx.settings().confDir());
    Dataset<Row> out = latest.join(reversedIds, col("setl_id").equalTo(col("_reversed_id")), "left")
        .withColumn("is_reversal", col("orig_setl_id").isNotNull())
        .withColumn("is_reversed", col("_reversed_id").isNotNull())
        .drop("_reversed_id")
        .withColumn("setl_date", functions.to_date(col("setl_time")))
        .withColumn("setl_month", functions.date_format(col("setl_time"), "yyyy-MM"))
        .withColumn("setl_year", functions.year(col("setl_time")))
        .withColumn("category", categories.categoryColumn());
    return out.withColumn("med_class", categories.medClassColumn(col("category")));
  }
}
