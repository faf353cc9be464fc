package org.yibao.lake.cli;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code yibao tables}: every table with its Delta version, row count and last run. */
@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "List every table of the lake with its Delta version, row count and last run (to stdout).")
public final class TablesCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Override
  public Integer call() {
    try (CliContext ctx = CliContext.open(root, "tables")) {
      Lake lake = ctx.lake();
      Map<String, String> lastRun = new HashMap<>();
      if (lake.exists(Tables.OPS_JOB_RUN)) {
        for (Row r : lake.read(Tables.OPS_JOB_RUN).groupBy("output")
            .agg(functions.max(functions.struct(col("started_at"), col("run_id"), col("status")))).collectAsList()) {
          Row last = r.getStruct(1);
          lastRun.put(r.getString(0), last.get(0) + " " + last.getString(1) + " " + last.getString(2));
        }
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"table", "version", "rows", "last run"});
      for (TableId t : lake.list()) {
        rows.add(new String[] {t.toString(), String.valueOf(lake.version(t)), String.valueOf(lake.read(t).count()),
            lastRun.getOrDefault(t.toString(), "")});
      }
      System.out.print(TextTable.render(rows));
      return Yibao.OK;
    }
  }
}
