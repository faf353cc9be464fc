package org.yibao.lake.cli;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.contract.Codes;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.policy.indicator.AlertLevel;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.flow.PeriodColumns;
import org.yibao.lake.jobs.indicator.AlertJob;
import org.yibao.lake.jobs.report.AlertDigest;
import org.yibao.lake.jobs.report.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao alerts [--month YYYY-MM | --year Y] [--level L] [--warning red|orange|yellow] [--indicator ID]
 * [--without-small-cells] [--format table|csv]}: the warnings of {@code ads.alert}, one row per entity ×
 * indicator × period (the insutypes that break it listed, {@link AlertDigest}), worst first, with the
 * entity's name, the warning level, the value and threshold in their unit (% for shares), since when and
 * for how many periods. The value of a small cell (too few persons) is shown as {@code <n人}. A period
 * without monitoring data or an unknown level is a usage error (exit 2), never an empty table.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Print the monitoring warnings (ads.alert), one row per entity and indicator, worst first.")
public final class AlertsCommand implements Callable<Integer> {
  static final Map<String, String> LEVEL_NAMES = Map.of(AlertLevel.RED, "红色", AlertLevel.ORANGE, "橙色",
      AlertLevel.YELLOW, "黄色");
  static final Map<String, String> ENTITY_LEVEL_NAMES = Map.of("province", "省", "city", "市", "county", "县",
      "medcommunity", "医共体", "medins", "医疗机构");

  @ParentCommand Yibao root;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "warnings of one month")
  String month;

  @Option(names = "--year", paramLabel = "Y", description = "warnings of one year (period_type year)")
  Integer year;

  @Option(names = "--level", paramLabel = "L", description = "province, city, county, medcommunity or medins")
  String level;

  @Option(names = "--warning", paramLabel = "W", description = "red, orange or yellow: this level and worse")
  String warning;

  @Option(names = "--indicator", paramLabel = "ID", description = "one indicator id, e.g. readmission_15d_same_medins")
  String indicator;

  @Option(names = "--without-small-cells", description = "leave out warnings on small cells (fewer persons than "
      + "privacy.small_cell_min_persons), whose figures are hidden anyway")
  boolean withoutSmallCells;

  @Option(names = "--format", defaultValue = "table", paramLabel = "F", description = "table (default) or csv")
  String format;

  @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "table rows printed (default ${DEFAULT-VALUE}; csv prints all)")
  int limit;

  @Override
  public Integer call() {
    Period period = Period.parse(year, month);
    if (level != null && !AlertJob.LEVELS.contains(level)) {
      throw new ConfigException("unknown --level '" + level + "': one of " + String.join(", ", AlertJob.LEVELS));
    }
    if (warning != null && !AlertLevel.ORDER.contains(warning)) {
      throw new ConfigException("unknown --warning '" + warning + "': one of red, orange, yellow");
    }
    if (!format.equals("table") && !format.equals("csv")) {
      throw new ConfigException("unknown --format '" + format + "': table or csv");
    }
    try (CliContext ctx = CliContext.open(root, "alerts")) {
      Map<String, String> names = Codes.load(ctx.settings.confDir()).list("indicator");
      if (indicator != null && !names.containsKey(indicator)) {
        throw new ConfigException("unknown --indicator '" + indicator + "' (see conf/codes.yml list indicator)");
      }
      requireData(ctx.lake().read(Tables.ADS_INDICATOR), period);
      Dataset<Row> alerts = ctx.lake().read(Tables.ADS_ALERT).filter(PeriodColumns.matches(period));
      if (level != null) {
        alerts = alerts.filter(col("level").equalTo(level));
      }
      if (indicator != null) {
        alerts = alerts.filter(col("indicator_id").equalTo(indicator));
      }
      if (withoutSmallCells) {
        alerts = alerts.filter(functions.not(col("is_suppressed")));
      }
      Dataset<Row> digest = AlertDigest.collapse(alerts);
      if (warning != null) {
        digest = digest.filter(AlertDigest.severity().leq(AlertLevel.ORDER.indexOf(warning)));
      }
      List<Row> rows = digest.orderBy(functions.col("period").desc(), AlertDigest.worstFirst()[0],
          AlertDigest.worstFirst()[1], AlertDigest.worstFirst()[2], AlertDigest.worstFirst()[3],
          AlertDigest.worstFirst()[4]).collectAsList();
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      int min = ctx.settings.smallCellMinPersons();
      if (format.equals("csv")) {
        out.print(csv(rows, names));
      } else {
        out.print(render(rows.subList(0, Math.min(limit, rows.size())), names, min));
      }
      out.flush();
      System.err.printf("warnings: %d (red %d, orange %d, yellow %d)%n", rows.size(), count(rows, AlertLevel.RED),
          count(rows, AlertLevel.ORANGE), count(rows, AlertLevel.YELLOW));
      return Yibao.OK;
    }
  }

  /** A period the lake has no monitoring data for is a usage error, not "no alerts". */
  static void requireData(Dataset<Row> indicators, Period period) {
    if (period.isAll()) {
      return;
    }
    if (indicators.filter(PeriodColumns.matches(period)).isEmpty()) {
      List<String> years = indicators.filter(col("period_type").equalTo(PeriodColumns.YEAR)).select("period").distinct()
          .orderBy("period").collectAsList().stream().map(r -> r.getString(0)).toList();
      throw new ConfigException("no monitoring data for " + period + " (ads.indicator holds "
          + (years.isEmpty() ? "nothing" : years.get(0) + "–" + years.get(years.size() - 1)) + ")");
    }
  }

  private static long count(List<Row> rows, String lv) {
    return rows.stream().filter(r -> lv.equals(r.getAs("alert_level"))).count();
  }

  static String render(List<Row> alerts, Map<String, String> names, int minPersons) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"预警 warning", "对象 entity", "层级 level", "指标 indicator", "期间 period", "值 value",
        "阈值 threshold", "首次 since", "连续 streak", "险种 insutype"});
    for (Row r : alerts) {
      String id = r.getAs("indicator_id");
      String lv = r.getAs("alert_level");
      boolean hidden = r.<Boolean>getAs("is_suppressed");
      String unit = r.<String>getAs("period_type").equals(PeriodColumns.MONTH) ? "个月" : "年";
      rows.add(new String[] {LEVEL_NAMES.get(lv) + " " + lv, r.getAs("entity_name") + " " + r.getAs("entity_id"),
          ENTITY_LEVEL_NAMES.getOrDefault(r.<String>getAs("level"), "") + " " + r.getAs("level"),
          names.getOrDefault(id, id) + " " + id, r.getAs("period"),
          hidden ? "<" + minPersons + "人" : Units.format(id, r.getAs("value")), Units.format(id, r.getAs("threshold")),
          r.getAs("first_alert_period"), r.<Integer>getAs("consecutive_periods") + unit, r.getAs("insutypes")});
    }
    return TextTable.render(rows);
  }

  /** Machine-readable: raw decimals (shares as fractions), the value of a small cell empty. */
  static String csv(List<Row> alerts, Map<String, String> names) {
    StringBuilder b = new StringBuilder("period,alert_level,level,entity_id,entity_name,indicator_id,indicator_name,"
        + "value,threshold,unit,excess_ratio,first_alert_period,consecutive_periods,insutypes,is_suppressed\n");
    for (Row r : alerts) {
      String id = r.getAs("indicator_id");
      boolean hidden = r.<Boolean>getAs("is_suppressed");
      b.append(String.join(",", List.of(r.getAs("period"), r.getAs("alert_level"), r.getAs("level"),
          r.getAs("entity_id"), quote(r.getAs("entity_name")), id, quote(names.getOrDefault(id, id)),
          hidden ? "" : plain(r.getAs("value")), plain(r.getAs("threshold")), Units.of(id),
          hidden ? "" : plain(r.getAs("excess_ratio")), r.getAs("first_alert_period"),
          String.valueOf(r.<Integer>getAs("consecutive_periods")), quote(r.getAs("insutypes")),
          String.valueOf(hidden)))).append('\n');
    }
    return b.toString();
  }

  private static String quote(String s) {
    return s == null ? "" : s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String plain(BigDecimal d) {
    return d == null ? "" : d.stripTrailingZeros().toPlainString();
  }
}
