package org.yibao.lake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.GeneratorOptions;
import org.yibao.lake.generate.ProvinceGenerator;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.jobs.refresh.RefreshRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao bench ingest --persons N}: generation and landing→dwd→dws throughput in rows/s, on a
 * fresh temporary landing and lake. {@code yibao bench nightly --persons N --years F-L}: the back-load, a full
 * run, then one daily batch (the last day of the last year) ingested and refreshed as a night is. Figures go to
 * stdout; record them in BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure throughput (rows/s): ingest = generation, ingest (landing → ods → dwd), aggregation (dws); "
        + "nightly = back-load, run --full, then one daily batch ingested and refreshed.")
public final class BenchCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Parameters(index = "0", paramLabel = "WHAT", description = "ingest | nightly")
  String what;

  @Option(names = "--persons", defaultValue = "100000", paramLabel = "N", description = "default ${DEFAULT-VALUE}")
  int persons;

  @Option(names = "--years", defaultValue = "2023-2025", paramLabel = "FIRST-LAST", description = "default ${DEFAULT-VALUE}")
  String years;

  @Option(names = "--keep", description = "keep the temporary landing and lake")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    if (what.equals("nightly")) {
      return nightly();
    }
    if (!what.equals("ingest")) {
      throw new ConfigException("bench knows: ingest, nightly (not " + what + ")");
    }
    String[] y = years.split("-");
    Path work = Files.createTempDirectory("yibao-bench-");
    Path landing = work.resolve("landing");
    long t0 = System.nanoTime();
    GenerationReport report = new ProvinceGenerator().generate(new GeneratorOptions(landing, persons,
        Integer.parseInt(y[0]), Integer.parseInt(y[1]), 42, GeneratorOptions.Format.CSV, StandardCharsets.UTF_8, 0, 0));
    double gen = seconds(t0);
    long landed = landedRows(report);
    long setl = report.rows().get("setl").values().stream().mapToLong(Long::longValue).sum();

    try (CliContext ctx = open(work, false)) {
      ctx.spark();
      long t1 = System.nanoTime();
      IngestCommand.ingest(ctx, landing.toString());
      double ingest = seconds(t1);
      long t2 = System.nanoTime();
      JobRunner.runAll(new JobCatalog().group("dws"), ctx.jobContext(Period.ALL, LocalDate.of(2025, 12, 31)));
      double dws = seconds(t2);
      System.out.printf(Locale.ROOT, "persons=%d years=%s landed_rows=%d setl_rows=%d cores=%d%n", persons, years,
          landed, setl, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "generate: %.1f s, %.0f rows/s%n", gen, landed / gen);
      System.out.printf(Locale.ROOT, "ingest landing->ods->dwd: %.1f s, %.0f rows/s%n", ingest, landed / ingest);
      System.out.printf(Locale.ROOT, "dws (fund_expenditure_month, insured_person_year): %.1f s, %.0f setl rows/s%n",
          dws, setl / dws);
      if (!keep) {
        System.err.println("bench: temporary files in " + work + " (delete them, or use --keep next time to keep on purpose)");
      }
      return Yibao.OK;
    }
  }

  /**
   * The night's cost against the history's size: run with {@code --years 2025-2025} and {@code --years 2023-2025}
   * and compare the two "night" lines (the same daily batch size, one or three years of lake behind it).
   */
  private int nightly() throws IOException {
    String[] y = years.split("-");
    int last = Integer.parseInt(y[1]);
    Path work = Files.createTempDirectory("yibao-bench-");
    Path landing = work.resolve("landing");
    GenerationReport report = new ProvinceGenerator().generate(new GeneratorOptions(landing, persons,
        Integer.parseInt(y[0]), last, 42, GeneratorOptions.Format.CSV, StandardCharsets.UTF_8, 0, 1));
    String day = LocalDate.of(last, 12, 31).toString();
    // the daily batch has not finished landing during the back-load: its _SUCCESS comes later
    List<Path> held = new ArrayList<>();
    try (var tables = Files.list(landing)) {
      for (Path t : tables.toList()) {
        Path done = t.resolve(day).resolve("_SUCCESS");
        if (Files.exists(done)) {
          Files.delete(done);
          held.add(done);
        }
      }
    }
    long landed = landedRows(report);
    long daily = report.rows().values().stream().mapToLong(m -> m.getOrDefault(day, 0L)).sum();
    try (CliContext ctx = open(work, true)) {
      ctx.spark();
      JobCatalog catalog = new JobCatalog();
      LocalDate asOf = LocalDate.parse(day);
      long t0 = System.nanoTime();
      IngestCommand.ingest(ctx, landing.toString());
      double backload = seconds(t0);
      long t1 = System.nanoTime();
      new RefreshRunner(catalog.all(), ctx.jobContext(Period.ALL, asOf)).run(catalog.all(), true);
      double full = seconds(t1);
      for (Path done : held) {
        Files.writeString(done, "");
      }
      long t2 = System.nanoTime();
      IngestCommand.ingest(ctx, landing.toString());
      double nightIngest = seconds(t2);
      long t3 = System.nanoTime();
      new RefreshRunner(catalog.all(), ctx.jobContext(Period.ALL, asOf)).run(catalog.all(), false);
      double nightRun = seconds(t3);
      System.out.printf(Locale.ROOT, "persons=%d years=%s landed_rows=%d daily_batch=%s daily_rows=%d cores=%d%n",
          persons, years, landed, day, daily, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "back-load ingest landing->ods->dwd: %.1f s, %.0f rows/s%n", backload,
          (landed - daily) / backload);
      System.out.printf(Locale.ROOT, "run --full: %.1f s%n", full);
      System.out.printf(Locale.ROOT, "night: ingest %.1f s + run %.1f s = %.1f s for %d rows%n", nightIngest, nightRun,
          nightIngest + nightRun, daily);
      if (!keep) {
        System.err.println("bench: temporary files in " + work + " (delete them, or use --keep next time to keep on purpose)");
      }
      return Yibao.OK;
    }
  }

  /** The bench's lake (a fresh one in {@code work} unless --lake was given), with a throw-away key if none is set. */
  private CliContext open(Path work, boolean writer) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent(LakeSettings.ENV_PII_KEY, "benchmark-only-key-0000000000");
    if (root.lake == null) {
      root.lake = work.resolve("lake").toString();
    }
    return writer ? CliContext.openWriter(root, "bench", env) : CliContext.open(root, "bench", env);
  }

  private static long landedRows(GenerationReport report) {
    return report.rows().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
