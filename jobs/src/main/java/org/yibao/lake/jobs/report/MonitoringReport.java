package org.yibao.lake.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.contract.Codes;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.pii.SmallCells;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;
import org.yibao.lake.jobs.flow.RegionColumns;
import org.yibao.lake.jobs.indicator.AlertJob;
import org.yibao.lake.jobs.settlement.AdoptedBudget;

/**
 * The supervisors' monitoring report (医保基金运行监测分析报告, docs/monitoring.md "Monitoring report"): reads
 * the lake's dws/ads tables for one month or year and the province or a city, and builds the model that
 * {@link ReportHtml} renders: headline fund figures, budget execution, 12-month trends, structure, flows,
 * league tables, warnings with their evidence (核查清单) and method notes. Small cells (fewer persons than
 * {@code privacy.small_cell_min_persons}) are shown as {@code <n人}, never with their figures.
 */
public final class MonitoringReport {
  /** Tables the report reads; their Delta versions are printed in the method notes. */
  public static final List<TableId> INPUTS = List.of(Tables.DIM_ADMDVS, Tables.DIM_MEDINS, Tables.DIM_MEDCOMMUNITY,
      Tables.DWD_SETL, Tables.DWD_FUND_REVENUE, Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.ADS_INDICATOR, Tables.ADS_ALERT,
      Tables.ADS_FLOW_OD, Tables.ADS_FLOW_REGION, Tables.ADS_BUDGET_RUN, Tables.ADS_BUDGET_CITY);
  /** Indicators of the league tables; {@code true} = a lower value is worse. */
  static final Map<String, Boolean> LEAGUE = linked("self_pay_rate", false, "cost_growth_rate", false,
      "inpatient_cost_per_case", false, "average_length_of_stay", false, "readmission_15d_same_medins", false,
      "in_county_inpatient_rate", true);
  static final int WARNING_ROWS = 24;
  static final int EVIDENCE_ENTITIES = 8;
  static final int EVIDENCE_PAIRS = 6;
  /** Suffix of an indicator that is another's change against the same period last year. */
  private static final String CHANGE = "_change";

  private final Lake lake;
  private final LakeSettings settings;
  private final Policy policy;
  private final ReportScope scope;
  private final Map<String, String> indicatorNames;
  private final Map<String, String> medinsTypes;
  private final BudgetCategories categories;
  private final int minPersons;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Object> model = new LinkedHashMap<>();
  private String provinceCode;

  private MonitoringReport(Lake lake, LakeSettings settings, Policy policy, ReportScope scope) {
    this.lake = lake;
    this.settings = settings;
    this.policy = policy;
    this.scope = scope;
    Codes codes = Codes.load(settings.confDir());
    this.indicatorNames = codes.list("indicator");
    this.medinsTypes = codes.list("medins_type");
    this.categories = BudgetCategories.load(settings.confDir());
    this.minPersons = settings.smallCellMinPersons();
  }

  /** The report's model (strings, lists and maps only: what the template shows is formatted here). */
  public static Map<String, Object> build(Lake lake, LakeSettings settings, Policy policy, ReportScope scope) {
    for (TableId t : List.of(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.ADS_INDICATOR, Tables.ADS_ALERT, Tables.ADS_FLOW_OD)) {
      if (!lake.exists(t)) {
        throw new ConfigException(t + " does not exist: run `yibao run` before `yibao report`");
      }
    }
    MonitoringReport r = new MonitoringReport(lake, settings, policy, scope);
    r.names();
    r.model.put("title", r.scopeName() + scope.periodZh() + "医保基金运行监测分析报告");
    r.model.put("scope_name", r.scopeName());
    r.model.put("period_zh", scope.periodZh());
    r.headline();
    r.budget();
    r.trends();
    r.structure();
    r.flows();
    r.league();
    r.warnings();
    r.notes();
    return r.model;
  }

  /** The last month of {@code year} with expenditure data (a year report is read at it). */
  public static YearMonth lastMonthOf(Lake lake, int year) {
    Row r = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH).filter(col("setl_year").equalTo(year))
        .agg(functions.max("setl_month")).head();
    if (r.isNullAt(0)) {
      throw new ConfigException("no settlement data for " + year + " in dws.fund_expenditure_month");
    }
    return YearMonth.parse(r.getString(0));
  }

  // ---- names ------------------------------------------------------------------------------------

  private void names() {
    Dataset<Row> admdvs = lake.read(Tables.DIM_ADMDVS);
    for (Row r : AlertJob.entityNames(admdvs, lake.read(Tables.DIM_MEDINS), lake.read(Tables.DIM_MEDCOMMUNITY))
        .collectAsList()) {
      names.put(r.getString(r.fieldIndex("level")) + "|" + r.getString(r.fieldIndex("entity_id")),
          r.getString(r.fieldIndex("entity_name")));
      names.putIfAbsent("any|" + r.getString(r.fieldIndex("entity_id")), r.getString(r.fieldIndex("entity_name")));
    }
    // the lake's province is that of its insured (dim.admdvs also lists other provinces as places of treatment)
    List<Row> province = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH)
        .select(RegionColumns.provinceOf(col("insuplc_admdvs")).as("p")).groupBy("p").count()
        .orderBy(col("count").desc()).limit(1).collectAsList();
    provinceCode = province.isEmpty() ? null : province.get(0).getString(0);
    if (scope.level().equals("city") && !names.containsKey("city|" + scope.entity())) {
      throw new ConfigException("unknown city --entity " + scope.entity() + " (not a city in dim.admdvs)");
    }
  }

  private String name(String level, String id) {
    return names.getOrDefault(level + "|" + id, names.getOrDefault("any|" + id, id));
  }

  private String scopeName() {
    return scope.level().equals("city") ? name("city", scope.entity())
        : provinceCode == null ? "全省" : name("province", provinceCode);
  }

  private String scopeLevel() {
    return scope.level();
  }

  private String scopeEntity() {
    return scope.level().equals("city") ? scope.entity() : provinceCode;
  }

  // ---- 一、基金运行 ---------------------------------------------------------------------------------

  private void headline() {
    Dataset<Row> dws = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH).cache();
    Dataset<Row> revenue = lake.exists(Tables.DWD_FUND_REVENUE) ? lake.read(Tables.DWD_FUND_REVENUE) : null;
    List<Map<String, Object>> rows = new ArrayList<>();
    YearMonth m = scope.month();
    for (String fund : List.of("310", "390", "all")) {
      String insutype = fund.equals("all") ? null : fund;
      TreeMap<String, BigDecimal> exp = ReportFigures.expenditureByMonth(dws, scope, insutype);
      TreeMap<Integer, BigDecimal> rev = revenue == null ? new TreeMap<>()
          : ReportFigures.revenueByYear(revenue, lake.read(Tables.DIM_ADMDVS), scope, insutype);
      ReportFigures.FundPosition p = ReportFigures.position(exp, rev, m);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("fund", ReportText.FUNDS.get(fund));
      row.put("insutype", fund);
      row.put("revenue_ytd", Units.wan(p.revenueYtd()));
      row.put("exp_month", Units.wan(p.expenditureMonth()));
      row.put("exp_month_yuan", p.expenditureMonth() == null ? "" : p.expenditureMonth().toPlainString());
      row.put("mom", signedPercent(ReportFigures.change(p.expenditureMonth(), p.expenditurePrevMonth())));
      row.put("yoy", signedPercent(ReportFigures.change(p.expenditureMonth(), p.expenditureLastYear())));
      row.put("exp_ytd", Units.wan(p.expenditureYtd()));
      row.put("exp_ytd_yuan", p.expenditureYtd().toPlainString());
      row.put("ytd_yoy", signedPercent(ReportFigures.change(p.expenditureYtd(), p.expenditureYtdLastYear())));
      row.put("balance_ytd", Units.wan(p.balanceYtd()));
      row.put("accumulated", Units.wan(p.accumulatedBalance()));
      row.put("reserve_months", p.reserveMonths() == null ? "—" : p.reserveMonths().setScale(1, RoundingMode.HALF_UP).toPlainString());
      row.put("reserve_months_raw", p.reserveMonths() == null ? "" : p.reserveMonths().toPlainString());
      row.put("reserve_low", p.reserveMonths() != null && p.reserveMonths().compareTo(BigDecimal.valueOf(6)) < 0);
      rows.add(row);
    }
    model.put("funds", rows);
    model.put("month_zh", m.getYear() + "年" + m.getMonthValue() + "月");
    model.put("months_elapsed", m.getMonthValue());
  }

  private void budget() {
    Map<String, Object> b = new LinkedHashMap<>();
    model.put("budget", b);
    if (!lake.exists(Tables.ADS_BUDGET_RUN) || !lake.exists(Tables.ADS_BUDGET_CITY)) {
      b.put("missing", "无已批准的" + scope.year() + "年预算(ads.budget_run 不存在): 运行 yibao budget compile / adopt");
      return;
    }
    String runId;
    try {
      runId = AdoptedBudget.runId(lake.read(Tables.ADS_BUDGET_RUN), scope.year());
    } catch (ConfigException e) {
      b.put("missing", "无已批准的" + scope.year() + "年预算: " + e.getMessage());
      return;
    }
    BigDecimal band = policy.decimal("alert.budget_execution.band", scope.year(), scopeEntity());
    List<ReportFigures.Execution> lines = ReportFigures.budgetExecution(lake.read(Tables.ADS_BUDGET_CITY), runId,
        lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH), scope);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReportFigures.Execution e : lines) {
      if (e.budget() == null) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("city", name("city", e.admdvs()));
      row.put("admdvs", e.admdvs());
      row.put("insutype", ReportText.INSUTYPE_SHORT.getOrDefault(e.insutype(), e.insutype()));
      row.put("category", e.category().equals("all") ? "合计" : categoryName(e.category()));
      row.put("category_id", e.category());
      row.put("is_total", e.category().equals("all"));
      row.put("budget", Units.wan(e.budget()));
      row.put("spent", Units.wan(e.spent()));
      row.put("rate", Units.percent(e.rate()));
      row.put("rate_raw", e.rate() == null ? "" : e.rate().toPlainString());
      row.put("elapsed", Units.percent(e.elapsed()));
      BigDecimal dev = e.deviation();
      row.put("deviation", dev == null ? "—" : points(dev));
      row.put("flag", dev == null ? "" : dev.compareTo(band) > 0 ? "over" : dev.negate().compareTo(band) > 0 ? "under" : "");
      rows.add(row);
    }
    rows.sort((x, y) -> {
      int c = ((String) x.get("admdvs")).compareTo((String) y.get("admdvs"));
      if (c != 0) {
        return c;
      }
      c = ((String) x.get("insutype")).compareTo((String) y.get("insutype"));
      return c != 0 ? c : Boolean.compare((Boolean) x.get("is_total"), (Boolean) y.get("is_total"));
    });
    b.put("rows", rows);
    b.put("run_id", runId);
    b.put("band", Units.percent(band));
    b.put("elapsed", Units.percent(BigDecimal.valueOf(scope.month().getMonthValue()).divide(BigDecimal.valueOf(12), 6,
        RoundingMode.HALF_UP)));
  }

  private String categoryName(String id) {
    try {
      return categories.get(id).zh();
    } catch (RuntimeException e) {
      return id;
    }
  }

  // ---- 二、趋势 ---------------------------------------------------------------------------------------

  private void trends() {
    YearMonth end = scope.month();
    List<String> months = new ArrayList<>();
    for (int i = 11; i >= 0; i--) {
      months.add(end.minusMonths(i).toString());
    }
    Dataset<Row> dws = lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH);
    TreeMap<String, BigDecimal> e310 = ReportFigures.expenditureByMonth(dws, scope, "310");
    TreeMap<String, BigDecimal> e390 = ReportFigures.expenditureByMonth(dws, scope, "390");
    Map<String, Row> ind = new HashMap<>();
    for (Row r : lake.read(Tables.ADS_INDICATOR).filter(col("period_type").equalTo("month").and(col("level").equalTo(scopeLevel()))
            .and(col("entity_id").equalTo(scopeEntity())).and(col("insutype").equalTo("all"))
            .and(col("indicator_id").isin("admission_rate", "inpatient_cost_per_case", "self_pay_rate"))
            .and(col("period").isin(months.toArray())))
        .collectAsList()) {
      ind.put(r.getAs("indicator_id") + "|" + r.getAs("period"), r);
    }
    List<Map<String, Object>> charts = new ArrayList<>();
    charts.add(chart("基金支出(万元)", Svg.lineChart("expenditure", List.of(
        series("职工", months, m -> wanValue(e310.get(m))), series("居民", months, m -> wanValue(e390.get(m)))),
        v -> String.format(java.util.Locale.ROOT, "%.1f", v))));
    charts.add(chart("住院人次", Svg.lineChart("admissions", List.of(series("住院人次", months,
        m -> figure(ind.get("admission_rate|" + m), "numerator"))), v -> String.format(java.util.Locale.ROOT, "%.0f", v))));
    charts.add(chart("住院次均费用(元)", Svg.lineChart("cost_per_case", List.of(series("次均费用", months,
        m -> figure(ind.get("inpatient_cost_per_case|" + m), "value"))), v -> String.format(java.util.Locale.ROOT, "%.0f", v))));
    charts.add(chart("自费率(%)", Svg.lineChart("self_pay_rate", List.of(series("自费率", months,
        m -> { BigDecimal v = figure(ind.get("self_pay_rate|" + m), "value"); return v == null ? null : v.movePointRight(2); })),
        v -> String.format(java.util.Locale.ROOT, "%.1f%%", v))));
    model.put("trends", charts);
    model.put("trend_from", months.get(0));
    model.put("trend_to", months.get(months.size() - 1));
  }

  /** A figure of an indicator row, null when the row is missing or a small cell. */
  private static BigDecimal figure(Row r, String column) {
    if (r == null || r.<Boolean>getAs("is_suppressed")) {
      return null;
    }
    return r.getAs(column);
  }

  private static BigDecimal wanValue(BigDecimal yuan) {
    return yuan == null ? null : yuan.movePointLeft(4);
  }

  private static Svg.Series series(String name, List<String> months, java.util.function.Function<String, BigDecimal> f) {
    List<Svg.Point> pts = new ArrayList<>();
    for (String m : months) {
      pts.add(new Svg.Point(Integer.parseInt(m.substring(5)) + "月", f.apply(m)));
    }
    return new Svg.Series(name, pts);
  }

  private static Map<String, Object> chart(String title, String svg) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("title", title);
    c.put("svg", svg);
    return c;
  }

  // ---- 三、结构 ---------------------------------------------------------------------------------------

  private void structure() {
    YearMonth m = scope.month();
    String from = YearMonth.of(m.getYear(), 1).toString();
    Dataset<Row> ytd = ReportFigures.inScope(lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH), col("insuplc_admdvs"), scope)
        .filter(col("setl_month").between(from, m.toString()));
    List<Svg.Point> byCategory = new ArrayList<>();
    for (Row r : ytd.groupBy("category").agg(Money.sum("hifp_pay")).orderBy(col("hifp_pay").desc()).collectAsList()) {
      byCategory.add(new Svg.Point(categoryName(r.getString(0)), r.getDecimal(1)));
    }
    Dataset<Row> types = RegionColumns.latestMedins(lake.read(Tables.DIM_MEDINS)).select("fixmedins_code", "medins_type");
    List<Svg.Point> byType = new ArrayList<>();
    Dataset<Row> typed = ytd.join(types, new String[] {"fixmedins_code"}, "left")
        .withColumn("medins_type", functions.coalesce(col("medins_type"), lit("_outside")));
    for (Row r : typed.groupBy("medins_type").agg(Money.sum("hifp_pay")).orderBy(col("hifp_pay").desc()).collectAsList()) {
      String t = r.getString(0);
      byType.add(new Svg.Point(t.equals("_outside") ? "省外及其他机构" : medinsTypes.getOrDefault(t, t), r.getDecimal(1)));
    }
    model.put("by_category", Svg.barChart("by_category", byCategory, v -> Units.wan(v) + "万元"));
    model.put("by_medins_type", Svg.barChart("by_medins_type", byType, v -> Units.wan(v) + "万元"));
    // primary-care visit share: outpatient settlements at township/village institutions / all outpatient settlements
    Column outpatient = col("setl_cnt").minus(col("inpatient_cnt"));
    Column primary = functions.when(col("medins_type").isin("township", "village"), outpatient).otherwise(lit(0L));
    Row now = typed.agg(functions.sum(primary), functions.sum(outpatient)).head();
    Dataset<Row> lastYear = ReportFigures.inScope(lake.read(Tables.DWS_FUND_EXPENDITURE_MONTH), col("insuplc_admdvs"), scope)
        .filter(col("setl_month").between(YearMonth.of(m.getYear() - 1, 1).toString(), m.minusYears(1).toString()))
        .join(types, new String[] {"fixmedins_code"}, "left");
    Row before = lastYear.agg(functions.sum(primary), functions.sum(outpatient)).head();
    model.put("primary_share", share(now));
    model.put("primary_share_last_year", share(before));
    // in-county inpatient rate per county with its direction versus the same period last year
    String prevPeriod = scope.yearly() ? String.valueOf(scope.year() - 1) : m.minusYears(1).toString();
    Map<String, Row> prev = new HashMap<>();
    Dataset<Row> inCounty = ReportFigures.inScope(lake.read(Tables.ADS_INDICATOR)
        .filter(col("indicator_id").equalTo("in_county_inpatient_rate").and(col("level").equalTo("county"))
            .and(col("insutype").equalTo("all")).and(col("period_type").equalTo(scope.periodType()))), col("entity_id"), scope);
    for (Row r : inCounty.filter(col("period").equalTo(prevPeriod)).collectAsList()) {
      prev.put(r.getAs("entity_id"), r);
    }
    List<Map<String, Object>> counties = new ArrayList<>();
    for (Row r : inCounty.filter(col("period").equalTo(scope.period())).orderBy("entity_id").collectAsList()) {
      Map<String, Object> c = new LinkedHashMap<>();
      String id = r.getAs("entity_id");
      c.put("name", name("county", id));
      c.put("code", id);
      BigDecimal v = figure(r, "value");
      BigDecimal p = figure(prev.get(id), "value");
      c.put("value", hidden(r) ? small() : Units.percent(v));
      c.put("last_year", prev.containsKey(id) ? hidden(prev.get(id)) ? small() : Units.percent(p) : "—");
      c.put("direction", v == null || p == null ? "" : v.compareTo(p) > 0 ? "↑" : v.compareTo(p) < 0 ? "↓" : "→");
      c.put("falling", v != null && p != null && v.compareTo(p) < 0);
      counties.add(c);
    }
    model.put("in_county", counties);
  }

  private static String share(Row r) {
    if (r.isNullAt(1) || r.getLong(1) == 0) {
      return "—";
    }
    return Units.percent(BigDecimal.valueOf(r.getLong(0)).divide(BigDecimal.valueOf(r.getLong(1)), 6, RoundingMode.HALF_UP));
  }

  private static boolean hidden(Row r) {
    return r != null && r.<Boolean>getAs("is_suppressed");
  }

  private String small() {
    return "<" + minPersons + "人";
  }

  // ---- 四、异地就医 -------------------------------------------------------------------------------------

  private void flows() {
    Dataset<Row> od = lake.read(Tables.ADS_FLOW_OD).filter(col("level").equalTo("city"))
        .filter(col("period_type").equalTo(scope.periodType()));
    String prevPeriod = scope.yearly() ? String.valueOf(scope.year() - 1) : scope.month().minusYears(1).toString();
    List<String> cities = lake.read(Tables.DIM_ADMDVS).filter(col("admdvs_lv").equalTo(2)).select("admdvs").orderBy("admdvs")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    Column dest = functions.when(col("destination_admdvs").isin(cities.toArray()), col("destination_admdvs"))
        .otherwise(lit("outside"));
    Map<String, Row> cells = new HashMap<>();
    Map<String, Row> prevCells = new HashMap<>();
    for (Row r : od.filter(col("period").isin(scope.period(), prevPeriod)).withColumn("dest", dest)
        .groupBy("period", "origin_admdvs", "dest")
        .agg(functions.sum("setl_cnt").as("setl_cnt"), Money.sum("hifp_pay"), functions.max("psn_cnt").as("psn_max"))
        .collectAsList()) {
      String k = r.getAs("origin_admdvs") + "|" + r.getAs("dest");
      (r.getAs("period").equals(scope.period()) ? cells : prevCells).put(k, r);
    }
    List<String> cols = new ArrayList<>(cities);
    cols.add("outside");
    BigDecimal[][] v = new BigDecimal[cities.size()][cols.size()];
    boolean[][] h = hiddenCells(cells, cities, cols, v);
    // last year's matrix, hidden the same way: a growth rate and this year's figure would give a hidden cell
    boolean[][] prevHidden = hiddenCells(prevCells, cities, cols, new BigDecimal[cities.size()][cols.size()]);
    List<String> rowLabels = cities.stream().map(c -> name("city", c)).toList();
    List<String> colLabels = cols.stream().map(c -> c.equals("outside") ? "省外" : name("city", c)).toList();
    model.put("flow_heatmap", Svg.heatMap("flow_heatmap", rowLabels, colLabels, v, h, Units::wan));
    List<Map<String, Object>> top = new ArrayList<>();
    cells.entrySet().stream()
        .filter(e -> !e.getKey().split("\\|")[0].equals(e.getKey().split("\\|")[1]))
        .filter(e -> !at(h, cities, cols, e.getKey()))
        .filter(e -> scope.level().equals("province") || e.getKey().startsWith(scope.entity()))
        .sorted((a, b) -> b.getValue().<BigDecimal>getAs("hifp_pay").compareTo(a.getValue().getAs("hifp_pay")))
        .limit(10).forEach(e -> {
          String[] k = e.getKey().split("\\|");
          Row p = prevCells.get(e.getKey());
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("origin", name("city", k[0]));
          row.put("destination", k[1].equals("outside") ? "省外" : name("city", k[1]));
          row.put("setl_cnt", String.valueOf(e.getValue().<Long>getAs("setl_cnt")));
          row.put("fund", Units.wan(e.getValue().getAs("hifp_pay")));
          row.put("growth", p == null || at(prevHidden, cities, cols, e.getKey()) ? "—"
              : signedPercent(ReportFigures.change(e.getValue().getAs("hifp_pay"), p.getAs("hifp_pay"))));
          top.add(row);
        });
    model.put("top_outflows", top);
    List<Map<String, Object>> shares = new ArrayList<>();
    if (lake.exists(Tables.ADS_FLOW_REGION)) {
      for (Row r : ReportFigures.inScope(lake.read(Tables.ADS_FLOW_REGION).filter(col("level").equalTo("city")
              .and(col("insutype").equalTo("all")).and(col("period_type").equalTo(scope.periodType()))
              .and(col("period").equalTo(scope.period()))), col("admdvs"), scope).orderBy("admdvs").collectAsList()) {
        Map<String, Object> row = new LinkedHashMap<>();
        boolean small = r.<Boolean>getAs("is_suppressed");
        row.put("city", name("city", r.getAs("admdvs")));
        row.put("out_city", small ? small() : Units.percent(r.getAs("out_city_fund_rate")));
        row.put("out_province", small ? small() : Units.percent(r.getAs("out_province_fund_rate")));
        row.put("inflow", small ? small() : Units.percent(r.getAs("inflow_fund_rate")));
        row.put("both_growing", !small && Boolean.TRUE.equals(r.getAs("is_both_growing")));
        shares.add(row);
      }
    }
    model.put("flow_shares", shares);
  }

  /**
   * The heat map's hidden cells: a cell of fewer than {@code privacy.small_cell_min_persons} persons, then the
   * complementary pass over its row and column ({@link #complementary}); fills {@code v} with the cells' amounts.
   */
  private boolean[][] hiddenCells(Map<String, Row> cells, List<String> rows, List<String> cols, BigDecimal[][] v) {
    boolean[][] small = new boolean[rows.size()][cols.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        Row r = cells.get(rows.get(i) + "|" + cols.get(j));
        if (r != null) {
          v[i][j] = r.getAs("hifp_pay");
          small[i][j] = r.<Long>getAs("psn_max") < minPersons;
        }
      }
    }
    return complementary(v, small);
  }

  /** Whether the cell {@code origin|destination} of the matrix is hidden (false for a key outside it). */
  private static boolean at(boolean[][] hidden, List<String> rows, List<String> cols, String key) {
    String[] k = key.split("\\|");
    int i = rows.indexOf(k[0]);
    int j = cols.indexOf(k[1]);
    return i >= 0 && j >= 0 && hidden[i][j];
  }

  /**
   * Complementary suppression of a matrix whose row totals (an origin's outflow) and column totals (a destination's
   * inflow) are published elsewhere (ads.flow_region, docs/policy.md §9 small cells): a row or column with exactly
   * one hidden cell also hides its smallest visible cell, until none has a lone hidden cell ({@link
   * SmallCells#complement}). Only cells with a flow ({@code v} not null) take part: an empty cell is a known zero.
   */
  static boolean[][] complementary(BigDecimal[][] v, boolean[][] small) {
    List<int[]> at = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v[i].length; j++) {
        if (v[i][j] != null) {
          at.add(new int[] {i, j});
        }
      }
    }
    boolean[] primary = new boolean[at.size()];
    double[] measure = new double[at.size()];
    List<String> byRow = new ArrayList<>();
    List<String> byCol = new ArrayList<>();
    for (int n = 0; n < at.size(); n++) {
      int[] c = at.get(n);
      primary[n] = small[c[0]][c[1]];
      measure[n] = v[c[0]][c[1]].doubleValue();
      byRow.add(String.valueOf(c[0]));
      byCol.add(String.valueOf(c[1]));
    }
    boolean[] hidden = SmallCells.complement(primary, measure, List.of(byRow, byCol));
    boolean[][] out = new boolean[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = small[i].clone();
    }
    for (int n = 0; n < at.size(); n++) {
      out[at.get(n)[0]][at.get(n)[1]] = hidden[n];
    }
    return out;
  }

  // ---- 五、排行 ---------------------------------------------------------------------------------------

  private void league() {
    List<String> levels = scope.level().equals("province") ? List.of("city", "county", "medcommunity")
        : List.of("county", "medcommunity");
    Dataset<Row> ind = lake.read(Tables.ADS_INDICATOR).filter(col("period_type").equalTo(scope.periodType())
        .and(col("period").equalTo(scope.period())).and(col("insutype").equalTo("all"))
        .and(col("indicator_id").isin(LEAGUE.keySet().toArray())).and(col("level").isin(levels.toArray())));
    Dataset<Row> names = AlertJob.entityNames(lake.read(Tables.DIM_ADMDVS), lake.read(Tables.DIM_MEDINS),
        lake.read(Tables.DIM_MEDCOMMUNITY)).select("level", "entity_id", "region");
    ind = ReportFigures.inScope(ind.join(names, new String[] {"level", "entity_id"}, "left")
        .withColumn("region", functions.coalesce(col("region"), col("entity_id"))), col("region"), scope);
    Map<String, Map<String, Map<String, Row>>> byLevel = new TreeMap<>();
    for (Row r : ind.collectAsList()) {
      byLevel.computeIfAbsent(r.getAs("level"), k -> new TreeMap<>()).computeIfAbsent(r.getAs("entity_id"), k -> new HashMap<>())
          .put(r.getAs("indicator_id"), r);
    }
    List<Map<String, Object>> tables = new ArrayList<>();
    for (String level : levels) {
      Map<String, Map<String, Row>> entities = byLevel.getOrDefault(level, Map.of());
      List<String> ids = LEAGUE.keySet().stream().filter(id -> entities.values().stream().anyMatch(e -> e.containsKey(id))).toList();
      // rank 1 = worst (lowest in-county rate, highest otherwise); small cells are not ranked
      Map<String, Map<String, Integer>> ranks = new HashMap<>();
      Map<String, String> worst = new HashMap<>();
      for (String id : ids) {
        List<Map.Entry<String, BigDecimal>> ranked = new ArrayList<>();
        for (Map.Entry<String, Map<String, Row>> e : entities.entrySet()) {
          BigDecimal v = figure(e.getValue().get(id), "value");
          if (v != null) {
            ranked.add(Map.entry(e.getKey(), v));
          }
        }
        ranked.sort((a, b) -> LEAGUE.get(id) ? a.getValue().compareTo(b.getValue()) : b.getValue().compareTo(a.getValue()));
        Map<String, Integer> r = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
          r.put(ranked.get(i).getKey(), i + 1);
        }
        ranks.put(id, r);
        worst.put(id, ranked.isEmpty() ? null : ranked.get(0).getKey());
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map.Entry<String, Map<String, Row>> e : entities.entrySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name(level, e.getKey()));
        row.put("code", e.getKey());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (String id : ids) {
          Row r = e.getValue().get(id);
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("text", r == null ? "—" : hidden(r) ? small() : Units.format(id, r.getAs("value")));
          c.put("worst", e.getKey().equals(worst.get(id)));
          Integer rk = ranks.get(id).get(e.getKey());
          c.put("rank", rk == null ? "" : "第" + rk);
          c.put("alert", r != null && !hidden(r) && r.<Boolean>getAs("is_alert"));
          cells.add(c);
        }
        row.put("cells", cells);
        rows.add(row);
      }
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("title", ReportText.LEVELS.get(level));
      t.put("headers", ids.stream().map(id -> indicatorNames.getOrDefault(id, id)).toList());
      t.put("rows", rows);
      if (!rows.isEmpty()) {
        tables.add(t);
      }
    }
    model.put("league", tables);
  }

  // ---- 六、预警 ---------------------------------------------------------------------------------------

  private void warnings() {
    Dataset<Row> alerts = lake.read(Tables.ADS_ALERT).filter(col("period_type").equalTo(scope.periodType())
        .and(col("period").equalTo(scope.period())));
    alerts = ReportFigures.inScope(alerts.withColumn("_region", functions.coalesce(col("entity_admdvs"), col("entity_id"))),
        col("_region"), scope);
    Dataset<Row> digest = AlertDigest.collapse(alerts);
    List<Row> all = digest.orderBy(AlertDigest.worstFirst()).collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String lv : List.of("red", "orange", "yellow")) {
      counts.put(lv, all.stream().filter(r -> lv.equals(r.getAs("alert_level"))).count());
    }
    model.put("warning_counts", counts);
    model.put("warning_total", all.size());
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Row> shown = all.subList(0, Math.min(WARNING_ROWS, all.size()));
    int rank = 0;
    for (Row r : shown) {
      String id = r.getAs("indicator_id");
      boolean small = r.<Boolean>getAs("is_suppressed");
      String unit = scope.yearly() ? "年" : "个月";
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", ++rank);
      row.put("level", r.getAs("alert_level"));
      row.put("level_zh", ReportText.WARNING.get(r.<String>getAs("alert_level")));
      row.put("entity", r.getAs("entity_name"));
      row.put("entity_id", r.getAs("entity_id"));
      row.put("entity_level", ReportText.LEVELS.get(r.<String>getAs("level")));
      row.put("indicator", indicatorNames.getOrDefault(id, id));
      row.put("indicator_id", id);
      row.put("value", small ? small() : Units.format(id, r.getAs("value")));
      row.put("value_raw", small || r.getAs("value") == null ? "" : r.<BigDecimal>getAs("value").toPlainString());
      row.put("threshold", Units.format(id, r.getAs("threshold")));
      row.put("since", r.getAs("first_alert_period"));
      row.put("streak", r.<Integer>getAs("consecutive_periods") + unit);
      row.put("insutypes", r.<String>getAs("insutypes").replace("310", "职工").replace("390", "居民").replace("all", "合计"));
      rows.add(row);
    }
    model.put("warnings", rows);
    model.put("warnings_more", all.size() - shown.size());
    model.put("evidence", evidence(shown));
  }

  /** 核查清单: for the institutions and regions at the top of the warnings, the facts behind each warning. */
  private List<Map<String, Object>> evidence(List<Row> shown) {
    List<Map<String, Object>> out = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    Dataset<Row> setl = null;
    for (Row r : shown) {
      String level = r.getAs("level");
      String entity = r.getAs("entity_id");
      String id = r.getAs("indicator_id");
      if (out.size() >= EVIDENCE_ENTITIES || !seen.add(level + "|" + entity + "|" + id)) {
        continue;
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("entity", r.getAs("entity_name"));
      e.put("entity_id", entity);
      e.put("indicator", indicatorNames.getOrDefault(id, id));
      e.put("level", r.getAs("alert_level"));
      e.put("level_zh", ReportText.WARNING.get(r.<String>getAs("alert_level")));
      boolean small = r.<Boolean>getAs("is_suppressed");
      e.put("figures", small ? "涉及人数少于" + minPersons + "人, 不列示数值与明细(请在业务系统中核查)"
          : id.endsWith(CHANGE) ? changeFigures(r)
          : "分子 " + plain(r.getAs("numerator")) + " / 分母 " + plain(r.getAs("denominator")) + " = "
              + Units.format(id, r.getAs("value")) + ", 阈值 " + Units.format(id, r.getAs("threshold")));
      List<Map<String, Object>> pairs = new ArrayList<>();
      if (!small && level.equals("medins") && id.startsWith("readmission_") && id.endsWith("_same_medins")) {
        if (setl == null) {
          setl = lake.read(Tables.DWD_SETL).filter(SetlJob.VALID).filter(col("med_class").equalTo("inpatient")).cache();
        }
        int days = Integer.parseInt(id.substring("readmission_".length(), id.indexOf('d', "readmission_".length())));
        pairs = splitStayPairs(setl, entity, days);
        e.put("pair_total", pairs.size());
        pairs = pairs.subList(0, Math.min(EVIDENCE_PAIRS, pairs.size()));
      }
      e.put("pairs", pairs);
      out.add(e);
    }
    return out;
  }

  /**
   * The evidence of a change against the same period last year ({@code x_change}, no numerator): the two rates of
   * {@code x} it is the difference of, each with its numerator and denominator (the warning's insutype).
   */
  private String changeFigures(Row alert) {
    String id = alert.getAs("indicator_id");
    String base = id.substring(0, id.length() - CHANGE.length());
    String prevPeriod = scope.yearly() ? String.valueOf(scope.year() - 1) : scope.month().minusYears(1).toString();
    Map<String, Row> rates = new HashMap<>();
    for (Row b : lake.read(Tables.ADS_INDICATOR).filter(col("indicator_id").equalTo(base)
            .and(col("period_type").equalTo(alert.<String>getAs("period_type"))).and(col("level").equalTo(alert.<String>getAs("level")))
            .and(col("entity_id").equalTo(alert.<String>getAs("entity_id"))).and(col("insutype").equalTo(alert.<String>getAs("insutype")))
            .and(col("period").isin(scope.period(), prevPeriod))).collectAsList()) {
      rates.put(b.getAs("period"), b);
    }
    Row now = rates.get(scope.period());
    Row before = rates.get(prevPeriod);
    return "本期 " + rate(base, now) + ", 上年同期 " + rate(base, before) + ", 变化 " + Units.format(id, alert.getAs("value"))
        + ", 阈值 " + Units.format(id, alert.getAs("threshold"));
  }

  private String rate(String id, Row r) {
    return r == null ? "—" : hidden(r) ? small() : Units.format(id, r.getAs("value")) + "(" + plain(r.getAs("numerator"))
        + " / " + plain(r.getAs("denominator")) + ")";
  }

  /**
   * The pairs of stays behind a same-institution readmission warning: a stay at {@code medins} discharged in
   * the report's period and another stay of the same person at the same institution admitted 0..days later.
   * Settlement ids and dates only, no person identifier.
   */
  List<Map<String, Object>> splitStayPairs(Dataset<Row> inpatient, String medins, int days) {
    Dataset<Row> at = inpatient.filter(col("fixmedins_code").equalTo(medins))
        .select("setl_id", "psn_no", "begndate", "enddate", "setl_date", "dise_codg");
    Column inPeriod = scope.yearly() ? functions.year(col("a.setl_date")).equalTo(scope.year())
        : functions.date_format(col("a.setl_date"), "yyyy-MM").equalTo(scope.month().toString());
    Column gap = functions.datediff(col("b.begndate"), col("a.enddate"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : at.as("a").join(at.as("b"), col("a.psn_no").equalTo(col("b.psn_no"))
            .and(col("a.setl_id").notEqual(col("b.setl_id"))).and(gap.between(0, days))
            .and(col("b.begndate").geq(col("a.enddate"))))
        .filter(inPeriod)
        .select(col("a.setl_id"), col("a.enddate"), col("a.dise_codg"), col("b.setl_id"), col("b.begndate"),
            col("b.dise_codg"), gap.as("gap"))
        .orderBy(col("gap"), col("a.enddate"), col("a.setl_id")).collectAsList()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("index_setl", r.getString(0));
      p.put("discharged", r.get(1).toString());
      p.put("index_dise", r.getString(2));
      p.put("readmit_setl", r.getString(3));
      p.put("admitted", r.get(4).toString());
      p.put("readmit_dise", r.getString(5));
      p.put("gap", r.getInt(6));
      out.add(p);
    }
    return out;
  }

  // ---- 七、说明 ---------------------------------------------------------------------------------------

  private void notes() {
    List<Map<String, Object>> ind = new ArrayList<>();
    Map<String, Row> rules = new TreeMap<>();
    // the scope's own row; an indicator not published at the scope's level (the in-county change: counties) takes
    // the rule of one of its rows in the period
    Column own = col("level").equalTo(scopeLevel()).and(col("entity_id").equalTo(scopeEntity()));
    Map<String, Integer> pref = new HashMap<>();
    for (Row r : lake.read(Tables.ADS_INDICATOR).filter(col("period").equalTo(scope.period()).and(col("insutype").equalTo("all")))
        .select(col("indicator_id"), col("direction"), col("threshold"), col("policy_doc"),
            functions.when(own, lit(0)).otherwise(lit(1)).as("_pref"))
        .distinct().orderBy("indicator_id", "_pref", "threshold").collectAsList()) {
      if (pref.getOrDefault(r.getString(0), 2) > r.getInt(4)) {
        pref.put(r.getString(0), r.getInt(4));
        rules.put(r.getString(0), r);
      }
    }
    for (String id : ReportText.DEFINITIONS.keySet().stream().sorted().toList()) {
      Row r = rules.get(id);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", indicatorNames.getOrDefault(id, id));
      m.put("id", id);
      m.put("definition", ReportText.DEFINITIONS.get(id));
      m.put("threshold", r == null || r.isNullAt(2) ? "趋势监测" : (r.getString(1).equals("max") ? "≤ " : "≥ ")
          + Units.format(id, r.getAs("threshold")));
      m.put("doc", r == null || r.isNullAt(3) ? "" : r.getString(3));
      ind.add(m);
    }
    model.put("indicator_notes", ind);
    Row asOf = lake.read(Tables.DWD_SETL).agg(functions.max("setl_date")).head();
    model.put("data_as_of", asOf.isNullAt(0) ? "—" : asOf.get(0).toString());
    List<Map<String, Object>> versions = new ArrayList<>();
    for (TableId t : INPUTS) {
      if (lake.exists(t)) {
        versions.add(Map.of("table", t.toString(), "version", String.valueOf(lake.version(t))));
      }
    }
    model.put("versions", versions);
    model.put("policy_version", policy.version());
    model.put("min_persons", minPersons);
    model.put("lake", lake.root().replaceAll(".*/", ""));
  }

  // ---- formatting -------------------------------------------------------------------------------

  private static String signedPercent(BigDecimal change) {
    if (change == null) {
      return "—";
    }
    return (change.signum() > 0 ? "+" : "") + Units.percent(change);
  }

  private static String points(BigDecimal diff) {
    return (diff.signum() > 0 ? "+" : "") + diff.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "个百分点";
  }

  private static String plain(BigDecimal d) {
    return d == null ? "—" : d.stripTrailingZeros().toPlainString();
  }

  private static Map<String, Boolean> linked(Object... kv) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Boolean) kv[i + 1]);
    }
    return m;
  }
}
