package org.yibao.lake.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.pii.SmallCells;
import org.yibao.lake.common.table.TableId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code yibao export TABLE --out FILE}: a table (or its rows matching --where) as UTF-8 CSV or Parquet. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a table as UTF-8 CSV with a header (or Parquet). --out - writes CSV to stdout. "
        + "Person-level tables are refused; suppressed small cells are emptied.")
public final class ExportCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Parameters(index = "0", paramLabel = "TABLE", description = "layer.name, e.g. ads.budget_city")
  String table;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "output file, or - for stdout (CSV)")
  String out;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|parquet", description = "default ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--where", paramLabel = "SQL", description = "Spark SQL predicate selecting rows")
  String where;

  @Override
  public Integer call() {
    TableId t = TableId.parse(table);
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new ConfigException("--format must be csv or parquet");
    }
    if (format.equals("parquet") && out.equals("-")) {
      throw new ConfigException("Parquet cannot go to stdout; give --out FILE");
    }
    try (CliContext ctx = CliContext.open(root, "export")) {
      if (ctx.settings.isPersonLevel(t.toString())) {
        throw new ConfigException(t + " is person-level: exports never show a person-level row "
            + "(see privacy.person_level_tables in conf/yibao.yml)");
      }
      Dataset<Row> df = ctx.lake().read(t);
      if (where != null) {
        df = df.where(where);
      }
      df = SmallCells.hide(df, ctx.settings.suppressedColumnsFor(t.toString()));
      if (out.equals("-")) {
        Output.csv(df, System.out);
        System.out.flush();
      } else if (format.equals("csv")) {
        Output.csv(df, Path.of(out));
        System.err.println("wrote " + out);
      } else {
        df.coalesce(1).write().mode("overwrite").parquet(out);
        System.err.println("wrote " + out + " (Parquet folder)");
      }
      return Yibao.OK;
    }
  }
}
