package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import scala.collection.JavaConverters;

/**
 * A budget run (预算编制批次): one {@code compile} runs every budget job under one run id and appends
 * its record to {@code ads.budget_run} (every parameter used with its source, the Delta version of
 * every input, who, why, when); {@code adopt} marks the official run of a year; {@code diff} lists the
 * figures two runs disagree on. Nothing is overwritten: a re-compile is a new run.
 */
public final class BudgetCompiler {
  /** The budget tables in the order the jobs write them. */
  public static final List<TableId> OUTPUTS = List.of(Tables.ADS_BUDGET_BASELINE, Tables.ADS_BUDGET_CITY,
      Tables.ADS_BUDGET_MEDCOMMUNITY, Tables.ADS_BUDGET_TWO_DISEASE, Tables.ADS_BUDGET_CROSS_REGION,
      Tables.ADS_BED_DAY_AGREEMENT);

  static final StructType RUN_SCHEMA = new StructType()
      .add("budget_run_id", DataTypes.StringType, false)
      .add("budget_year", DataTypes.IntegerType, false)
      .add("scenario", DataTypes.StringType)
      .add("parameters", DataTypes.createArrayType(new StructType()
          .add("key", DataTypes.StringType).add("year", DataTypes.IntegerType).add("region", DataTypes.StringType)
          .add("value", DataTypes.StringType).add("doc", DataTypes.StringType).add("source", DataTypes.StringType)))
      .add("input_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("jobs", DataTypes.createArrayType(DataTypes.StringType))
      .add("policy_version", DataTypes.StringType)
      .add("created_by", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("created_at", DataTypes.TimestampType)
      .add("is_adopted", DataTypes.BooleanType, false)
      .add("adopted_reason", DataTypes.StringType)
      .add("adopted_at", DataTypes.TimestampType);

  private BudgetCompiler() {}

  /** The budget jobs in dependency order. */
  public static List<Job> jobs() {
    return List.of(new BudgetBaselineJob(), new BudgetCityJob(), new BudgetMedcommunityJob(),
        new BudgetTwoDiseaseJob(), new BudgetCrossRegionJob(), new BedDayAgreementJob());
  }

  /** {@code budget-2026-base-20251015-093000}: year, scenario and when it was compiled. */
  public static String runId(int year, String scenario, LocalDateTime at) {
    if (!scenario.matches("[A-Za-z0-9_]+")) {
      throw new ConfigException("--scenario must be letters, digits or _, not '" + scenario + "'");
    }
    return "budget-" + year + "-" + scenario + "-" + at.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /**
   * Runs every budget job for the context's year under the context's run id, then appends the run to
   * {@code ads.budget_run}. The figures depend only on the inputs and the parameters.
   */
  public static List<JobRun> compile(JobContext ctx, String scenario, String reason) {
    int year = BudgetInputs.year(ctx);
    Lake lake = ctx.lake();
    if (lake.exists(Tables.ADS_BUDGET_RUN)
        && !lake.read(Tables.ADS_BUDGET_RUN).filter(col("budget_run_id").equalTo(ctx.runId())).isEmpty()) {
      throw new ConfigException("budget run " + ctx.runId() + " exists already: a re-compile is a new run");
    }
    requireInputs(ctx, year);
    List<JobRun> runs = JobRunner.runInOrder(jobs(), ctx);
    Map<String, Long> versions = new TreeMap<>();
    List<String> jobNames = new ArrayList<>();
    for (JobRun r : runs) {
      jobNames.add(r.job());
      r.inputVersions().forEach((t, v) -> {
        if (!OUTPUTS.contains(t)) {
          versions.put(t.toString(), v);
        }
      });
    }
    List<Row> params = new ArrayList<>();
    for (Policy.Used u : ctx.policy().used()) {
      params.add(RowFactory.create(u.key(), u.year(), u.region(), u.value(), u.doc(), u.source()));
    }
    Row run = RowFactory.create(ctx.runId(), year, scenario, JavaConverters.asScalaBuffer(params).toSeq(),
        JavaConverters.mapAsScalaMap(versions).toMap(scala.Predef.$conforms()),
        JavaConverters.asScalaBuffer(jobNames).toSeq(), ctx.policy().version(), System.getProperty("user.name"),
        reason, Timestamp.from(Instant.now()), false, null, null);
    lake.append(ctx.spark().createDataFrame(List.of(run), RUN_SCHEMA), Tables.ADS_BUDGET_RUN);
    return runs;
  }

  /**
   * Refuses (usage error, one line, nothing written) a compile whose inputs cannot give the budget of
   * {@code year}: an input table missing (say {@code dws} never built), the expenditure aggregate not
   * holding every year of Y-3..Y-1 that the settlements hold (say after {@code run --year 2025}: the
   * §1 renormalisation over fewer years is for scopes without history, never for an unbuilt table), or
   * Y-1 not closed in the data ({@link #requireClosed}).
   */
  static void requireInputs(JobContext ctx, int year) {
    Lake lake = ctx.lake();
    for (Job job : jobs()) {
      for (TableId t : job.spec().inputs()) {
        if (!OUTPUTS.contains(t) && !lake.exists(t)) {
          throw new ConfigException("budget compile needs " + t + ", which is not in the lake at " + lake.root()
              + ": ingest and run the nightly jobs first (yibao ingest, yibao run)");
        }
      }
    }
    java.util.SortedSet<Integer> needed = JobRunner.dataYears(lake).subSet(year - 3, year);
    JobRunner.requireYears(lake, "budget compile " + year, Tables.DWS_FUND_EXPENDITURE_MONTH, needed);
    requireClosed(ctx, year);
  }

  /**
   * Y-1 is the heaviest year of every baseline and the whole base of a chained budget: compiled from a
   * partial Y-1 the budget is low by the missing months. Y-1 counts as closed when the latest valid
   * settlement in {@code dwd.setl} is dated no earlier than 31 December of Y-1 less
   * {@code budget.closed_year.tolerance_days} (a quiet last day or two must not block a compile).
   */
  static void requireClosed(JobContext ctx, int year) {
    Row last = ctx.lake().read(Tables.DWD_SETL).filter(org.yibao.lake.jobs.dwd.SetlJob.VALID)
        .agg(org.apache.spark.sql.functions.max("setl_date")).head();
    int tolerance = ctx.policy().integer("budget.closed_year.tolerance_days", year, "*");
    java.time.LocalDate closedFrom = java.time.LocalDate.of(year - 1, 12, 31).minusDays(tolerance);
    if (last.isNullAt(0) || last.getDate(0).toLocalDate().isBefore(closedFrom)) {
      throw new ConfigException("budget " + year + " needs the whole of " + (year - 1) + ", but the settlements end "
          + (last.isNullAt(0) ? "before it (none)" : last.getDate(0).toString())
          + ": compile it once " + (year - 1) + " is closed in the data (docs/budget.md)");
    }
  }

  /**
   * Marks {@code runId} the official budget of its year with a reason, and every other run of that
   * year not adopted, in one Delta transaction over that year's rows.
   */
  public static void adopt(Lake lake, String runId, String reason) {
    Row target = run(lake, runId);
    int year = target.getInt(target.fieldIndex("budget_year"));
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Row r : lake.read(Tables.ADS_BUDGET_RUN).filter(col("budget_year").equalTo(year)).collectAsList()) {
      boolean chosen = r.getString(0).equals(runId);
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      v[r.fieldIndex("is_adopted")] = chosen;
      v[r.fieldIndex("adopted_reason")] = chosen ? reason : null;
      v[r.fieldIndex("adopted_at")] = chosen ? now : null;
      rows.add(RowFactory.create(v));
    }
    lake.replaceWhere(lake.spark().createDataFrame(rows, lake.read(Tables.ADS_BUDGET_RUN).schema()),
        Tables.ADS_BUDGET_RUN, "budget_year = " + year, List.of());
  }

  /** The record of one run; a usage error when there is none. */
  public static Row run(Lake lake, String runId) {
    if (!lake.exists(Tables.ADS_BUDGET_RUN)) {
      throw new ConfigException("no budget has been compiled in this lake yet");
    }
    List<Row> r = lake.read(Tables.ADS_BUDGET_RUN).filter(col("budget_run_id").equalTo(runId)).collectAsList();
    if (r.isEmpty()) {
      throw new ConfigException("no budget run '" + runId + "' (see: yibao budget list)");
    }
    return r.get(0);
  }

  /** Runs, newest first, optionally of one year. */
  public static Dataset<Row> list(Lake lake, Integer year) {
    if (!lake.exists(Tables.ADS_BUDGET_RUN)) {
      throw new ConfigException("no budget has been compiled in this lake yet");
    }
    Dataset<Row> runs = lake.read(Tables.ADS_BUDGET_RUN);
    if (year != null) {
      runs = runs.filter(col("budget_year").equalTo(year));
    }
    return runs.orderBy(col("created_at").desc(), col("budget_run_id"));
  }

  /** One figure two runs disagree on: table, the row's key, column, value in run A and in run B. */
  public record Difference(String table, String key, String column, String a, String b) {}

  /** Every figure of every budget table that differs between runs {@code a} and {@code b}. */
  public static List<Difference> diff(Lake lake, String a, String b) {
    run(lake, a);
    run(lake, b);
    List<Difference> out = new ArrayList<>();
    for (Job job : jobs()) {
      TableId t = job.spec().output();
      if (!lake.exists(t)) {
        continue;
      }
      List<String> keys = job.spec().grain().stream().filter(k -> !k.equals("budget_run_id")).toList();
      Map<String, Row> rowsA = keyed(lake, t, a, keys);
      Map<String, Row> rowsB = keyed(lake, t, b, keys);
      java.util.TreeSet<String> all = new java.util.TreeSet<>(rowsA.keySet());
      all.addAll(rowsB.keySet());
      for (String k : all) {
        Row ra = rowsA.get(k);
        Row rb = rowsB.get(k);
        if (ra == null || rb == null) {
          out.add(new Difference(t.toString(), k, "(row)", ra == null ? "-" : "present", rb == null ? "-" : "present"));
          continue;
        }
        for (String c : ra.schema().fieldNames()) {
          if (c.equals("budget_run_id") || c.equals("run_id") || c.equals("policy_version") || keys.contains(c)) {
            continue;
          }
          String va = text(ra.get(ra.fieldIndex(c)));
          String vb = text(rb.get(rb.fieldIndex(c)));
          if (!Objects.equals(va, vb)) {
            out.add(new Difference(t.toString(), k, c, va, vb));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Row> keyed(Lake lake, TableId t, String runId, List<String> keys) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : lake.read(t).filter(col("budget_run_id").equalTo(runId)).collectAsList()) {
      List<String> k = new ArrayList<>();
      keys.forEach(c -> k.add(String.valueOf(r.get(r.fieldIndex(c)))));
      out.put(String.join("/", k), r);
    }
    return out;
  }

  private static String text(Object o) {
    return o == null ? "-" : o instanceof java.math.BigDecimal d ? d.toPlainString() : o.toString();
  }
}
