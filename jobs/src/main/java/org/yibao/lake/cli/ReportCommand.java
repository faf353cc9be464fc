package org.yibao.lake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.jobs.report.Chromium;
import org.yibao.lake.jobs.report.MonitoringReport;
import org.yibao.lake.jobs.report.ReportHtml;
import org.yibao.lake.jobs.report.ReportScope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao report monitoring --month YYYY-MM | --year YYYY [--level province|city --entity CODE]
 * [--format html|pdf] --out FILE}: the supervisors' monitoring report (医保基金运行监测分析报告) as one
 * self-contained HTML file, or a PDF printed from it by headless Chromium (docs/monitoring.md).
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports for people.",
    subcommands = {ReportCommand.Monitoring.class})
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return Yibao.USAGE;
  }

  /** The monitoring report of one month or year. */
  @Command(name = "monitoring", mixinStandardHelpOptions = true,
      description = "The monthly or yearly fund monitoring report (医保基金运行监测分析报告), HTML or PDF.")
  public static final class Monitoring implements Callable<Integer> {
    @ParentCommand ReportCommand parent;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "the month reported")
    String month;

    @Option(names = "--year", paramLabel = "YYYY", description = "the year reported (read at its last month with data)")
    Integer year;

    @Option(names = "--level", defaultValue = "province", paramLabel = "L", description = "province (default) or city")
    String level;

    @Option(names = "--entity", paramLabel = "CODE", description = "the city's admdvs with --level city")
    String entity;

    @Option(names = "--format", paramLabel = "F", description = "html or pdf (default: from the --out suffix, else html)")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file written")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if ((month == null) == (year == null)) {
        throw new ConfigException("give exactly one of --month YYYY-MM or --year YYYY");
      }
      Period.parse(year, month); // validates --month
      String f = format != null ? format : out.toString().toLowerCase().endsWith(".pdf") ? "pdf" : "html";
      if (!f.equals("html") && !f.equals("pdf")) {
        throw new ConfigException("unknown --format '" + f + "': html or pdf");
      }
      if (f.equals("pdf")) {
        Chromium.executable(); // fail before reading the lake when there is no browser
      }
      try (CliContext ctx = CliContext.open(parent.root, "report")) {
        write(ctx, month == null ? null : YearMonth.parse(month), year, level, entity, f, out);
        return Yibao.OK;
      }
    }
  }

  /** Builds and writes the report (also used by {@code yibao demo}); prints where it went on stderr. */
  static void write(CliContext ctx, YearMonth month, Integer year, String level, String entity, String format, Path out)
      throws IOException, InterruptedException {
    YearMonth m = month != null ? month : MonitoringReport.lastMonthOf(ctx.lake(), year);
    ReportScope scope = new ReportScope(m, month == null, level, entity);
    Map<String, Object> model = MonitoringReport.build(ctx.lake(), ctx.settings, ctx.policy, scope);
    String html = ReportHtml.render(model);
    Path target = out.toAbsolutePath();
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    if (format.equals("pdf")) {
      Path tmp = Files.createTempFile("yibao-report-", ".html");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Chromium.printToPdf(tmp, target);
      Files.deleteIfExists(tmp);
    } else {
      Files.writeString(target, html, StandardCharsets.UTF_8);
    }
    System.err.printf("report: %s (%s, %s) -> %s%n", model.get("title"), scope.periodZh(), format, target);
  }
}
