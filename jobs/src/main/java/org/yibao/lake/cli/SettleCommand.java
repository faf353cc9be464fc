package org.yibao.lake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.jobs.settlement.Settle;
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.jobs.settlement.SettlementStatement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao settle prepay|monthly|score|year-end}: one settlement run (docs/policy.md §6–§8) per call,
 * recorded in {@code ads.settlement_run}; prints the run id on stdout. {@code settle statement} writes a
 * community's year-end statement workbook and prints its path.
 */
@Command(name = "settle", mixinStandardHelpOptions = true,
    description = "Settlements (结算): prepayment, monthly pre-settlement, performance score, year-end settlement.",
    subcommands = {SettleCommand.Prepay.class, SettleCommand.Monthly.class, SettleCommand.Score.class,
        SettleCommand.YearEnd.class, SettleCommand.Statement.class})
public final class SettleCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Override
  public Integer call() {
    picocli.CommandLine.usage(this, System.err);
    return Yibao.USAGE;
  }

  @FunctionalInterface
  interface Step {
    List<JobRun> run(JobContext ctx, SettlementInputs inputs);
  }

  static int run(Yibao root, String name, Period period, LocalDate asOf, Step step) {
    try (CliContext ctx = CliContext.openWriter(root, "settle-" + name)) {
      SettlementInputs inputs = SettlementInputs.load(ctx.settings.confDir(), period.year());
      step.run(ctx.jobContext(period, asOf != null ? asOf : LocalDate.now()), inputs);
      System.out.println(ctx.runId);
      return Yibao.OK;
    }
  }

  @Command(name = "prepay", mixinStandardHelpOptions = true, description = "Prepayment fund of a year (预付金, §6).")
  static final class Prepay implements Callable<Integer> {
    @ParentCommand SettleCommand parent;
    @Option(names = "--year", required = true, paramLabel = "Y") int year;

    @Override
    public Integer call() {
      return run(parent.root, "prepay", Period.year(year), null, Settle::prepay);
    }
  }

  @Command(name = "monthly", mixinStandardHelpOptions = true,
      description = "Monthly pre-settlement (月度预结算, §6) of one --month, or every month of a --year.")
  static final class Monthly implements Callable<Integer> {
    @ParentCommand SettleCommand parent;
    @Option(names = "--month", paramLabel = "YYYY-MM") String month;
    @Option(names = "--year", paramLabel = "Y") Integer year;
    @Option(names = "--as-of", paramLabel = "DATE", description = "date late payments are judged at (default today)")
    LocalDate asOf;

    @Override
    public Integer call() {
      return run(parent.root, "monthly", Settle.period(year, month), asOf, Settle::monthly);
    }
  }

  @Command(name = "score", mixinStandardHelpOptions = true, description = "Performance score of a year (绩效评价, §8).")
  static final class Score implements Callable<Integer> {
    @ParentCommand SettleCommand parent;
    @Option(names = "--year", required = true, paramLabel = "Y") int year;

    @Override
    public Integer call() {
      return run(parent.root, "score", Period.year(year), null, Settle::score);
    }
  }

  @Command(name = "year-end", mixinStandardHelpOptions = true,
      description = "Year-end settlement (年终清算, §7) against the adopted budget of the year.")
  static final class YearEnd implements Callable<Integer> {
    @ParentCommand SettleCommand parent;
    @Option(names = "--year", required = true, paramLabel = "Y") int year;

    @Override
    public Integer call() {
      return run(parent.root, "year-end", Period.year(year), null, Settle::yearEnd);
    }
  }

  @Command(name = "statement", mixinStandardHelpOptions = true,
      description = "Year-end statement workbook (结算单) of a medical community: the latest year-end run of --year.")
  static final class Statement implements Callable<Integer> {
    @ParentCommand SettleCommand parent;
    @Option(names = "--year", required = true, paramLabel = "Y") int year;
    @Option(names = "--medcommunity", required = true, paramLabel = "ID") String medcommunity;
    @Option(names = "--out", required = true, paramLabel = "FILE.xlsx") java.nio.file.Path out;

    @Override
    public Integer call() {
      try (CliContext ctx = CliContext.open(parent.root, "settle-statement")) {
        System.out.println(SettlementStatement.write(ctx.lake(), year, medcommunity, out).toAbsolutePath());
        return Yibao.OK;
      }
    }
  }
}
