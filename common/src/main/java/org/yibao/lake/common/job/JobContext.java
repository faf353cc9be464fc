package org.yibao.lake.common.job;

import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;

/**
 * Everything a run is given explicitly: session, lake, settings, policy, its run id, the as-of date
 * and the period it computes.
 */
public record JobContext(
    SparkSession spark, Lake lake, LakeSettings settings, Policy policy, String runId, LocalDate asOf,
    Period period) {

  public JobContext withPeriod(Period p) {
    return new JobContext(spark, lake, settings, policy, runId, asOf, p);
  }
}
