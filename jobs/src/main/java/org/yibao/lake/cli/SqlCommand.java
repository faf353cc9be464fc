package org.yibao.lake.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code yibao sql "SELECT …"}: Spark SQL over the lake's tables, named layer.name. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run Spark SQL over the lake's tables (ods.setl, dws.fund_expenditure_month, ads.…); result to stdout.")
public final class SqlCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Parameters(index = "0", paramLabel = "SQL", description = "a query")
  String sql;

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv", description = "default ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "rows shown in table format (default ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("csv")) {
      throw new ConfigException("--format must be table or csv");
    }
    try (CliContext ctx = CliContext.open(root, "sql")) {
      boolean analyst = ctx.settings.sqlAnalystMode();
      String onFiles = ctx.spark().conf().get("spark.sql.runSQLOnFiles", "true");
      if (analyst) {
        // analysts see what export may export: no person-level table by name, and no table by path
        ctx.spark().conf().set("spark.sql.runSQLOnFiles", "false");
        for (var t : ctx.lake().list()) {
          if (ctx.settings.isPersonLevel(t.toString())) {
            // a session shared with an earlier operator query (tests) may hold it; external: metadata only
            ctx.spark().sql("DROP TABLE IF EXISTS " + t);
          }
        }
        ctx.lake().registerCatalog(t -> !ctx.settings.isPersonLevel(t.toString()));
      } else {
        ctx.lake().registerCatalog();
      }
      try {
        return query(ctx, analyst);
      } finally {
        ctx.spark().conf().set("spark.sql.runSQLOnFiles", onFiles);
      }
    }
  }

  private Integer query(CliContext ctx, boolean analyst) {
    Dataset<Row> df;
    try {
      if (analyst && ctx.spark().sessionState().sqlParser().parsePlan(sql)
          instanceof org.apache.spark.sql.catalyst.plans.logical.Command) {
        // a CREATE TABLE … LOCATION would reach a person-level table by its path
        throw new ConfigException("analyst mode (privacy.sql_access): only queries, no commands");
      }
      df = ctx.spark().sql(sql);
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      if ((Object) e instanceof org.apache.spark.sql.AnalysisException a) {
        throw new ConfigException("bad query: " + a.getSimpleMessage() + (analyst
            ? " (analyst mode, privacy.sql_access: person-level tables and paths are not visible)" : ""));
      }
      if (e.getClass().getSimpleName().contains("ParseException")) {
        throw new ConfigException("bad query: " + e.getMessage().lines().findFirst().orElse(""));
      }
      throw new IllegalStateException(e);
    }
    if (format.equals("csv")) {
      Output.csv(df, System.out);
    } else {
      System.out.print(Output.table(df, limit));
    }
    System.out.flush();
    return Yibao.OK;
  }
}
