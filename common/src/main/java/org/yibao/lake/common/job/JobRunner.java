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
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.ops.KillPoint;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * Runs a {@link Job}: pins and reads its inputs, calls the pure transform, checks the declared grain
 * (keys unique and not null), writes the output in one Delta transaction (only the period of the
 * run when the job has a period column), then logs and records rows and money in and out.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.job");

  private JobRunner() {}

  /** Runs one job and records it in {@code ops.job_run} (one commit of its own). */
  public static JobRun run(Job job, JobContext ctx) {
    JobRun run = execute(job, ctx);
    run.record(ctx.lake());
    return run;
  }

  /**
   * Runs one job without recording it: a caller running several jobs records them together
   * ({@link JobRun#recordAll}), one {@code ops} commit per run instead of one per job.
   */
  public static JobRun execute(Job job, JobContext ctx) {
    return execute(job, ctx, null);
  }

  /**
   * Runs a {@link MergeJob} for the batches new since its last refresh ({@code ods} table → batches): its
   * changed rows are merged into the output on the grain (one Delta MERGE, one transaction), so a night costs
   * what its batches change, not the size of the table. Rows and money in are those of the new batches; rows and
   * money out those of the rows merged. Not recorded, like {@link #execute(Job, JobContext)}.
   */
  public static JobRun merge(MergeJob job, JobContext ctx, Map<String, java.util.Set<String>> newBatches) {
    return execute(job, ctx, newBatches);
  }

  private static JobRun execute(Job job, JobContext ctx, Map<String, java.util.Set<String>> newBatches) {
    JobSpec spec = job.spec();
    Lake lake = ctx.lake();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    ctx.spark().sparkContext().setJobDescription(spec.name() + " " + ctx.period());

    Map<TableId, Dataset<Row>> frames = new LinkedHashMap<>();
    Map<TableId, Long> versions = new LinkedHashMap<>();
    for (TableId t : spec.inputs()) {
      long v = lake.version(t);
      if (v < 0) {
        throw new Lake.MissingTableException(t, lake.path(t));
      }
      versions.put(t, v);
      frames.put(t, lake.read(t, v));
    }
    for (TableId t : spec.optionalInputs()) {
      long v = lake.version(t);
      if (v >= 0) {
        versions.put(t, v);
        frames.put(t, lake.read(t, v));
      }
    }
    Inputs inputs = new Inputs(frames, versions);
    InputTotals in = inputTotals(newBatches == null ? frames : onlyNew(frames, newBatches), spec.moneyInTable(),
        spec.moneyInColumn());

    Dataset<Row> out = (newBatches == null ? job.transform(ctx, inputs)
            : ((MergeJob) job).changed(ctx, inputs, newBatches))
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
      long version = newBatches != null ? lake.merge(out, spec.output(), spec.grain())
          : predicate == null ? lake.overwrite(out, spec.output(), spec.partitionBy())
          : lake.replaceWhere(out, spec.output(), predicate, spec.partitionBy());
      KillPoint.at("job-written:" + spec.name());
      String period = newBatches == null ? ctx.period().toString()
          : "merge:" + newBatches.values().stream().mapToInt(java.util.Set::size).sum() + " batch(es)";
      JobRun run = new JobRun(ctx.runId(), spec.name(), spec.output().toString(), period, "ok",
          started, (System.nanoTime() - t0) / 1_000_000, in.rows(), rowsOut, in.money(), moneyOut, versions, version,
          ctx.policy().version(), "");
      LOG.info(run.logLine());
      return run;
    } finally {
      out.unpersist();
    }
  }

  /** The landing inputs cut to their new batches (other inputs as they are): what a merge run takes in. */
  private static Map<TableId, Dataset<Row>> onlyNew(Map<TableId, Dataset<Row>> frames,
                                                    Map<String, java.util.Set<String>> newBatches) {
    Map<TableId, Dataset<Row>> out = new LinkedHashMap<>();
    frames.forEach((t, df) -> out.put(t, !t.layer().equals("ods") ? df
        : df.filter(col("_batch").isin(newBatches.getOrDefault(t.name(), java.util.Set.of()).toArray()))));
    return out;
  }

  /** Rows of all inputs together, and the money of the money-in table. */
  record InputTotals(long rows, BigDecimal money) {}

  /**
   * Every input's rows and the money-in sum in one Spark job (a count per input cost a job each, which
   * on small tables was a good part of a job's time).
   */
  static InputTotals inputTotals(Map<TableId, Dataset<Row>> frames, TableId moneyTable, String moneyColumn) {
    Dataset<Row> all = null;
    for (Map.Entry<TableId, Dataset<Row>> e : frames.entrySet()) {
      Column money = e.getKey().equals(moneyTable) ? col(moneyColumn).cast(Money.TYPE) : functions.lit(null).cast(Money.TYPE);
      Dataset<Row> one = e.getValue().agg(functions.count(functions.lit(1)).as("n"), functions.sum(money).as("m"));
      all = all == null ? one : all.union(one);
    }
    if (all == null) {
      return new InputTotals(0, moneyTable == null ? null : BigDecimal.ZERO);
    }
    long rows = 0;
    BigDecimal money = moneyTable == null ? null : BigDecimal.ZERO;
    for (Row r : all.collectAsList()) {
      rows += r.getLong(0);
      if (money != null && !r.isNullAt(1)) {
        money = money.add(r.getDecimal(1));
      }
    }
    return new InputTotals(rows, money == null ? null : Money.scale(money));
  }

  /**
   * Runs the jobs in order (the lake must have been ingested into: {@link #requireIngested}). A job
   * whose required input is missing fails the run with a usage error ({@link #shouldRun}), except a
   * job that only copies a landing table nothing was ever delivered for (say, no manual scores landed
   * yet): that one is skipped with a warning, and a job that needs its output fails in turn.
   */
  public static List<JobRun> runAll(List<Job> jobs, JobContext ctx) {
    requireIngested(ctx.lake());
    return runInOrder(jobs, ctx, job -> shouldRun(job, ctx));
  }

  /** Runs every job in order and records them in {@code ops.job_run} in one commit. */
  public static List<JobRun> runInOrder(List<Job> jobs, JobContext ctx) {
    return runInOrder(jobs, ctx, job -> true);
  }

  /**
   * Runs the jobs {@code when} accepts (asked just before each job, after the earlier ones wrote), in order;
   * the ones that finished are recorded in one commit even when a later one fails.
   */
  private static List<JobRun> runInOrder(List<Job> jobs, JobContext ctx, java.util.function.Predicate<Job> when) {
    List<JobRun> runs = new java.util.ArrayList<>();
    try {
      for (Job job : jobs) {
        if (when.test(job)) {
          runs.add(execute(job, ctx));
        }
      }
    } finally {
      JobRun.recordAll(ctx.lake(), runs);
    }
    return runs;
  }

  /**
   * A lake without {@code ops.batch} was never ingested into: most likely a mistyped {@code --lake} or
   * {@code YIBAO_LAKE}. Running there would log "not in the lake yet" for every job and end green.
   */
  public static void requireIngested(Lake lake) {
    if (!lake.exists(Tables.OPS_BATCH)) {
      throw new ConfigException("no lake at " + lake.root() + " (it holds no ops.batch: nothing was ever ingested there); check --lake / YIBAO_LAKE, or run yibao "
          + "ingest first");
    }
  }

  /**
   * True when every required input of {@code job} is in the lake and every {@code dws} input holds the
   * years the run needs ({@link #requireYears}). False (with a warning) when the only missing inputs are
   * landing tables ({@code ods.*}) of which no batch was ever delivered: the job would copy nothing. Any
   * other missing input is a usage error naming the input and the job.
   */
  public static boolean shouldRun(Job job, JobContext ctx) {
    Lake lake = ctx.lake();
    List<TableId> missing = job.spec().inputs().stream().filter(t -> lake.version(t) < 0).toList();
    if (!missing.isEmpty()) {
      if (missing.stream().allMatch(t -> t.layer().equals("ods"))) {
        LOG.warn("job={} skipped: nothing was ever landed for {}", job.spec().name(), missing);
        return false;
      }
      throw new ConfigException("job " + job.spec().name() + " needs " + missing.get(0)
          + ", which is not in the lake: run the jobs that write it first (yibao run)");
    }
    List<TableId> aggregates = job.spec().inputs().stream().filter(t -> t.layer().equals("dws")).toList();
    if (!aggregates.isEmpty()) {
      java.util.SortedSet<Integer> needed = dataYears(lake);
      if (!ctx.period().isAll()) {
        needed.retainAll(ctx.period().years());
      }
      for (TableId t : aggregates) {
        requireYears(lake, job.spec().name(), t, needed);
      }
    }
    return true;
  }

  /** The settlement years the lake holds ({@code dwd.setl}); empty before any settlement. */
  public static java.util.SortedSet<Integer> dataYears(Lake lake) {
    java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
    long v = lake.version(Tables.DWD_SETL);
    if (v >= 0) {
      out.addAll(yearsOf(lake, Tables.DWD_SETL, v, "setl_year"));
    }
    return out;
  }

  /** Distinct years of a table version: asked before every job, computed once per version. */
  private static final Map<String, java.util.SortedSet<Integer>> YEARS = new java.util.concurrent.ConcurrentHashMap<>();

  private static java.util.SortedSet<Integer> yearsOf(Lake lake, TableId t, long version, String yearCol) {
    return YEARS.computeIfAbsent(lake.path(t) + "@" + version + "#" + yearCol, k -> {
      java.util.SortedSet<Integer> held = new java.util.TreeSet<>();
      lake.read(t, version).select(yearCol).distinct().collectAsList().forEach(r -> held.add(r.getInt(0)));
      return java.util.Collections.unmodifiableSortedSet(held);
    });
  }

  /**
   * An aggregate built for fewer years than the data holds (say after {@code run --year 2025}) would
   * silently give a one-year answer where several are needed: a usage error naming what is missing.
   * The year column is {@code setl_year} or {@code year}.
   */
  public static void requireYears(Lake lake, String job, TableId input, java.util.Collection<Integer> needed) {
    if (needed.isEmpty()) {
      return;
    }
    long version = lake.version(input);
    List<String> cols = List.of(lake.read(input, version).columns());
    String yearCol = cols.contains("setl_year") ? "setl_year" : cols.contains("year") ? "year" : null;
    if (yearCol == null) {
      return;
    }
    java.util.SortedSet<Integer> held = yearsOf(lake, input, version, yearCol);
    java.util.SortedSet<Integer> absent = new java.util.TreeSet<>(needed);
    absent.removeAll(held);
    if (!absent.isEmpty()) {
      throw new ConfigException(job + " needs " + input + " for " + needed + " (the years dwd.setl holds) but it holds "
          + (held.isEmpty() ? "no year" : held) + ": rebuild it first (yibao run --job dws --full)");
    }
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

  /** The output of a job broke its declared grain. */
  public static final class GrainViolation extends IllegalStateException {
    public GrainViolation(String message) {
      super(message);
    }
  }
}
