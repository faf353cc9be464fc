package org.yibao.lake.jobs.dwd;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * The current state of a reference or detail table: for every key the version of the latest batch
 * (conf/contract "the key decides (last batch wins)"); earlier versions stay in {@code ods} and in
 * Delta history. Serves {@code dim.admdvs}, {@code dim.medins} (effective-dated: the key includes
 * begndate), {@code dim.medcommunity}, {@code dwd.psn}, {@code dwd.insu} and the other small tables.
 */
public final class CurrentStateJob implements Job {
  private final TableId source;
  private final TableId output;
  private final List<String> key;

  public CurrentStateJob(String landingTable, TableId output, String... key) {
    this.source = Tables.ods(landingTable);
    this.output = output;
    this.key = List.of(key);
  }

  @Override
  public JobSpec spec() {
    return JobSpec.of(output).inputs(source).grain(key.toArray(String[]::new))
        .doc("conf/contract, Layout: last batch wins").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Column[] keys = key.stream().map(functions::col).toArray(Column[]::new);
    return in.get(source)
        .withColumn("_rk", functions.row_number().over(
            Window.partitionBy(keys).orderBy(col("_batch").desc(), col("_row").desc())))
        .filter(col("_rk").equalTo(1))
        .drop("_rk", "_file", "_row", "_ingest_run", "_row_hash", "_is_correction");
  }
}
