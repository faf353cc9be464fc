package org.yibao.lake.common.job;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.table.TableId;

/**
 * Runs a {@link Job}: pins and reads its inputs, calls the pure transform, checks the declared grain
 * (keys unique and not null), writes the output in one Delta transaction (only the period of the
 * run when the job has a period column), then logs and records rows and money in and out.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.job");

  private JobRunner() {}

  public static JobRun run(Job job, JobContext ctx) {
    JobSpec spec = job.spec();
    Lake lake = ctx.lake();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    ctx.spark().sparkContext().setJobDescription(spec.name() + " " + ctx.period());

    Map<TableId, Dataset<Row>> frames = new LinkedHashMap<>();
    Map<TableId, Long> versions = new LinkedHashMap<>();
    for (TableId t : spec.inputs()) {
      if (!lake.exists(t)) {
        throw new Lake.MissingTableException(t, lake.path(t));
      }
      long v = lake.version(t);
      versions.put(t, v);
      frames.put(t, lake.read(t, v));
    }
    for (TableId t : spec.optionalInputs()) {
      if (lake.exists(t)) {
        long v = lake.version(t);
        versions.put(t, v);
        frames.put(t, lake.read(t, v));
      }
    }
    Inputs inputs = new Inputs(frames, versions);
    long rowsIn = 0;
    for (Dataset<Row> df : frames.values()) {
      rowsIn += df.count();
    }
    BigDecimal moneyIn = spec.moneyInTable() == null ? null
        : sum(frames.get(spec.moneyInTable()), spec.moneyInColumn());

    Dataset<Row> out = job.transform(ctx, inputs)
        .withColumn("run_id", functions.lit(ctx.runId()))
        .withColumn("policy_version", functions.lit(ctx.policy().version()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      GrainCheck g = checkGrain(spec, out);
      long rowsOut = g.rows();
      BigDecimal moneyOut = g.money();
      String predicate = spec.runKeyColumn() != null
          ? spec.runKeyColumn() + " = '" + ctx.runId().replace("'", "''") + "'"
          : ctx.period().predicate(spec.periodColumn(), spec.periodKind());
      long version = predicate == null
          ? lake.overwrite(out, spec.output(), spec.partitionBy())
          : lake.replaceWhere(out, spec.output(), predicate, spec.partitionBy());
      JobRun run = new JobRun(ctx.runId(), spec.name(), spec.output().toString(), ctx.period().toString(), "ok",
          started, (System.nanoTime() - t0) / 1_000_000, rowsIn, rowsOut, moneyIn, moneyOut, versions, version,
          ctx.policy().version(), "");
      run.record(lake);
      LOG.info(run.logLine());
      return run;
    } finally {
      out.unpersist();
    }
  }

  /**
   * Runs the jobs in order; a job whose required input was never written (say, no manual scores
   * landed yet) is skipped with a warning rather than failing the night.
   */
  public static List<JobRun> runAll(List<Job> jobs, JobContext ctx) {
    List<JobRun> runs = new java.util.ArrayList<>();
    for (Job job : jobs) {
      List<TableId> missing = job.spec().inputs().stream().filter(t -> !ctx.lake().exists(t)).toList();
      if (!missing.isEmpty()) {
        LOG.warn("job={} skipped: input {} not in the lake yet", job.spec().name(), missing);
        continue;
      }
      runs.add(run(job, ctx));
    }
    return runs;
  }

  /** Rows and money of a checked output. */
  record GrainCheck(long rows, BigDecimal money) {}

  /**
   * The declared grain must be a key of the output: no null key column, no two rows with the same
   * key. One aggregation also yields the output's rows and money, so the check costs one pass.
   */
  static GrainCheck checkGrain(JobSpec spec, Dataset<Row> out) {
    Column anyNull = spec.grain().stream().map(c -> col(c).isNull()).reduce(Column::or).orElseThrow();
    Column[] keys = spec.grain().stream().map(functions::col).toArray(Column[]::new);
    Column money = spec.moneyOutColumn() == null ? functions.lit(null).cast(Money.TYPE) : col(spec.moneyOutColumn());
    Dataset<Row> perKey = out.groupBy(keys).agg(functions.count(functions.lit(1)).as("n"),
        functions.sum(money).as("m"), functions.max(anyNull.cast("int")).as("has_null"));
    Row r = perKey.agg(functions.coalesce(functions.sum("n"), functions.lit(0L)), functions.sum("m"),
        functions.coalesce(functions.max("n"), functions.lit(0L)),
        functions.coalesce(functions.sum(functions.when(col("has_null").equalTo(1), col("n"))), functions.lit(0L)))
        .head();
    if (r.getLong(3) > 0) {
      throw new GrainViolation(spec.name() + ": " + r.getLong(3) + " rows have a null key column among " + spec.grain());
    }
    if (r.getLong(2) > 1) {
      List<Row> dup = perKey.filter(col("n").gt(1)).drop("n", "m", "has_null").limit(1).collectAsList();
      throw new GrainViolation(spec.name() + ": grain " + spec.grain() + " is not unique, e.g. "
          + Arrays.toString(rowValues(dup.get(0))));
    }
    BigDecimal m = spec.moneyOutColumn() == null ? null : r.isNullAt(1) ? BigDecimal.ZERO : Money.scale(r.getDecimal(1));
    return new GrainCheck(r.getLong(0), m);
  }

  private static Object[] rowValues(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < r.length(); i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  static BigDecimal sum(Dataset<Row> df, String column) {
    Row r = df.agg(Money.sum(column)).head();
    return r.isNullAt(0) ? BigDecimal.ZERO : r.getDecimal(0);
  }

  /** The output of a job broke its declared grain. */
  public static final class GrainViolation extends IllegalStateException {
    public GrainViolation(String message) {
      super(message);
    }
  }
}
