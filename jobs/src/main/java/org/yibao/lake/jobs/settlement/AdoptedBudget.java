package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;

/**
 * The budget a year settles against (docs/policy.md §7): the {@code ads.budget_run} row of that year with
 * {@code is_adopted = true}. None is a usage error (exit 2) telling the operator what to run.
 */
public final class AdoptedBudget {
  private AdoptedBudget() {}

  public static String runId(Dataset<Row> budgetRun, int year) {
    List<Row> rows = budgetRun.filter(col("budget_year").equalTo(year).and(col("is_adopted").equalTo(true)))
        .select("budget_run_id").distinct().collectAsList();
    if (rows.isEmpty()) {
      throw new ConfigException("no adopted budget for " + year + ": run `yibao budget adopt`");
    }
    if (rows.size() > 1) {
      throw new ConfigException(rows.size() + " adopted budgets for " + year + " in ads.budget_run: adopt exactly one");
    }
    return rows.get(0).getString(0);
  }
}
