package org.yibao.lake.common.job;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One job = one class: it declares its inputs, its output table, the grain and keys of that output
 * ({@link #spec()}), and is a pure transformation between reading and writing, which the
 * {@link JobRunner} does. A job never reads the clock: period, as-of date and run id come in the
 * {@link JobContext}.
 */
public interface Job {
  JobSpec spec();

  /** Pure: no reading of tables other than {@code in}, no writing, no {@code show()}. */
  Dataset<Row> transform(JobContext ctx, Inputs in);
}
