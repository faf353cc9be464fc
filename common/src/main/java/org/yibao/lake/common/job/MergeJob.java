package org.yibao.lake.common.job;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A current-state job whose night can be a merge: given the landing batches that are new since its last refresh,
 * it returns whole output rows for exactly the keys those batches can change, and the runner merges them into
 * the table on its grain ({@link JobRunner#merge}) instead of rewriting it. The rows returned must equal those
 * {@link #transform} would give for those keys over every batch, so that a merge and a full rebuild agree.
 */
public interface MergeJob extends Job {
  /**
   * @param newBatches per landing table ({@code ods} table name), the batches not yet absorbed by this job
   */
  Dataset<Row> changed(JobContext ctx, Inputs in, Map<String, Set<String>> newBatches);
}
