package org.yibao.lake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.GeneratorOptions;
import org.yibao.lake.generate.ProvinceGenerator;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.refresh.RefreshRunner;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.settlement.Settle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao demo}: a small synthetic province generated into a temporary landing folder,
 * ingested, every job run, and a short summary (tables, rows, money reconciled, where the lake is).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a small province, ingest it, run every job and print a summary. "
        + "Uses a new temporary lake unless --lake is given.")
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Option(names = "--persons", defaultValue = "2000", paramLabel = "N", description = "default ${DEFAULT-VALUE}")
  int persons;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--dirty-rate", defaultValue = "0.002", paramLabel = "R",
      description = "share of bad settlement rows, so the quarantine shows (default ${DEFAULT-VALUE})")
  double dirtyRate;

  @Option(names = "--daily-batches", defaultValue = "1", paramLabel = "D", description = "default ${DEFAULT-VALUE}")
  int dailyBatches;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("yibao-demo-");
    Path landing = work.resolve("landing");
    Map<String, String> env = new HashMap<>(System.getenv());
    if (env.get(LakeSettings.ENV_PII_KEY) == null) {
      byte[] k = new byte[24];
      new SecureRandom().nextBytes(k);
      env.put(LakeSettings.ENV_PII_KEY, HexFormat.of().formatHex(k));
      System.err.println("demo: YIBAO_PII_KEY is not set; using a throw-away key for this demo only "
          + "(pseudonyms will not match any other run)");
    }
    if (root.lake == null) {
      root.lake = work.resolve("lake").toString();
    }
    System.err.printf("demo: generating %d persons into %s%n", persons, landing);
    GenerationReport report = new ProvinceGenerator().generate(new GeneratorOptions(landing, persons, 2022, 2025,
        seed, GeneratorOptions.Format.CSV, StandardCharsets.UTF_8, dirtyRate, dailyBatches));
    try (CliContext ctx = CliContext.openWriter(root, "demo", env)) {
      System.err.println("demo: ingesting into " + ctx.settings.lake());
      IngestCommand.ingest(ctx, landing.toString());
      // the demo's as-of date is the end of the generated data, so its output does not depend on today
      JobCatalog catalog = new JobCatalog();
      new RefreshRunner(catalog.all(), ctx.jobContext(Period.ALL, LocalDate.of(2025, 12, 31)))
          .run(catalog.allExcept("dwd"), true);
      BudgetCommand.demo(ctx, 2026, work);
      // settle 2025 against an adopted 2025 budget (compiled from 2022-2024), as the bureau would in June 2026
      String budget2025 = BudgetCommand.compile(ctx, 2025, "base", Map.of(), "demo: the budget 2025 settles against");
      BudgetCompiler.adopt(ctx.lake(), budget2025, "demo");
      Path statement = Settle.demo(ctx.jobContext(Period.year(2025), LocalDate.of(2025, 12, 31)), work);
      System.err.println("demo: year-end settlement 2025 against budget run " + budget2025 + ", statement " + statement);
      // the supervisors' monitoring report of the last generated year (docs/monitoring.md)
      Path monitoring = work.resolve("2025年度医保基金运行监测报告.html");
      ReportCommand.write(ctx, null, 2025, "province", null, "html", monitoring);
      System.out.print(summary(ctx.lake(), report));
      System.out.printf("monitoring alerts (ads.alert): %d%n", ctx.lake().read(Tables.ADS_ALERT).count());
      System.out.printf("monitoring report: %s%n", monitoring);
      System.out.printf("%nlake: %s%ntry:  bin/yibao --lake %s tables%n      bin/yibao --lake %s sql \"SELECT "
              + "setl_year, category, sum(hifp_pay) FROM dws.fund_expenditure_month GROUP BY 1, 2 ORDER BY 1, 2\"%n",
          ctx.settings.lake(), ctx.settings.lake(), ctx.settings.lake());
      return Yibao.OK;
    }
  }

  static String summary(Lake lake, GenerationReport report) {
    StringBuilder sb = new StringBuilder();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"table", "rows", "version"});
    for (TableId t : lake.list()) {
      rows.add(new String[] {t.toString(), String.valueOf(lake.read(t).count()), String.valueOf(lake.version(t))});
    }
    sb.append(TextTable.render(rows)).append('\n');
    Row r = lake.read(Tables.OPS_BATCH).filter(col("source_table").equalTo("setl"))
        .agg(sum("landed_rows"), sum("landed_money_amt"), sum("accepted_rows"), sum("accepted_money_amt"),
            sum("quarantined_rows"), sum("quarantined_money_amt"), sum("duplicate_rows"), sum("duplicate_money_amt"))
        .head();
    sb.append(String.format("settlements reconciled (medfee_sumamt): landed %d rows / %s = accepted %d / %s "
            + "+ quarantined %d / %s + duplicates %d / %s%n", r.getLong(0), r.getDecimal(1).toPlainString(),
        r.getLong(2), r.getDecimal(3).toPlainString(), r.getLong(4), r.getDecimal(5).toPlainString(),
        r.getLong(6), r.getDecimal(7).toPlainString()));
    boolean ok = r.getLong(0) == r.getLong(2) + r.getLong(4) + r.getLong(6)
        && r.getDecimal(1).compareTo(r.getDecimal(3).add(r.getDecimal(5)).add(r.getDecimal(7))) == 0;
    sb.append("reconciled: ").append(ok ? "yes, to the cent" : "NO").append('\n');
    sb.append("generator landed medfee_sumamt ").append(report.setlMedfeeSumamt().toPlainString())
        .append(", injected bad rows ").append(report.injected()).append('\n');
    return sb.toString();
  }

}
