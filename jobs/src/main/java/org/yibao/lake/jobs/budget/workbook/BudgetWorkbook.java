package org.yibao.lake.jobs.budget.workbook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.COUNT;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.FACTOR;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.MONEY;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.NUMBER;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.RATE;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.TEXT;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.WEIGHT;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.letter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.domain.BudgetCategories;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.budget.workbook.SheetWriter.Col;

/**
 * The budget workbook (医保基金支出预算编制表) a finance officer redoes to the cent and hands to a supervisor
 * (docs/policy.md §1–§5, §7). Every published figure is an Excel formula over cells of the workbook or an input
 * cell (yellow) whose source is named in the sheet's second row: the §1 weighted baseline, the §2 revenue growth,
 * growth applied and grown budget, the §3 ceiling {@code revenue × (1 − surplus margin)} and the scaling to it
 * (exact share, cents rounded down, the remainder column and the cent each of the largest remainders gets, so the
 * budgets visibly add up to the ceiling), the province as sums of its cities, the §7 cross-region allocation by
 * the same largest-remainder rounding, and a 合计 row on every table sheet. Every sheet prints on A4 landscape,
 * one page wide. The cached values are evaluated before writing and equal the tables to the cent.
 */
public final class BudgetWorkbook {
  public static final String INFO = "说明";
  public static final String PROVINCE = "全省汇总";
  public static final String CITIES = "各统筹区";
  public static final String CEILING = "上限与调整系数";
  public static final String MEDCOMMUNITY = "医共体打包";
  public static final String TWO_DISEASE = "两病人头";
  public static final String CROSS_REGION = "省内异地";
  public static final String BED_DAY = "床日协议";

  private BudgetWorkbook() {}

  public static void write(Lake lake, Path confDir, String runId, Path out) {
    Row run = BudgetCompiler.run(lake, runId);
    int year = run.<Integer>getAs("budget_year");
    String title = year + "年医保基金支出预算编制表";
    BudgetCategories categories = BudgetCategories.load(confDir);
    Column categoryZh = categoryNames(categories);
    Map<String, BigDecimal> margins = margins(run, Policy.load(confDir), year);
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      SheetWriter w = new SheetWriter(wb);
      Map<String, String> categoryZhNames = new java.util.HashMap<>();
      categories.categories().forEach(c -> categoryZhNames.put(c.id(), c.zh()));
      info(wb, run, title, categoryZhNames);
      Dataset<Row> cityAll = rows(lake, Tables.ADS_BUDGET_CITY, runId).withColumn("category_zh", categoryZh);
      Dataset<Row> baseline = rows(lake, Tables.ADS_BUDGET_BASELINE, runId)
          .select("admdvs", "insutype", "category", "e_y3_amt", "e_y2_amt", "e_y1_amt", "w1", "w2", "w3",
              "baseline_amt");
      List<Row> cities = named(lake, cityAll.filter(col("region_level").equalTo("city"))
          .join(baseline, org.yibao.lake.common.spark.Cols.seq("admdvs", "insutype", "category"), "left"), "admdvs")
          .orderBy("admdvs", "insutype", "category").collectAsList();
      List<Row> groups = named(lake, cityAll.filter(col("region_level").equalTo("city"))
          .groupBy("admdvs", "insutype").agg(functions.first("revenue_amt").as("revenue_amt"),
              functions.first("revenue_y1_amt").as("revenue_y1_amt"), functions.first("ceiling_amt").as("ceiling_amt"))
          .withColumn("surplus_margin", marginColumn(margins)), "admdvs")
          .orderBy("admdvs", "insutype").collectAsList();
      Map<String, Integer> groupRow = new HashMap<>();
      for (int i = 0; i < groups.size(); i++) {
        groupRow.put(groups.get(i).getAs("admdvs") + "|" + groups.get(i).getAs("insutype"), SheetWriter.FIRST_ROW + i);
      }
      int cityLast = SheetWriter.FIRST_ROW + cities.size() - 1;
      XSSFSheet province = wb.createSheet(PROVINCE);
      XSSFSheet city = wb.createSheet(CITIES);
      XSSFSheet ceiling = wb.createSheet(CEILING);
      List<Col> cityCols = cityCols(groupRow, cityLast);
      w.sheet(province, title + " — " + PROVINCE, provinceCols(cityCols, cityLast, groups.size()),
          cityAll.filter(col("region_level").equalTo("province")).orderBy("insutype", "category").collectAsList());
      w.sheet(city, title + " — " + CITIES, cityCols, cities);
      w.sheet(ceiling, title + " — " + CEILING, ceilingCols(cityCols, cityLast), groups);
      w.sheet(wb.createSheet(MEDCOMMUNITY), title + " — " + MEDCOMMUNITY, medcommunityCols(),
          named(lake, rows(lake, Tables.ADS_BUDGET_MEDCOMMUNITY, runId), "admdvs").orderBy("medcommunity_id")
              .collectAsList());
      w.sheet(wb.createSheet(TWO_DISEASE), title + " — " + TWO_DISEASE, twoDiseaseCols(),
          rows(lake, Tables.ADS_BUDGET_TWO_DISEASE, runId).orderBy("medcommunity_id", "dise_type").collectAsList());
      List<Row> flows = rows(lake, Tables.ADS_BUDGET_CROSS_REGION, runId).orderBy("insuplc_city", "insutype", "mdtrtarea_city")
          .collectAsList();
      w.sheet(wb.createSheet(CROSS_REGION), title + " — " + CROSS_REGION,
          crossRegionCols(SheetWriter.FIRST_ROW + flows.size() - 1), flows);
      w.sheet(wb.createSheet(BED_DAY), title + " — " + BED_DAY, bedDayCols(),
          rows(lake, Tables.ADS_BED_DAY_AGREEMENT, runId).orderBy("fixmedins_code").collectAsList());
      XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
      Files.createDirectories(out.toAbsolutePath().getParent());
      try (OutputStream os = Files.newOutputStream(out)) {
        wb.write(os);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the workbook " + out, e);
    }
  }

  private static Dataset<Row> rows(Lake lake, TableId t, String runId) {
    return lake.read(t).filter(col("budget_run_id").equalTo(runId));
  }

  /** Adds {@code admdvs_name} from {@code dim.admdvs} when the lake has it. */
  private static Dataset<Row> named(Lake lake, Dataset<Row> df, String codeColumn) {
    if (!lake.exists(Tables.DIM_ADMDVS)) {
      return df.withColumn("admdvs_name", lit(null).cast("string"));
    }
    Dataset<Row> names = lake.read(Tables.DIM_ADMDVS).select(col("admdvs").as("_code"), col("admdvs_name"));
    return df.join(names, col(codeColumn).equalTo(col("_code")), "left").drop("_code");
  }

  private static Column categoryNames(BudgetCategories categories) {
    List<Column> kv = new ArrayList<>();
    categories.categories().forEach(c -> {
      kv.add(lit(c.id()));
      kv.add(lit(c.zh()));
    });
    return functions.coalesce(functions.element_at(functions.map(kv.toArray(Column[]::new)), col("category")),
        col("category"));
  }

  /**
   * The surplus margin (结余率) of each city as the run looked it up (its recorded parameters, which include
   * {@code --set} overrides); the configuration of the year where the run recorded none.
   */
  private static Map<String, BigDecimal> margins(Row run, Policy policy, int year) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Row p : run.<Row>getList(run.fieldIndex("parameters"))) {
      if ("budget.ceiling.surplus_margin".equals(p.getString(0))) {
        out.put(p.getString(2), new BigDecimal(p.getString(3).trim()));
      }
    }
    out.putIfAbsent("*", policy.decimal("budget.ceiling.surplus_margin", year, "*"));
    return out;
  }

  private static Column marginColumn(Map<String, BigDecimal> margins) {
    Column c = lit(margins.get("*"));
    for (Map.Entry<String, BigDecimal> e : margins.entrySet()) {
      if (!e.getKey().equals("*")) {
        c = functions.when(col("admdvs").equalTo(e.getKey()), lit(e.getValue())).otherwise(c);
      }
    }
    return c.cast("decimal(9,6)");
  }

  private static void info(XSSFWorkbook wb, Row run, String title, Map<String, String> categoryZhNames) {
    XSSFSheet sh = wb.createSheet(INFO);
    int n = 0;
    n = line(sh, n, title);
    n = line(sh, n, "项目", "内容");
    n = line(sh, n, "预算批次", run.getAs("budget_run_id"));
    n = line(sh, n, "预算年度", run.getAs("budget_year"));
    n = line(sh, n, "方案", run.getAs("scenario"));
    n = line(sh, n, "编制人", run.getAs("created_by"));
    n = line(sh, n, "编制时间", String.valueOf(run.<Object>getAs("created_at")));
    n = line(sh, n, "编制原因", run.getAs("reason"));
    n = line(sh, n, "是否正式预算", run.<Boolean>getAs("is_adopted"));
    n = line(sh, n, "政策参数版本", run.getAs("policy_version"));
    n = line(sh, n, "计算依据", "基数、增速、支出上限与调整、医共体打包、两病人头、省内异地、床日协议(政策文件第1–5、7节)");
    n = line(sh, n, "单元格说明", "黄色底纹为输入数据(来源见各表第2行);白色为公式,可在本表中复核到分;"
        + "“缺失”表示无数据,“不适用”表示该项不计算");
    n = line(sh, n, "尾差说明", "按比例分配取整到分后,余下的分按尾差(分)从大到小各补1分,分配合计与总额一致");
    n++;
    n = line(sh, n, "参数", "适用年度", "区划", "取值", "配置文件");
    for (Row p : run.<Row>getList(run.fieldIndex("parameters"))) {
      if (!p.getString(0).startsWith("budget.")) {
        continue; // the budget's own parameters only
      }
      n = line(sh, n, Zh.of(p.getString(0)), p.getInt(1), "*".equals(p.getString(2)) ? "全省" : p.getString(2),
          Zh.value(p.getString(3), categoryZhNames), p.getString(5));
    }
    n++;
    n = line(sh, n, "输入表", "数据版本");
    Map<String, Long> versions = run.getJavaMap(run.fieldIndex("input_versions"));
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(versions).entrySet()) {
      n = line(sh, n, e.getKey(), e.getValue());
    }
    sh.setColumnWidth(0, 256 * 28);
    sh.setColumnWidth(1, 256 * 70);
    sh.setColumnWidth(2, 256 * 10);
    sh.setColumnWidth(3, 256 * 24);
    sh.setColumnWidth(4, 256 * 30);
    SheetWriter.print(sh, title + " — " + INFO, null);
  }

  private static int line(XSSFSheet sh, int n, Object... values) {
    XSSFRow r = sh.createRow(n);
    for (int i = 0; i < values.length; i++) {
      Cell c = r.createCell(i);
      SheetWriter.set(c, values[i]);
    }
    return n + 1;
  }

  private static String range(String sheet, String letter, int last) {
    return "'" + sheet + "'!$" + letter + "$" + SheetWriter.FIRST_ROW + ":$" + letter + "$" + Math.max(last,
        SheetWriter.FIRST_ROW);
  }

  private static List<Col> provinceCols(List<Col> city, int cityLast, int groups) {
    String ins = range(CITIES, letter(city, "insutype"), cityLast);
    String cat = range(CITIES, letter(city, "category_zh"), cityLast);
    String byCategory = "," + ins + ",{insutype}," + cat + ",{category_zh})";
    int ceilLast = SheetWriter.FIRST_ROW + groups - 1;
    List<Col> ceil = ceilingCols(city, cityLast);
    String ceilIns = range(CEILING, letter(ceil, "insutype"), ceilLast);
    return SheetWriter.cols(Col.label("险种", "insutype"), Col.label("支出类别", "category_zh"),
        Col.f("基数(元)", "base_amt", MONEY, "各统筹区基数之和",
            r -> "SUMIFS(" + range(CITIES, letter(city, "base_amt"), cityLast) + byCategory).total(),
        Col.f("调整前预算(元)", "budget_before_scaling_amt", MONEY, "各统筹区调整前预算之和",
            r -> "SUMIFS(" + range(CITIES, letter(city, "budget_before_scaling_amt"), cityLast) + byCategory).total(),
        Col.f("预算(元)", "budget_amt", MONEY, "各统筹区预算之和",
            r -> "SUMIFS(" + range(CITIES, letter(city, "budget_amt"), cityLast) + byCategory).total(),
        Col.f("调整系数", "scaling_factor", FACTOR, "预算÷调整前预算,保留6位小数",
            r -> r.isNullAt(r.fieldIndex("scaling_factor")) ? null
                : "ROUND({budget_amt}/{budget_before_scaling_amt},6)"),
        Col.f("全省支出上限(元,本险种)", "ceiling_amt", MONEY, "各统筹区支出上限之和",
            r -> "SUMIFS(" + range(CEILING, letter(ceil, "ceiling_amt"), ceilLast) + "," + ceilIns + ",{insutype})"),
        Col.f("全省收入增速(本险种)", "revenue_growth_rate", RATE, "各统筹区本年收入预算之和÷上年收入之和−1",
            r -> r.isNullAt(r.fieldIndex("revenue_growth_rate")) ? null
                : "ROUND(SUMIFS(" + range(CEILING, letter(ceil, "revenue_amt"), ceilLast) + "," + ceilIns
                    + ",{insutype})/SUMIFS(" + range(CEILING, letter(ceil, "revenue_y1_amt"), ceilLast) + ","
                    + ceilIns + ",{insutype}),6)-1"));
  }

  /** The city rows; {@code groupRow} is the Excel row of each city × insutype on the ceiling sheet. */
  private static List<Col> cityCols(Map<String, Integer> groupRow, int last) {
    String ceil = "'" + CEILING + "'!";
    // column letters of this sheet, fixed by the order below
    String a = "A";
    String c = "C";
    String t = "T";
    String x = "X";
    java.util.function.Function<Row, Integer> g = r -> groupRow.get(r.getAs("admdvs") + "|" + r.getAs("insutype"));
    return SheetWriter.cols(Col.label("统筹区代码", "admdvs"), Col.label("统筹区", "admdvs_name"),
        Col.label("险种", "insutype"), Col.label("支出类别", "category_zh"),
        Col.label("基数方法", "base_method", r -> Zh.of(r.getAs("base_method"))),
        Col.in("前三年支出 E(Y-3)(元)", "e_y3_amt", MONEY, "Y-3年统筹基金支出").absent("无数据"),
        Col.in("前两年支出 E(Y-2)(元)", "e_y2_amt", MONEY, "Y-2年统筹基金支出").absent("无数据"),
        Col.in("上年支出 E(Y-1)(元)", "e_y1_amt", MONEY, "Y-1年统筹基金支出").absent("无数据"),
        Col.in("权重 w1", "w1", WEIGHT, "政策参数 基数权重(该年无数据则不计)").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("权重 w2", "w2", WEIGHT, "政策参数 基数权重").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("权重 w3", "w3", WEIGHT, "政策参数 基数权重").absent(SheetWriter.NOT_APPLICABLE),
        Col.f("加权基数(元)", "baseline_amt", MONEY, "Σ权重×支出÷Σ权重,四舍五入到分", BudgetWorkbook::weighted)
            .absent(SheetWriter.MISSING),
        Col.f("基数(元)", "base_amt", MONEY, "首年取加权基数,其后取上年支出",
            r -> r.isNullAt(r.fieldIndex("base_amt")) ? null
                : "weighted".equals(r.getAs("base_method")) ? "{baseline_amt}" : "{e_y1_amt}")
            .absent(SheetWriter.MISSING).total(),
        Col.in("上年基金收入(元)", "revenue_y1_amt", MONEY, "上年统筹基金收入决算"),
        Col.in("本年基金收入预算(元)", "revenue_amt", MONEY, "本年统筹基金收入预算"),
        Col.f("收入增速", "revenue_growth_rate", RATE, "本年收入预算÷上年收入−1(比值保留6位小数)",
            r -> "ROUND({revenue_amt}/{revenue_y1_amt},6)-1"),
        Col.in("申请增速", "growth_requested_rate", RATE, "政策参数 申请增速").absent("未申请"),
        Col.f("采用增速", "growth_rate_applied", RATE, "取申请增速与收入增速的较小者;方案首年不计增长时为0(输入)",
            BudgetWorkbook::applied),
        Col.f("调整前预算(元)", "budget_before_scaling_amt", MONEY, "基数×(1+采用增速),四舍五入到分",
            r -> r.isNullAt(r.fieldIndex("base_amt")) ? null : "ROUND({base_amt}*(1+{growth_rate_applied}),2)")
            .total(),
        Col.label("固定类别(不调整)", "is_fixed"),
        Col.f("调整系数", "scaling_factor", FACTOR, "见上限与调整系数表;固定类别为1",
            r -> fixed(r) || before(r) ? null : ceil + "M" + g.apply(r)),
        Col.fn("按比例精确额(元)", "exact_amt", MONEY, "调整时:可分配额度×调整前预算÷可调整合计(保留6位);否则同调整前预算",
            (r, n) -> before(r) ? null : fixed(r) ? "{budget_before_scaling_amt}"
                : "IF(" + ceil + "K" + g.apply(r) + "=\"是\",ROUND(" + ceil + "L" + g.apply(r)
                    + "*{budget_before_scaling_amt}/" + ceil + "J" + g.apply(r) + ",6),{budget_before_scaling_amt})"),
        Col.f("取整到分(元)", "floor_amt", MONEY, "精确额向下取整到分", r -> before(r) ? null : "ROUNDDOWN({exact_amt},2)")
            .total(),
        Col.f("尾差(分)", "remainder_cents", NUMBER, "(精确额−取整额)×100", r -> before(r) ? null
            : "ROUND(({exact_amt}-{floor_amt})*100,4)"),
        Col.fn("尾差补分(元)", "extra_cent", MONEY, "同一统筹区险种内尾差排名在待补尾差分数之内的补0.01元(尾差相同先列者优先)",
            (r, n) -> before(r) ? null : fixed(r) ? "0"
                : "IF(COUNTIFS($" + a + "$3:$" + a + "$" + last + ",{admdvs},$" + c + "$3:$" + c + "$" + last
                    + ",{insutype},$" + t + "$3:$" + t + "$" + last + ",\"否\",$" + x + "$3:$" + x + "$" + last
                    + ",\">\"&{remainder_cents})"
                    + (n == SheetWriter.FIRST_ROW ? "" : "+COUNTIFS($" + a + "$3:$" + a + (n - 1) + ",{admdvs},$" + c
                        + "$3:$" + c + (n - 1) + ",{insutype},$" + t + "$3:$" + t + (n - 1) + ",\"否\",$" + x + "$3:$"
                        + x + (n - 1) + ",{remainder_cents})")
                    + "<" + ceil + "O" + g.apply(r) + ",0.01,0)").total(),
        Col.f("预算(元)", "budget_amt", MONEY, "取整额+尾差补分", r -> before(r) ? null : "{floor_amt}+{extra_cent}")
            .total(),
        Col.label("备注", "note", BudgetWorkbook::cityNote));
  }

  private static boolean fixed(Row r) {
    return Boolean.TRUE.equals(r.getAs("is_fixed"));
  }

  private static boolean before(Row r) {
    return r.isNullAt(r.fieldIndex("budget_before_scaling_amt"));
  }

  /** The §1 weighted baseline over the years the scope has (a missing year has no weight). */
  private static String weighted(Row r) {
    if (r.isNullAt(r.fieldIndex("baseline_amt"))) {
      return null;
    }
    List<String> num = new ArrayList<>();
    List<String> den = new ArrayList<>();
    String[][] terms = {{"w1", "e_y3_amt"}, {"w2", "e_y2_amt"}, {"w3", "e_y1_amt"}};
    for (String[] t : terms) {
      if (!r.isNullAt(r.fieldIndex(t[0])) && !r.isNullAt(r.fieldIndex(t[1]))) {
        num.add("{" + t[0] + "}*{" + t[1] + "}");
        den.add("{" + t[0] + "}");
      }
    }
    return num.isEmpty() ? null : "ROUND((" + String.join("+", num) + ")/(" + String.join("+", den) + "),2)";
  }

  /** {@code min(requested, revenue growth)}; the first-year zero (no growth in the scheme's first year) is an input. */
  private static String applied(Row r) {
    BigDecimal cap = r.getAs("revenue_growth_rate");
    BigDecimal req = r.getAs("growth_requested_rate");
    BigDecimal applied = r.getAs("growth_rate_applied");
    if (cap == null || applied == null) {
      return null;
    }
    BigDecimal expected = req == null ? cap : req.min(cap);
    if (expected.compareTo(applied) != 0) {
      return null;
    }
    return req == null ? "{revenue_growth_rate}" : "MIN({growth_requested_rate},{revenue_growth_rate})";
  }

  private static Object cityNote(Row r) {
    if (!r.isNullAt(r.fieldIndex("base_amt"))) {
      BigDecimal applied = r.getAs("growth_rate_applied");
      BigDecimal req = r.getAs("growth_requested_rate");
      BigDecimal cap = r.getAs("revenue_growth_rate");
      BigDecimal expected = cap == null ? null : req == null ? cap : req.min(cap);
      return expected != null && applied != null && expected.compareTo(applied) != 0 ? "方案首年,不计增长" : "";
    }
    return "weighted".equals(r.getAs("base_method")) ? "前三年无支出,无基数" : "上年无支出,无法环比";
  }

  private static List<Col> ceilingCols(List<Col> city, int cityLast) {
    String ins = "," + range(CITIES, letter(city, "admdvs"), cityLast) + ",{admdvs},"
        + range(CITIES, letter(city, "insutype"), cityLast) + ",{insutype}";
    String fixedCol = "," + range(CITIES, letter(city, "is_fixed"), cityLast);
    String before = range(CITIES, letter(city, "budget_before_scaling_amt"), cityLast);
    return SheetWriter.cols(Col.label("统筹区代码", "admdvs"), Col.label("统筹区", "admdvs_name"),
        Col.label("险种", "insutype"),
        Col.in("上年基金收入(元)", "revenue_y1_amt", MONEY, "上年统筹基金收入决算"),
        Col.in("本年基金收入预算(元)", "revenue_amt", MONEY, "本年统筹基金收入预算"),
        Col.in("结余率", "surplus_margin", RATE, "政策参数 结余率(以收定支、略有结余)"),
        Col.f("支出上限(元)", "ceiling_amt", MONEY, "本年收入预算×(1−结余率),四舍五入到分",
            r -> "ROUND({revenue_amt}*(1-{surplus_margin}),2)").total(),
        Col.f("调整前合计(元)", "bottom_up_amt", MONEY, "各类别调整前预算之和", r -> "SUMIFS(" + before + ins + ")").total(),
        Col.f("固定类别合计(元)", "fixed_amt", MONEY, "固定类别调整前预算之和",
            r -> "SUMIFS(" + before + ins + fixedCol + ",\"是\")").total(),
        Col.f("可调整合计(元)", "adjustable_amt", MONEY, "调整前合计−固定类别合计", r -> "{bottom_up_amt}-{fixed_amt}"),
        Col.f("是否调整", "is_scaled", TEXT, "调整前合计超过支出上限且有可调整类别时调整",
            r -> "IF(AND({bottom_up_amt}>{ceiling_amt},{adjustable_amt}>0),\"是\",\"否\")"),
        Col.f("可分配额度(元)", "room_amt", MONEY, "调整时:支出上限−固定类别合计(不低于0);否则为可调整合计",
            r -> "IF({is_scaled}=\"是\",MAX({ceiling_amt}-{fixed_amt},0),{adjustable_amt})"),
        Col.f("调整系数", "scaling_factor", FACTOR, "可分配额度÷可调整合计,保留6位小数(仅作说明,预算按比例精确额计)",
            r -> "IF({is_scaled}=\"是\",ROUND({room_amt}/{adjustable_amt},6),1)"),
        Col.f("可调整类别取整合计(元)", "floor_sum_amt", MONEY, "可调整类别取整到分之和",
            r -> "SUMIFS(" + range(CITIES, letter(city, "floor_amt"), cityLast) + ins + fixedCol + ",\"否\")"),
        Col.f("待补尾差(分)", "leftover_cents", COUNT, "调整时:(可分配额度−取整合计)×100",
            r -> "IF({is_scaled}=\"是\",ROUND(({room_amt}-{floor_sum_amt})*100,0),0)"),
        Col.f("预算合计(元)", "budget_sum_amt", MONEY, "各类别预算之和",
            r -> "SUMIFS(" + range(CITIES, letter(city, "budget_amt"), cityLast) + ins + ")").total(),
        Col.f("上限余额(元)", "headroom_amt", MONEY, "支出上限−预算合计(调整时为0)", r -> "{ceiling_amt}-{budget_sum_amt}")
            .total());
  }

  private static List<Col> medcommunityCols() {
    return SheetWriter.cols(Col.label("医共体", "medcommunity_id"), Col.label("县区代码", "admdvs"),
        Col.label("县区", "admdvs_name"), Col.label("打包方式", "method", r -> Zh.of(r.getAs("method"))),
        Col.label("基数方法", "base_method", r -> Zh.of(r.getAs("base_method"))),
        Col.in("上年收入(元)", "revenue_y1_amt", MONEY, "县域上年基金收入").total(),
        Col.in("本年收入预算(元)", "revenue_amt", MONEY, "县域本年基金收入预算").total(),
        Col.in("收入增速", "revenue_growth_rate", RATE, "县域收入增速"),
        Col.in("采用增速", "growth_rate_applied", RATE, "取申请增速与收入增速的较小者"),
        Col.in("基数(元)", "base_amt", MONEY, "县域参保人上年基金支出或加权基数").total(),
        new Col("总额预算(元)", "total_budget_amt", MONEY, "公式:基数×(1+采用增速),四舍五入到分",
            (r, n) -> chain(r) ? "ROUND({base_amt}*(1+{growth_rate_applied}),2)" : null, SheetWriter.NOT_APPLICABLE,
            true, null),
        Col.in("调剂金比例", "adjustment_rate", RATE, "政策参数 调剂金比例").absent(SheetWriter.NOT_APPLICABLE),
        Col.f("调剂金(元)", "adjustment_fund_amt", MONEY, "本年收入预算×调剂金比例",
            r -> chain(r) ? null : "ROUND({revenue_amt}*{adjustment_rate},2)").total(),
        Col.in("风险金比例", "risk_rate", RATE, "政策参数 风险金比例").absent(SheetWriter.NOT_APPLICABLE),
        Col.f("风险金(元)", "risk_fund_amt", MONEY, "本年收入预算×风险金比例",
            r -> chain(r) ? null : "ROUND({revenue_amt}*{risk_rate},2)").total(),
        Col.in("预留金比例", "reserve_rate", RATE, "政策参数 预留金比例").absent(SheetWriter.NOT_APPLICABLE),
        Col.f("预留金(元)", "reserve_amt", MONEY, "总额预算×预留金比例",
            r -> chain(r) ? "ROUND({total_budget_amt}*{reserve_rate},2)" : null).total(),
        Col.in("非成员单位预算(元)", "non_member_budget_amt", MONEY, "县内非成员单位上年支出").absent(SheetWriter.NOT_APPLICABLE)
            .total(),
        Col.in("年龄结构系数", "age_factor", FACTOR, "政策参数 年龄结构系数").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("疾病谱系数", "disease_factor", FACTOR, "政策参数 疾病谱系数").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("绩效系数", "performance_factor", FACTOR, "政策参数 绩效系数").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("成员单位DIP部分预算(元)", "dip_part_budget_amt", MONEY, "成员单位DIP部分按DIP规则单独结算")
            .absent(SheetWriter.NOT_APPLICABLE).total(),
        Col.f("县打包总额(元)", "county_package_amt", MONEY,
            "环比增长法:(总额预算−预留金−非成员单位预算−成员DIP部分预算)×各系数;按收入打包:收入预算−调剂金−风险金−成员DIP部分预算",
            r -> chain(r)
                ? "ROUND(({total_budget_amt}-{reserve_amt}-{non_member_budget_amt}-{dip_part_budget_amt})*{age_factor}"
                    + "*{disease_factor}*{performance_factor},2)"
                : "{revenue_amt}-{adjustment_fund_amt}-{risk_fund_amt}-{dip_part_budget_amt}"),
        Col.in("县内分摊比例", "county_share_rate", RATE, "县内多个医共体按上年成员单位支出分摊"),
        Col.f("打包额度(元)", "package_amt", MONEY,
            "县内唯一医共体:县打包总额;多个医共体:按分摊比例,末位取分差(输入)",
            r -> onlyCommunity(r) ? "{county_package_amt}" : null).total(),
        Col.in("上年县域参保人支出(元)", "y1_expenditure_amt", MONEY, "上年统筹基金支出").total(),
        Col.in("本医共体成员单位(不含DIP)(元)", "y1_in_county_member_amt", MONEY, "上年统筹基金支出").total(),
        Col.in("成员单位DIP部分(元)", "y1_member_dip_amt", MONEY, "上年统筹基金支出").total(),
        Col.in("县内非成员(元)", "y1_in_county_non_member_amt", MONEY, "上年统筹基金支出").total(),
        Col.in("市内外县(元)", "y1_other_county_amt", MONEY, "上年统筹基金支出").total(),
        Col.in("省内外市(元)", "y1_other_city_amt", MONEY, "上年统筹基金支出").total(),
        Col.in("省外(元)", "y1_other_province_amt", MONEY, "上年统筹基金支出").total());
  }

  private static boolean onlyCommunity(Row r) {
    Object share = SheetWriter.value(r, "county_share_rate");
    return share instanceof java.math.BigDecimal b && b.compareTo(java.math.BigDecimal.ONE) == 0;
  }

  private static boolean chain(Row r) {
    return "chain_growth".equals(r.getAs("method"));
  }

  private static List<Col> twoDiseaseCols() {
    return SheetWriter.cols(Col.label("医共体", "medcommunity_id"), Col.label("统筹区", "city"),
        Col.label("病种", "dise_type", r -> Zh.of(r.getAs("dise_type"))),
        Col.in("人均支出 Y-3(元)", "per_capita_y3_amt", MONEY, "签约患者人均统筹基金支出").absent("无数据"),
        Col.in("人均支出 Y-2(元)", "per_capita_y2_amt", MONEY, "签约患者人均统筹基金支出").absent("无数据"),
        Col.in("人均支出 Y-1(元)", "per_capita_y1_amt", MONEY, "签约患者人均统筹基金支出").absent("无数据"),
        Col.in("权重 w1", "w1", WEIGHT, "政策参数 基数权重").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("权重 w2", "w2", WEIGHT, "政策参数 基数权重").absent(SheetWriter.NOT_APPLICABLE),
        Col.in("权重 w3", "w3", WEIGHT, "政策参数 基数权重").absent(SheetWriter.NOT_APPLICABLE),
        Col.f("人头标准(元)", "standard_amt", MONEY, "Σ权重×人均支出÷Σ权重,四舍五入到分", BudgetWorkbook::twoDiseaseStandard)
            .absent(SheetWriter.MISSING),
        Col.in("签约管理人数", "signed_patient_cnt", COUNT, "两病签约管理患者数").total(),
        Col.f("打包总额(元)", "gross_package_amt", MONEY, "人头标准×签约人数",
            r -> r.isNullAt(r.fieldIndex("gross_package_amt")) ? null : "ROUND({standard_amt}*{signed_patient_cnt},2)")
            .absent(SheetWriter.MISSING).total(),
        Col.in("成员单位外支出(元)", "outside_member_amt", MONEY, "签约患者在成员单位外的统筹基金支出").total(),
        Col.f("打包额度(元)", "package_amt", MONEY, "打包总额−成员单位外支出,不低于0",
            r -> r.isNullAt(r.fieldIndex("package_amt")) ? null : "MAX(0,{gross_package_amt}-{outside_member_amt})")
            .absent(SheetWriter.MISSING).total(),
        Col.label("小单元格", "is_suppressed"));
  }

  private static String twoDiseaseStandard(Row r) {
    if (r.isNullAt(r.fieldIndex("standard_amt"))) {
      return null;
    }
    List<String> num = new ArrayList<>();
    List<String> den = new ArrayList<>();
    String[][] terms = {{"w1", "per_capita_y3_amt"}, {"w2", "per_capita_y2_amt"}, {"w3", "per_capita_y1_amt"}};
    for (String[] t : terms) {
      if (!r.isNullAt(r.fieldIndex(t[0])) && !r.isNullAt(r.fieldIndex(t[1]))) {
        num.add("{" + t[0] + "}*{" + t[1] + "}");
        den.add("{" + t[0] + "}");
      }
    }
    return num.isEmpty() ? null : "ROUND((" + String.join("+", num) + ")/(" + String.join("+", den) + "),2)";
  }

  private static List<Col> crossRegionCols(int last) {
    // one allocation per insured city and insutype (columns A and B)
    String group = "$A$3:$A$" + last + ",{insuplc_city},$B$3:$B$" + last + ",{insutype}";
    return SheetWriter.cols(Col.label("参保地", "insuplc_city"), Col.label("险种", "insutype"),
        Col.label("就医地", "mdtrtarea_city"),
        Col.in("上年异地住院支出(元)", "y1_cross_region_amt", MONEY, "上年参保地参保人在就医地的DRG/DIP住院统筹基金支出").total(),
        Col.f("参保地上年合计(元)", "y1_insuplc_total_amt", MONEY, "同一参保地、险种各就医地之和",
            r -> "SUMIFS($D$3:$D$" + last + "," + group + ")"),
        Col.f("占比", "share_rate", RATE, "上年异地住院支出÷参保地上年合计,保留6位小数",
            r -> "ROUND({y1_cross_region_amt}/{y1_insuplc_total_amt},6)"),
        Col.in("参保地收入增速", "revenue_growth_rate", RATE, "参保地该险种本年收入预算÷上年收入−1"),
        Col.in("采用增速", "growth_rate_applied", RATE, "取申请增速与参保地收入增速的较小者"),
        Col.f("预算总额(元)", "chained_total_amt", MONEY, "参保地上年合计×(1+采用增速),四舍五入到分",
            r -> "ROUND({y1_insuplc_total_amt}*(1+{growth_rate_applied}),2)"),
        Col.f("按比例精确额(元)", "exact_amt", MONEY, "预算总额×上年异地住院支出÷参保地上年合计(保留6位)",
            r -> "ROUND({chained_total_amt}*{y1_cross_region_amt}/{y1_insuplc_total_amt},6)"),
        Col.f("取整到分(元)", "floor_amt", MONEY, "精确额向下取整到分", r -> "ROUNDDOWN({exact_amt},2)").total(),
        Col.f("尾差(分)", "remainder_cents", NUMBER, "(精确额−取整额)×100", r -> "ROUND(({exact_amt}-{floor_amt})*100,4)"),
        Col.f("待补尾差(分)", "leftover_cents", COUNT, "(预算总额−同一参保地、险种取整额之和)×100",
            r -> "ROUND(({chained_total_amt}-SUMIFS($K$3:$K$" + last + "," + group + "))*100,0)"),
        Col.fn("尾差补分(元)", "extra_cent", MONEY, "同一参保地、险种内尾差排名在待补尾差分数之内的补0.01元(尾差相同先列者优先)",
            (r, n) -> "IF(COUNTIFS(" + group + ",$L$3:$L$" + last + ",\">\"&{remainder_cents})"
                + (n == SheetWriter.FIRST_ROW ? "" : "+COUNTIFS($A$3:$A" + (n - 1) + ",{insuplc_city},$B$3:$B" + (n - 1)
                    + ",{insutype},$L$3:$L" + (n - 1) + ",{remainder_cents})")
                + "<{leftover_cents},0.01,0)").total(),
        Col.f("分配额度(元)", "allocation_amt", MONEY, "取整额+尾差补分", r -> "{floor_amt}+{extra_cent}").total(),
        Col.f("参保地分配合计(元)", "allocated_sum_amt", MONEY, "同一参保地、险种分配额度之和,等于预算总额",
            r -> "SUMIFS($O$3:$O$" + last + "," + group + ")"));
  }

  private static List<Col> bedDayCols() {
    return SheetWriter.cols(Col.label("机构编码", "fixmedins_code"), Col.label("机构名称", "fixmedins_name"),
        Col.label("县区", "admdvs"), Col.in("编制床位(张)", "bed_cnt", COUNT, "定点机构编制床位").total(),
        Col.in("年天数(天)", "days_in_year", COUNT, "预算年度天数"),
        Col.in("最高使用率", "max_occupancy_rate", RATE, "政策参数 床位最高使用率"),
        Col.f("最大床日数(床日)", "max_bed_days", NUMBER, "编制床位×年天数×最高使用率",
            r -> "ROUND({bed_cnt}*{days_in_year}*{max_occupancy_rate},2)").total(),
        Col.in("扣减比例", "deduction_rate", RATE, "政策参数 床日超标扣减比例"),
        Col.in("上年床日(床日)", "y1_bed_days", COUNT, "上年住院床日").absent("无数据").total(),
        Col.in("上年住院统筹支出(元)", "y1_inpatient_fund_amt", MONEY, "上年住院统筹基金支出").absent("无数据").total());
  }
}
