package org.yibao.lake.jobs.settlement;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.Tables;

/**
 * A settlement run (docs/policy.md §6–§8): the jobs of one {@code settle} command under one run id, then one
 * {@code ads.settlement_run} row recording kind, period, the adopted budget run, the manual-input file and
 * its hash, every policy parameter used and every input's Delta version. Runs are appended, never
 * replaced: an earlier run stays as it was.
 */
public final class Settle {
  static final String RUN_DDL = "settlement_run_id STRING, kind STRING, settle_year INT, settle_month STRING, "
      + "started_at TIMESTAMP, budget_run_id STRING, inputs_source STRING, inputs_sha256 STRING, "
      + "policy_version STRING, outputs ARRAY<STRING>, "
      + "parameters ARRAY<STRUCT<key: STRING, year: INT, region: STRING, value: STRING, doc: STRING, source: STRING>>, "
      + "input_versions MAP<STRING, BIGINT>";

  private Settle() {}

  /** The year a settlement job computes; settlements are never run over "all" periods. */
  static int year(JobContext ctx) {
    if (ctx.period().year() == null) {
      throw new ConfigException("a settlement runs for one --year or --month");
    }
    return ctx.period().year();
  }

  public static List<JobRun> prepay(JobContext ctx, SettlementInputs inputs) {
    return run(ctx, "prepay", inputs, null, List.of(new SettlementPrepayJob()));
  }

  public static List<JobRun> monthly(JobContext ctx, SettlementInputs inputs) {
    return run(ctx, "monthly", inputs, adopted(ctx), List.of(new SettlementMonthlyJob(inputs)));
  }

  public static List<JobRun> score(JobContext ctx, SettlementInputs inputs) {
    return run(ctx, "score", inputs, null, List.of(new PerformanceScoreJob()));
  }

  /**
   * The score of the year, then the year-end settlement that uses it, then the outpatient capitation by
   * points, the outpatient budget cap and the DIP point value of the year (§7), under the same run id.
   */
  public static List<JobRun> yearEnd(JobContext ctx, SettlementInputs inputs) {
    return run(ctx, "year-end", inputs, adopted(ctx),
        List.of(new PerformanceScoreJob(), new SettlementYearEndJob(inputs), new CapitationPointsJob(inputs),
            new OutpatientBudgetCapJob(), new DipPointValueJob(), new BedDayDeductionJob()),
        c -> Conservation.dipPartsHeldByThePool(c.lake().read(Tables.ADS_SETTLEMENT_YEAR_END),
            c.lake().read(Tables.ADS_DIP_POINT_VALUE),
            SettlementData.institutions(c.lake().read(Tables.DIM_MEDINS), year(c)), c.runId()));
  }

  /**
   * The demo's settlement cycle of 2025 against the adopted 2025 budget: prepayment, the monthly
   * pre-settlements of the year and the year-end (each its own run, ids {@code settle-<kind>-<demo run id>}),
   * then the statement workbook of the first medical community written into {@code workDir}; returns its path.
   * Without an adopted 2025 budget it stops before any run with the usual error.
   */
  public static Path demo(JobContext ctx, Path workDir) {
    int year = 2025;
    JobContext base = ctx.withPeriod(Period.year(year));
    adopted(base);
    SettlementInputs inputs = SettlementInputs.load(ctx.settings().confDir(), year);
    prepay(as(base, "prepay"), inputs);
    monthly(as(base, "monthly"), inputs);
    yearEnd(as(base, "year-end"), inputs);
    String first = ctx.lake().read(Tables.DIM_MEDCOMMUNITY).select("medcommunity_id").orderBy("medcommunity_id")
        .limit(1).collectAsList().stream().map(r -> r.getString(0)).findFirst()
        .orElseThrow(() -> new ConfigException("dim.medcommunity is empty: no statement to write"));
    return SettlementStatement.write(ctx.lake(), year, first, workDir.resolve("结算单-" + first + "-" + year + ".xlsx"));
  }

  private static JobContext as(JobContext ctx, String kind) {
    return new JobContext(ctx.spark(), ctx.lake(), ctx.settings(), ctx.policy(), "settle-" + kind + "-" + ctx.runId(),
        ctx.asOf(), ctx.period());
  }

  private static String adopted(JobContext ctx) {
    if (!ctx.lake().exists(Tables.ADS_BUDGET_RUN)) {
      throw new ConfigException("no adopted budget for " + year(ctx) + ": run `yibao budget adopt`");
    }
    return AdoptedBudget.runId(ctx.lake().read(Tables.ADS_BUDGET_RUN), year(ctx));
  }

  private static List<JobRun> run(JobContext runCtx, String kind, SettlementInputs inputs, String budgetRun,
      List<Job> jobs) {
    return run(runCtx, kind, inputs, budgetRun, jobs, c -> { });
  }

  /** The jobs, then {@code check} over what they wrote (a broken one fails the run before it is recorded). */
  private static List<JobRun> run(JobContext runCtx, String kind, SettlementInputs inputs, String budgetRun,
      List<Job> jobs, java.util.function.Consumer<JobContext> check) {
    // a fresh trace: the run records exactly the parameters its own jobs looked up
    JobContext ctx = new JobContext(runCtx.spark(), runCtx.lake(), runCtx.settings(), runCtx.policy().freshTrace(),
        runCtx.runId(), runCtx.asOf(), runCtx.period());
    int year = year(ctx);
    Timestamp started = Timestamp.from(Instant.now());
    List<JobRun> runs = JobRunner.runInOrder(jobs, ctx);
    Map<String, Long> versions = new LinkedHashMap<>();
    runs.forEach(r -> r.inputVersions().forEach((t, v) -> versions.put(t.toString(), v)));
    check.accept(ctx);
    List<Row> params = new ArrayList<>();
    for (Policy.Used u : ctx.policy().used()) {
      params.add(RowFactory.create(u.key(), u.year(), u.region(), u.value(), u.doc(), u.source()));
    }
    Row row = RowFactory.create(ctx.runId(), kind, year, ctx.period().month() == null ? null
            : ctx.period().month().toString(), started, budgetRun, inputs.source(), inputs.sha256(),
        ctx.policy().version(), runs.stream().map(JobRun::output).toList(), params,
        versions);
    ctx.lake().append(SettlementData.frame(ctx.spark(), RUN_DDL, List.of(row)), Tables.ADS_SETTLEMENT_RUN);
    return runs;
  }

  /** {@link Period} check for the CLI: a year or a month, never everything. */
  public static Period period(Integer year, String month) {
    Period p = Period.parse(year, month);
    if (p.isAll()) {
      throw new ConfigException("give --year Y or --month YYYY-MM");
    }
    return p;
  }
}
