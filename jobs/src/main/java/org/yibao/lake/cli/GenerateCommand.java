package org.yibao.lake.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yibao.lake.generate.GenerationReport;
import org.yibao.lake.generate.GeneratorOptions;
import org.yibao.lake.generate.ProvinceGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code yibao generate}: writes a synthetic province as landing data. Progress and the report go
 * to stderr; stdout stays free for machine output. Bad options are usage errors (exit 2).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a synthetic province (divisions, institutions, persons, enrolment, settlements, "
        + "fund revenue, scores) as landing data; deterministic for a given seed.")
public final class GenerateCommand implements Callable<Integer> {
  private static final Pattern YEARS = Pattern.compile("(\\d{4})-(\\d{4})");

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "landing root to create (must be empty)")
  Path out;

  @Option(names = "--persons", paramLabel = "N", defaultValue = "2000", description = "insured persons (default ${DEFAULT-VALUE})")
  int persons;

  @Option(names = "--years", paramLabel = "FIRST-LAST", defaultValue = "2022-2025", description = "simulated years (default ${DEFAULT-VALUE})")
  String years;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv", description = "landing format (default ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--encoding", paramLabel = "UTF-8|GB18030", defaultValue = "UTF-8", description = "CSV encoding (default ${DEFAULT-VALUE})")
  String encoding;

  @Option(names = "--dirty-rate", paramLabel = "R", defaultValue = "0", description = "share of settlement rows failing one contract rule (default ${DEFAULT-VALUE})")
  double dirtyRate;

  @Option(names = "--daily-batches", paramLabel = "D", defaultValue = "0", description = "last D days of the last year as daily settlement batches (default ${DEFAULT-VALUE})")
  int dailyBatches;

  @Override
  public Integer call() throws Exception {
    GeneratorOptions options = options();
    long t0 = System.nanoTime();
    GenerationReport report;
    try {
      report = new ProvinceGenerator().generate(options);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long setl = report.rows().get("setl").values().stream().mapToLong(Long::longValue).sum();
    System.err.print(report.summary());
    System.err.printf(Locale.ROOT, "  %.1f s, %.0f setl rows/s; report in %s%n", seconds, setl / seconds,
        out.resolve("_generator_report.json"));
    return 0;
  }

  private GeneratorOptions options() {
    Matcher m = YEARS.matcher(years);
    if (!m.matches()) {
      throw new ParameterException(spec.commandLine(), "--years must look like 2022-2025, got " + years);
    }
    GeneratorOptions.Format f = switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> GeneratorOptions.Format.CSV;
      case "parquet" -> GeneratorOptions.Format.PARQUET;
      default -> throw new ParameterException(spec.commandLine(), "--format must be csv or parquet, got " + format);
    };
    Charset charset = switch (encoding.toUpperCase(Locale.ROOT)) {
      case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
      case "GB18030" -> Charset.forName("GB18030");
      default -> throw new ParameterException(spec.commandLine(), "--encoding must be UTF-8 or GB18030, got "
          + encoding);
    };
    try {
      return new GeneratorOptions(out, persons, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), seed, f,
          charset, dirtyRate, dailyBatches);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
