package org.yibao.lake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.jobs.JobCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code yibao run [--job NAME …] [--year Y] [--month YYYY-MM]}: jobs in dependency order. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run jobs in dependency order (all by default). A --year or --month run replaces exactly "
        + "that period of period-keyed tables.")
public final class RunCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Option(names = "--job", paramLabel = "NAME", description = "a job (output table, e.g. dws.fund_expenditure_month) "
      + "or a group (dwd, dws, …); repeatable")
  List<String> jobs;

  @Option(names = "--year", paramLabel = "Y", description = "compute one year")
  Integer year;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "compute one month")
  String month;

  @Option(names = "--as-of", paramLabel = "DATE", description = "as-of date of the run (default today)")
  LocalDate asOf;

  @Override
  public Integer call() {
    Period period = Period.parse(year, month);
    List<Job> selected = new JobCatalog().select(jobs);
    try (CliContext ctx = CliContext.open(root, "run")) {
      JobRunner.runAll(selected, ctx.jobContext(period, asOf != null ? asOf : LocalDate.now()));
      return Yibao.OK;
    }
  }
}
