package org.yibao.lake.tests.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.budget.workbook.BudgetWorkbook;
import org.yibao.lake.jobs.settlement.Settle;
import org.yibao.lake.jobs.settlement.SettlementInputs;
import org.yibao.lake.jobs.settlement.SettlementStatement;
import org.yibao.lake.tests.GeneratedLake;
import org.yibao.lake.tests.TestSpark;

/**
 * A copy of the shared generated province ({@link GeneratedLake}, 2025; copied, since that one is read-only) with
 * the real budget compile of 2026 (one year of history, the scheme's first year), adopted, a second scenario
 * (requested growth 1 %), and the real settlement cycle of 2026 against the adopted run (prepayment from 2025,
 * monthly runs and the year-end with no 2026 spending and no manual inputs), then the budget workbook and the
 * statement of the first medical community; built once per test JVM for the workbook, export and notebook tests.
 */
public final class WorkbookLake {
  public static final String BUDGET_RUN = "budget-2026-workbook-test";
  public static final String OTHER_RUN = "budget-2026-growth1-test";
  public static final int YEAR = 2026;
  private static WorkbookLake instance;

  public final Lake lake;
  public final Path budgetWorkbook;
  public final Path statement;
  public final String medcommunity;

  private WorkbookLake() throws Exception {
    GeneratedLake g = GeneratedLake.get();
    Path dir = Files.createTempDirectory("yibao-workbooks-");
    Path root = dir.resolve("lake");
    Path from = Path.of(g.lake.root());
    try (var files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = root.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    lake = new Lake(g.ctx.spark(), root.toString());
    JobContext base = new JobContext(g.ctx.spark(), lake, TestSpark.settings(root, TestSpark.confDir()),
        g.ctx.policy(), "gen-1", g.ctx.asOf(), g.ctx.period());
    JobContext budget = new JobContext(base.spark(), lake, base.settings(), base.policy().withOverrides(Map.of()),
        BUDGET_RUN, LocalDate.of(YEAR - 1, 12, 31), Period.year(YEAR));
    BudgetCompiler.compile(budget, "base", "workbook test");
    BudgetCompiler.compile(new JobContext(base.spark(), lake, base.settings(),
        base.policy().withOverrides(Map.of("budget.growth.requested", "0.01")), OTHER_RUN,
        LocalDate.of(YEAR - 1, 12, 31), Period.year(YEAR)), "growth1", "notebook scenario diff");
    BudgetCompiler.adopt(lake, BUDGET_RUN, "workbook test");
    budgetWorkbook = dir.resolve(YEAR + "年医保基金支出预算编制表.xlsx");
    BudgetWorkbook.write(lake, TestSpark.confDir(), BUDGET_RUN, budgetWorkbook);
    SettlementInputs none = SettlementInputs.none(YEAR);
    Settle.prepay(ctx(base, "settle-prepay-wb"), none);
    Settle.monthly(ctx(base, "settle-monthly-wb"), none);
    Settle.yearEnd(ctx(base, "settle-year-end-wb"), none);
    medcommunity = lake.read(Tables.DIM_MEDCOMMUNITY).select("medcommunity_id").orderBy("medcommunity_id").head()
        .getString(0);
    statement = SettlementStatement.write(lake, YEAR, medcommunity, dir.resolve("结算单-" + medcommunity + ".xlsx"));
  }

  private static JobContext ctx(JobContext base, String runId) {
    return new JobContext(base.spark(), base.lake(), base.settings(), base.policy().withOverrides(Map.of()), runId,
        LocalDate.of(YEAR, 12, 31), Period.year(YEAR));
  }

  public static synchronized WorkbookLake get() {
    if (instance == null) {
      try {
        instance = new WorkbookLake();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }
}
