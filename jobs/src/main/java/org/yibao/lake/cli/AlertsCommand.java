package org.yibao.lake.cli;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.contract.Codes;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.flow.PeriodColumns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code yibao alerts [--month YYYY-MM | --year Y] [--level L] [--indicator ID] [--without-small-cells]}: the broken thresholds of
 * {@code ads.alert} as a table (Chinese indicator names from {@code conf/codes.yml} with the English ids).
 * Figures of a suppressed cell (too few persons) are shown as {@code <n}.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Print the monitoring alerts (ads.alert) as a table, newest period first.")
public final class AlertsCommand implements Callable<Integer> {
  @ParentCommand Yibao root;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "alerts of one month")
  String month;

  @Option(names = "--year", paramLabel = "Y", description = "alerts of one year (period_type year)")
  Integer year;

  @Option(names = "--level", paramLabel = "L", description = "province, city, county, medcommunity or medins")
  String level;

  @Option(names = "--indicator", paramLabel = "ID", description = "one indicator id, e.g. readmission_15d_same_medins")
  String indicator;

  @Option(names = "--without-small-cells", description = "leave out alerts on small cells (fewer persons than "
      + "privacy.small_cell_min_persons), whose figures are hidden anyway")
  boolean withoutSmallCells;

  @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "rows printed (default ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    Period period = Period.parse(year, month);
    try (CliContext ctx = CliContext.open(root, "alerts")) {
      Map<String, String> names = Codes.load(ctx.settings.confDir()).list("indicator");
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
      long total = alerts.count();
      List<Row> rows = alerts.orderBy(col("period").desc(), col("indicator_id"), col("level"), col("entity_id"),
          col("insutype")).limit(limit).collectAsList();
      System.out.print(render(rows, names, ctx.settings.smallCellMinPersons()));
      System.err.printf("alerts: %d (%d shown)%n", total, rows.size());
      return Yibao.OK;
    }
  }

  static String render(List<Row> alerts, Map<String, String> names, int minPersons) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"指标 indicator", "期间 period", "层级 level", "对象 entity", "险种 insutype", "值 value",
        "阈值 threshold", "超出 excess", "首次 since", "连续 periods", "依据 policy"});
    for (Row r : alerts) {
      String id = r.getAs("indicator_id");
      boolean hidden = r.<Boolean>getAs("is_suppressed");
      rows.add(new String[] {names.getOrDefault(id, id) + " " + id, r.getAs("period"), r.getAs("level"),
          r.getAs("entity_id"), r.getAs("insutype"), hidden ? "<" + minPersons + "人" : plain(r.getAs("value")),
          plain(r.getAs("threshold")), hidden ? "" : plain(r.getAs("excess")), r.getAs("first_alert_period"),
          String.valueOf(r.<Integer>getAs("consecutive_periods")), r.getAs("policy_doc")});
    }
    return TextTable.render(rows);
  }

  private static String plain(BigDecimal d) {
    return d == null ? "" : d.stripTrailingZeros().toPlainString();
  }
}
