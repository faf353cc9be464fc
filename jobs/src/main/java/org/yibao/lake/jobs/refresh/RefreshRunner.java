package org.yibao.lake.jobs.refresh;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.MergeJob;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.refresh.TouchedPeriods.BatchRef;

/**
 * The nightly refresh: each job recomputes exactly the periods that the table-batches ingested since its
 * last refresh can change ({@link TouchedPeriods}), replacing those periods atomically, then records the
 * batches it absorbed in {@code ops.refresh}. A job only looks at batches of the landing tables upstream
 * of it (followed through the catalog's inputs). A job never refreshed before, a job without a period
 * column, or a change to a reference table means everything; nothing new means the job is skipped.
 * {@code ops.refresh} is written once at the end of the run, for the jobs that finished; a crash leaves the
 * batches of the others pending, so the next night recomputes the same periods with the same result.
 */
public final class RefreshRunner {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.job");
  static final StructType SCHEMA = new StructType()
      .add("job", DataTypes.StringType, false).add("source_table", DataTypes.StringType, false)
      .add("batch", DataTypes.StringType, false).add("run_id", DataTypes.StringType, false)
      .add("period", DataTypes.StringType).add("refreshed_at", DataTypes.TimestampType);

  private final List<Job> catalog;
  private final JobContext ctx;
  private final TouchedPeriods touched;
  private final Map<Set<BatchRef>, Optional<Set<YearMonth>>> cache = new HashMap<>();

  /** {@code catalog}: every job, so that lineage can be followed through jobs not being run. */
  public RefreshRunner(List<Job> catalog, JobContext ctx) {
    this.catalog = catalog;
    this.ctx = ctx;
    this.touched = new TouchedPeriods(ctx.lake(), ctx.policy(), ContractTable.loadAll(ctx.settings().confDir()));
  }

  /**
   * Runs {@code jobs} in order, each over what is new for it; {@code full} recomputes every period of
   * every job (and still records the batches as absorbed).
   */
  public List<JobRun> run(List<Job> jobs, boolean full) {
    Lake lake = ctx.lake();
    JobRunner.requireIngested(lake);
    List<BatchRef> ingested = ingested(lake);
    Set<String> absorbed = absorbed(lake);
    List<JobRun> runs = new ArrayList<>();
    List<Row> absorbedNow = new ArrayList<>();
    try {
      runJobs(jobs, full, ingested, absorbed, runs, absorbedNow);
    } finally {
      // one commit to ops.job_run and one to ops.refresh for the run; a failed job recorded nothing, so its
      // batches stay pending
      JobRun.recordAll(lake, runs);
      if (!absorbedNow.isEmpty()) {
        lake.append(lake.spark().createDataFrame(absorbedNow, SCHEMA), Tables.OPS_REFRESH);
      }
    }
    return runs;
  }

  private void runJobs(List<Job> jobs, boolean full, List<BatchRef> ingested, Set<String> absorbed,
      List<JobRun> runs, List<Row> absorbedNow) {
    Lake lake = ctx.lake();
    for (Job job : jobs) {
      String name = job.spec().name();
      if (!JobRunner.shouldRun(job, ctx.withPeriod(Period.ALL))) {
        continue;
      }
      Set<String> sources = upstreamSources(job);
      Set<BatchRef> pending = new LinkedHashSet<>();
      boolean everRefreshed = false;
      for (BatchRef b : ingested) {
        if (!sources.contains(b.table())) {
          continue;
        }
        if (absorbed.contains(name + "|" + b.table() + "|" + b.batch())) {
          everRefreshed = true;
        } else {
          pending.add(b);
        }
      }
      boolean outputExists = lake.exists(job.spec().output());
      if (!full && outputExists && pending.isEmpty()) {
        LOG.info("job={} skipped: nothing ingested since its last refresh", name);
        continue;
      }
      if (!full && everRefreshed && outputExists && job instanceof MergeJob merging) {
        // a current-state table: the new batches merged in, not the table rewritten (docs: "Nightly cost")
        Map<String, Set<String>> batches = new java.util.TreeMap<>();
        pending.forEach(b -> batches.computeIfAbsent(b.table(), k -> new java.util.TreeSet<>()).add(b.batch()));
        runs.add(JobRunner.merge(merging, ctx.withPeriod(Period.ALL), batches));
        absorbedNow.addAll(rows(name, pending, "merge"));
        continue;
      }
      Period period;
      if (full || !everRefreshed || !outputExists || job.spec().periodColumn() == null) {
        period = Period.ALL;
      } else {
        Optional<Set<YearMonth>> months = cache.computeIfAbsent(Set.copyOf(pending), touched::of);
        if (months.isPresent() && months.get().isEmpty()) {
          LOG.info("job={} skipped: {} new table-batch(es) change no period", name, pending.size());
          absorbedNow.addAll(rows(name, pending, "none"));
          continue;
        }
        period = months.map(Period::months).orElse(Period.ALL);
      }
      runs.add(JobRunner.execute(job, ctx.withPeriod(period)));
      absorbedNow.addAll(rows(name, pending, period.toString()));
    }
  }

  /** The landing tables whose batches reach {@code job}, through the jobs that write its inputs. */
  Set<String> upstreamSources(Job job) {
    Set<String> out = new HashSet<>();
    Set<TableId> seen = new HashSet<>();
    List<TableId> todo = new ArrayList<>(job.spec().inputs());
    todo.addAll(job.spec().optionalInputs());
    while (!todo.isEmpty()) {
      TableId t = todo.remove(todo.size() - 1);
      if (!seen.add(t)) {
        continue;
      }
      if (t.layer().equals("ods")) {
        out.add(t.name());
        continue;
      }
      for (Job producer : catalog) {
        if (producer.spec().output().equals(t)) {
          todo.addAll(producer.spec().inputs());
          todo.addAll(producer.spec().optionalInputs());
        }
      }
    }
    return out;
  }

  private static List<BatchRef> ingested(Lake lake) {
    List<BatchRef> out = new ArrayList<>();
    if (lake.exists(Tables.OPS_BATCH)) {
      for (Row r : lake.read(Tables.OPS_BATCH).filter(col("status").isin("ok", "redelivered")).select("source_table", "batch")
          .distinct().orderBy("batch", "source_table").collectAsList()) {
        out.add(new BatchRef(r.getString(0), r.getString(1)));
      }
    }
    return out;
  }

  private static Set<String> absorbed(Lake lake) {
    Set<String> out = new HashSet<>();
    if (lake.exists(Tables.OPS_REFRESH)) {
      for (Row r : lake.read(Tables.OPS_REFRESH).select("job", "source_table", "batch").distinct().collectAsList()) {
        out.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2));
      }
    }
    return out;
  }

  private List<Row> rows(String job, Set<BatchRef> batches, String period) {
    Timestamp now = Timestamp.from(Instant.now());
    return batches.stream().map(b -> RowFactory.create(job, b.table(), b.batch(), ctx.runId(), period, now)).toList();
  }
}
