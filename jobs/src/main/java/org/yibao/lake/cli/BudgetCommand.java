package org.yibao.lake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.budget.workbook.BudgetWorkbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code yibao budget compile|list|diff|adopt|workbook}: next year's budget (docs/policy.md §1-§5, §7). */
@Command(name = "budget", mixinStandardHelpOptions = true,
    description = "Compile, compare, adopt and export next year's fund expenditure budget (基金支出预算编制).",
    subcommands = {BudgetCommand.Compile.class, BudgetCommand.ListRuns.class, BudgetCommand.Diff.class,
        BudgetCommand.Adopt.class, BudgetCommand.Workbook.class})
public final class BudgetCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(System.err);
    return Yibao.USAGE;
  }

  /** Compiles a budget run in an open context; prints nothing, returns the run id. */
  static String compile(CliContext ctx, int year, String scenario, Map<String, String> set, String reason) {
    String runId = BudgetCompiler.runId(year, scenario, LocalDateTime.now());
    // a fresh policy, so the run records exactly the parameters its own jobs looked up
    Policy policy = Policy.load(ctx.settings.confDir()).withOverrides(set);
    JobContext jc = new JobContext(ctx.spark(), ctx.lake(), ctx.settings, policy, runId,
        LocalDate.of(year - 1, 12, 31), Period.year(year));
    BudgetCompiler.compile(jc, scenario, reason);
    return runId;
  }

  /** The demo's step: compiles next year's budget and writes its workbook into the demo folder. */
  static void demo(CliContext ctx, int year, Path work) {
    String runId = compile(ctx, year, "base", Map.of(), "demo");
    Path out = work.resolve(year + "年医保基金支出预算编制表.xlsx");
    BudgetWorkbook.write(ctx.lake(), ctx.settings.confDir(), runId, out);
    System.err.println("demo: budget run " + runId + ", workbook " + out);
  }

  @Command(name = "compile", mixinStandardHelpOptions = true,
      description = "Compile the budget of a year as a new budget run; prints the run id.")
  static final class Compile implements Callable<Integer> {
    @ParentCommand BudgetCommand parent;

    @Option(names = "--year", required = true, paramLabel = "Y", description = "budget year")
    int year;

    @Option(names = "--scenario", defaultValue = "base", paramLabel = "NAME", description = "default ${DEFAULT-VALUE}")
    String scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a policy parameter for this run; repeatable")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "why this run was compiled")
    String reason;

    @Override
    public Integer call() {
      try (CliContext ctx = CliContext.openWriter(parent.root, "budget")) {
        System.out.println(compile(ctx, year, scenario, set, reason));
        return Yibao.OK;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List budget runs, newest first.")
  static final class ListRuns implements Callable<Integer> {
    @ParentCommand BudgetCommand parent;

    @Option(names = "--year", paramLabel = "Y", description = "only runs of this budget year")
    Integer year;

    @Override
    public Integer call() {
      try (CliContext ctx = CliContext.open(parent.root, "budget")) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"预算批次 run", "年度 year", "方案 scenario", "正式 adopted", "编制人 by", "编制时间 created",
            "原因 reason"});
        for (Row r : BudgetCompiler.list(ctx.lake(), year).collectAsList()) {
          rows.add(new String[] {r.getAs("budget_run_id"), String.valueOf(r.<Integer>getAs("budget_year")),
              r.getAs("scenario"), r.<Boolean>getAs("is_adopted") ? "是 yes" : "", r.getAs("created_by"),
              String.valueOf(r.<Object>getAs("created_at")), r.getAs("reason")});
        }
        System.out.print(TextTable.render(rows));
        return Yibao.OK;
      }
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true, description = "Figures that differ between two runs.")
  static final class Diff implements Callable<Integer> {
    @ParentCommand BudgetCommand parent;

    @Parameters(index = "0", paramLabel = "RUN_A")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B")
    String b;

    @Override
    public Integer call() {
      try (CliContext ctx = CliContext.open(parent.root, "budget")) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"表 table", "行 key", "列 column", a, b});
        for (BudgetCompiler.Difference d : BudgetCompiler.diff(ctx.lake(), a, b)) {
          rows.add(new String[] {d.table(), d.key(), d.column(), d.a(), d.b()});
        }
        System.out.print(TextTable.render(rows));
        System.err.println((rows.size() - 1) + " figures differ");
        return Yibao.OK;
      }
    }
  }

  @Command(name = "adopt", mixinStandardHelpOptions = true,
      description = "Mark a run the official budget of its year (exactly one per year).")
  static final class Adopt implements Callable<Integer> {
    @ParentCommand BudgetCommand parent;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      if (reason.isBlank()) {
        throw new ConfigException("adopt needs a --reason");
      }
      try (CliContext ctx = CliContext.openWriter(parent.root, "budget")) {
        BudgetCompiler.adopt(ctx.lake(), runId, reason);
        System.err.println("adopted " + runId);
        return Yibao.OK;
      }
    }
  }

  @Command(name = "workbook", mixinStandardHelpOptions = true,
      description = "Write a run as an xlsx workbook (说明, 全省汇总, 各统筹区, 医共体打包, 两病人头, 省内异地, 床日协议).")
  static final class Workbook implements Callable<Integer> {
    @ParentCommand BudgetCommand parent;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--out", required = true, paramLabel = "FILE.xlsx")
    Path out;

    @Override
    public Integer call() {
      try (CliContext ctx = CliContext.open(parent.root, "budget")) {
        BudgetWorkbook.write(ctx.lake(), ctx.settings.confDir(), runId, out);
        System.out.println(out.toAbsolutePath());
        return Yibao.OK;
      }
    }
  }
}
