package org.yibao.lake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.refresh.RefreshRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao run [--job NAME …] [--year Y | --month YYYY-MM | --full]}: jobs in dependency order. Without
 * a period it is the nightly refresh: each job recomputes only the months touched by what was ingested
 * since its last refresh ({@link RefreshRunner}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run jobs in dependency order (all by default). Without --year/--month: the nightly refresh, "
        + "each job replacing exactly the months touched by newly ingested batches. A --year or --month run "
        + "replaces exactly that period; --full recomputes every period.")
public final class RunCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Option(names = "--job", paramLabel = "NAME", description = "a job (output table, e.g. dws.fund_expenditure_month) "
      + "or a group (dwd, dws, …); repeatable")
  List<String> jobs;

  @Option(names = "--year", paramLabel = "Y", description = "compute one year")
  Integer year;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "compute one month")
  String month;

  @Option(names = "--full", description = "recompute every period of the selected jobs")
  boolean full;

  @Option(names = "--as-of", paramLabel = "DATE", description = "as-of date of the run (default today)")
  LocalDate asOf;

  @Override
  public Integer call() {
    Period period = Period.parse(year, month);
    if (full && !period.isAll()) {
      throw new ConfigException("--full recomputes every period; it does not go with --year or --month");
    }
    JobCatalog catalog = new JobCatalog();
    List<Job> selected = catalog.select(jobs);
    try (CliContext ctx = CliContext.openWriter(root, "run")) {
      JobContext jc = ctx.jobContext(period, asOf != null ? asOf : LocalDate.now());
      if (period.isAll()) {
        new RefreshRunner(catalog.all(), jc).run(selected, full);
      } else {
        JobRunner.runAll(selected, jc);
      }
      return Yibao.OK;
    }
  }
}
