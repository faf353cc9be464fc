package org.yibao.lake.common.ops;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * One row of {@code ops.job_run}: what a job read (with Delta versions), wrote, reconciled and how
 * long it took. Also the operator's log line.
 */
public record JobRun(
    String runId, String job, String output, String period, String status, Instant startedAt, long durationMs,
    long rowsIn, long rowsOut, BigDecimal moneyIn, BigDecimal moneyOut, Map<TableId, Long> inputVersions,
    long outputVersion, String policyVersion, String message) {

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("job", DataTypes.StringType, false)
      .add("output", DataTypes.StringType)
      .add("period", DataTypes.StringType)
      .add("status", DataTypes.StringType, false)
      .add("started_at", DataTypes.TimestampType)
      .add("duration_ms", DataTypes.LongType)
      .add("rows_in", DataTypes.LongType)
      .add("rows_out", DataTypes.LongType)
      .add("money_in_amt", Money.TYPE)
      .add("money_out_amt", Money.TYPE)
      .add("input_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("output_version", DataTypes.LongType)
      .add("policy_version", DataTypes.StringType)
      .add("message", DataTypes.StringType);

  /** The operator's one line: rows and money in/out, duration. */
  public String logLine() {
    return String.format("job=%s run=%s period=%s status=%s rows_in=%d rows_out=%d money_in=%s money_out=%s "
            + "output_version=%d duration=%.1fs%s",
        job, runId, period, status, rowsIn, rowsOut, Money.plain(moneyIn), Money.plain(moneyOut), outputVersion,
        durationMs / 1000.0, message == null || message.isEmpty() ? "" : " msg=" + message);
  }

  /** Appends this run to {@code ops.job_run}. */
  public void record(Lake lake) {
    recordAll(lake, List.of(this));
  }

  /** Appends runs to {@code ops.job_run} in one transaction. */
  public static void recordAll(Lake lake, List<JobRun> runs) {
    if (runs.isEmpty()) {
      return;
    }
    List<Row> rows = new java.util.ArrayList<>();
    for (JobRun r : runs) {
      rows.add(r.toRow());
    }
    lake.append(lake.spark().createDataFrame(rows, SCHEMA), Tables.OPS_JOB_RUN);
  }

  private Row toRow() {
    Map<String, Long> versions = new TreeMap<>();
    inputVersions.forEach((k, v) -> versions.put(k.toString(), v));
    return RowFactory.create(runId, job, output, period, status, Timestamp.from(startedAt), durationMs, rowsIn,
        rowsOut, Money.scale(moneyIn), Money.scale(moneyOut), scala.collection.JavaConverters.mapAsScalaMap(versions)
            .toMap(scala.Predef.$conforms()),
        outputVersion, policyVersion, message);
  }
}
