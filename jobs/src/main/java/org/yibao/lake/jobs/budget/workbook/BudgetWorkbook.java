package org.yibao.lake.jobs.budget.workbook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.COUNT;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.MONEY;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.RATE;
import static org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind.TEXT;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.BudgetCompiler;
import org.yibao.lake.jobs.budget.workbook.SheetWriter.Col;

/**
 * The budget workbook (医保基金支出预算编制表) a finance officer hands to a supervisor: one run's
 * figures, its parameters with their policy source and its input versions. The weighted baseline,
 * the grown budget, the package deductions and the bed-day maximum are Excel formulas over the
 * cells of their row, with the evaluated value cached in the file.
 */
public final class BudgetWorkbook {
  public static final String INFO = "说明";
  public static final String PROVINCE = "全省汇总";
  public static final String CITIES = "各统筹区";
  public static final String MEDCOMMUNITY = "医共体打包";
  public static final String TWO_DISEASE = "两病人头";
  public static final String CROSS_REGION = "省内异地";
  public static final String BED_DAY = "床日协议";

  private BudgetWorkbook() {}

  public static void write(Lake lake, Path confDir, String runId, Path out) {
    Row run = BudgetCompiler.run(lake, runId);
    Column categoryZh = categoryNames(BudgetCategories.load(confDir));
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      SheetWriter w = new SheetWriter(wb);
      info(wb, run);
      Dataset<Row> city = rows(lake, Tables.ADS_BUDGET_CITY, runId).withColumn("category_zh", categoryZh);
      w.sheet(PROVINCE, provinceCols(), city.filter(col("region_level").equalTo("province"))
          .orderBy("insutype", "category").collectAsList());
      Dataset<Row> baseline = rows(lake, Tables.ADS_BUDGET_BASELINE, runId)
          .select("admdvs", "insutype", "category", "e_y3_amt", "e_y2_amt", "e_y1_amt", "w1", "w2", "w3",
              "baseline_amt");
      w.sheet(CITIES, cityCols(), named(lake, city.filter(col("region_level").equalTo("city"))
          .join(baseline, org.yibao.lake.common.spark.Cols.seq("admdvs", "insutype", "category"), "left"), "admdvs")
          .orderBy("admdvs", "insutype", "category").collectAsList());
      w.sheet(MEDCOMMUNITY, medcommunityCols(),
          named(lake, rows(lake, Tables.ADS_BUDGET_MEDCOMMUNITY, runId), "admdvs").orderBy("medcommunity_id")
              .collectAsList());
      w.sheet(TWO_DISEASE, twoDiseaseCols(),
          rows(lake, Tables.ADS_BUDGET_TWO_DISEASE, runId).orderBy("medcommunity_id", "dise_type").collectAsList());
      w.sheet(CROSS_REGION, crossRegionCols(),
          rows(lake, Tables.ADS_BUDGET_CROSS_REGION, runId).orderBy("insuplc_city", "insutype", "mdtrtarea_city").collectAsList());
      w.sheet(BED_DAY, bedDayCols(),
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

  private static void info(XSSFWorkbook wb, Row run) {
    XSSFSheet sh = wb.createSheet(INFO);
    int n = 0;
    n = line(sh, n, "项目 item", "值 value", "", "", "", "");
    n = line(sh, n, "预算批次 budget run", run.getAs("budget_run_id"));
    n = line(sh, n, "预算年度 budget year", run.getAs("budget_year"));
    n = line(sh, n, "方案 scenario", run.getAs("scenario"));
    n = line(sh, n, "编制人 compiled by", run.getAs("created_by"));
    n = line(sh, n, "编制时间 compiled at", String.valueOf(run.<Object>getAs("created_at")));
    n = line(sh, n, "编制原因 reason", run.getAs("reason"));
    n = line(sh, n, "是否正式预算 adopted", run.<Boolean>getAs("is_adopted"));
    n = line(sh, n, "政策参数版本 policy version", run.getAs("policy_version"));
    n = line(sh, n, "公式依据 formulas", "POLICY.md §1-§5, §7; 赣医保发 seed 004 §二(一)(二)");
    n++;
    n = line(sh, n, "参数 parameter", "适用年度 year", "区划 region", "取值 value", "政策依据 policy source", "配置文件 file");
    for (Row p : run.<Row>getList(run.fieldIndex("parameters"))) {
      n = line(sh, n, p.getString(0), p.getInt(1), p.getString(2), p.getString(3), p.getString(4), p.getString(5));
    }
    n++;
    n = line(sh, n, "输入表 input table", "Delta 版本 version");
    Map<String, Long> versions = run.getJavaMap(run.fieldIndex("input_versions"));
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(versions).entrySet()) {
      n = line(sh, n, e.getKey(), e.getValue());
    }
    sh.setColumnWidth(0, 256 * 40);
    sh.setColumnWidth(1, 256 * 40);
    sh.setColumnWidth(3, 256 * 24);
    sh.setColumnWidth(4, 256 * 60);
    sh.createFreezePane(0, 1);
  }

  private static int line(XSSFSheet sh, int n, Object... values) {
    XSSFRow r = sh.createRow(n);
    for (int i = 0; i < values.length; i++) {
      Cell c = r.createCell(i);
      SheetWriter.set(c, values[i]);
    }
    return n + 1;
  }

  private static List<Col> provinceCols() {
    return SheetWriter.cols(Col.of("险种 insutype", "insutype", TEXT), Col.of("支出类别 category", "category_zh", TEXT),
        Col.of("基数 base", "base_amt", MONEY), Col.of("收入增速 revenue growth", "revenue_growth_rate", RATE),
        Col.of("调整前预算 before scaling", "budget_before_scaling_amt", MONEY),
        Col.of("支出上限 ceiling", "ceiling_amt", MONEY), Col.of("调整系数 scaling", "scaling_factor", RATE),
        Col.of("预算 budget", "budget_amt", MONEY));
  }

  private static List<Col> cityCols() {
    return SheetWriter.cols(Col.of("统筹区 city", "admdvs", TEXT), Col.of("名称 name", "admdvs_name", TEXT),
        Col.of("险种 insutype", "insutype", TEXT), Col.of("支出类别 category", "category_zh", TEXT),
        Col.of("基数方法 method", "base_method", TEXT), Col.of("前三年支出 E(Y-3)", "e_y3_amt", MONEY),
        Col.of("前两年支出 E(Y-2)", "e_y2_amt", MONEY), Col.of("上年支出 E(Y-1)", "e_y1_amt", MONEY),
        Col.of("权重 w1", "w1", RATE), Col.of("权重 w2", "w2", RATE), Col.of("权重 w3", "w3", RATE),
        new Col("加权基数 weighted baseline", "baseline_amt", MONEY,
            r -> SheetWriter.value(r, "baseline_amt") == null ? null
                : "ROUND(({w1}*{e_y3_amt}+{w2}*{e_y2_amt}+{w3}*{e_y1_amt})/({w1}+{w2}+{w3}),2)"),
        new Col("基数 base", "base_amt", MONEY, r -> SheetWriter.value(r, "base_amt") == null ? null
            : "weighted".equals(r.getAs("base_method")) ? "{baseline_amt}" : "{e_y1_amt}"),
        Col.of("收入增速 revenue growth", "revenue_growth_rate", RATE),
        Col.of("申请增速 requested", "growth_requested_rate", RATE),
        Col.of("采用增速 growth applied", "growth_rate_applied", RATE),
        new Col("调整前预算 before scaling", "budget_before_scaling_amt", MONEY,
            r -> SheetWriter.value(r, "base_amt") == null ? null : "ROUND({base_amt}*(1+{growth_rate_applied}),2)"),
        Col.of("固定类别 fixed", "is_fixed", TEXT), Col.of("支出上限 ceiling", "ceiling_amt", MONEY),
        Col.of("调整系数 scaling", "scaling_factor", RATE), Col.of("预算 budget", "budget_amt", MONEY),
        Col.of("备注 note", "note", TEXT));
  }

  private static List<Col> medcommunityCols() {
    return SheetWriter.cols(Col.of("医共体 community", "medcommunity_id", TEXT), Col.of("县 county", "admdvs", TEXT),
        Col.of("名称 name", "admdvs_name", TEXT), Col.of("打包方式 method", "method", TEXT),
        Col.of("基数方法 base", "base_method", TEXT), Col.of("上年收入 revenue Y-1", "revenue_y1_amt", MONEY),
        Col.of("本年收入预算 revenue", "revenue_amt", MONEY), Col.of("收入增速 revenue growth", "revenue_growth_rate", RATE),
        Col.of("采用增速 growth applied", "growth_rate_applied", RATE), Col.of("基数 base", "base_amt", MONEY),
        new Col("总额预算 total budget", "total_budget_amt", MONEY,
            r -> chain(r) ? "ROUND({base_amt}*(1+{growth_rate_applied}),2)" : null),
        Col.of("调剂金比例 adjustment rate", "adjustment_rate", RATE),
        new Col("调剂金 adjustment fund", "adjustment_fund_amt", MONEY,
            r -> chain(r) ? null : "ROUND({revenue_amt}*{adjustment_rate},2)"),
        Col.of("风险金比例 risk rate", "risk_rate", RATE),
        new Col("风险金 risk fund", "risk_fund_amt", MONEY, r -> chain(r) ? null : "ROUND({revenue_amt}*{risk_rate},2)"),
        Col.of("预留金比例 reserve rate", "reserve_rate", RATE),
        new Col("预留金 reserve", "reserve_amt", MONEY, r -> chain(r) ? "ROUND({total_budget_amt}*{reserve_rate},2)" : null),
        Col.of("非成员单位预算 non-member budget", "non_member_budget_amt", MONEY),
        Col.of("年龄结构系数 age", "age_factor", RATE), Col.of("疾病谱系数 disease", "disease_factor", RATE),
        Col.of("绩效系数 performance", "performance_factor", RATE),
        new Col("打包额度 package", "package_amt", MONEY, r -> chain(r)
            ? "ROUND(({total_budget_amt}-{reserve_amt}-{non_member_budget_amt})*{age_factor}*{disease_factor}"
                + "*{performance_factor},2)"
            : "{revenue_amt}-{adjustment_fund_amt}-{risk_fund_amt}"),
        Col.of("上年县域参保人支出 Y-1 total", "y1_expenditure_amt", MONEY),
        Col.of("县内成员单位 in-county member", "y1_in_county_member_amt", MONEY),
        Col.of("县内非成员 in-county non-member", "y1_in_county_non_member_amt", MONEY),
        Col.of("市内外县 other county", "y1_other_county_amt", MONEY),
        Col.of("省内外市 other city", "y1_other_city_amt", MONEY),
        Col.of("省外 other province", "y1_other_province_amt", MONEY));
  }

  private static boolean chain(Row r) {
    return "chain_growth".equals(r.getAs("method"));
  }

  private static List<Col> twoDiseaseCols() {
    return SheetWriter.cols(Col.of("医共体 community", "medcommunity_id", TEXT), Col.of("统筹区 city", "city", TEXT),
        Col.of("病种 disease", "dise_type", TEXT), Col.of("人均支出 Y-3", "per_capita_y3_amt", MONEY),
        Col.of("人均支出 Y-2", "per_capita_y2_amt", MONEY), Col.of("人均支出 Y-1", "per_capita_y1_amt", MONEY),
        Col.of("权重 w1", "w1", RATE), Col.of("权重 w2", "w2", RATE), Col.of("权重 w3", "w3", RATE),
        new Col("人头标准 standard", "standard_amt", MONEY, r -> SheetWriter.value(r, "standard_amt") == null ? null
            : "ROUND(({w1}*{per_capita_y3_amt}+{w2}*{per_capita_y2_amt}+{w3}*{per_capita_y1_amt})/({w1}+{w2}+{w3}),2)"),
        Col.of("签约管理人数 signed patients", "signed_patient_cnt", COUNT),
        new Col("打包总额 gross", "gross_package_amt", MONEY, r -> SheetWriter.value(r, "gross_package_amt") == null
            ? null : "ROUND({standard_amt}*{signed_patient_cnt},2)"),
        Col.of("成员单位外支出 outside members", "outside_member_amt", MONEY),
        new Col("打包额度 package", "package_amt", MONEY, r -> SheetWriter.value(r, "package_amt") == null ? null
            : "MAX(0,{gross_package_amt}-{outside_member_amt})"),
        Col.of("小单元格 small cell", "is_suppressed", TEXT));
  }

  private static List<Col> crossRegionCols() {
    return SheetWriter.cols(Col.of("参保地 insured city", "insuplc_city", TEXT), Col.of("险种 insutype", "insutype", TEXT),
        Col.of("就医地 treatment city", "mdtrtarea_city", TEXT),
        Col.of("上年异地住院支出 Y-1 flow", "y1_cross_region_amt", MONEY),
        Col.of("上年合计 Y-1 total", "y1_insuplc_total_amt", MONEY), Col.of("占比 share", "share_rate", RATE),
        Col.of("收入增速 revenue growth", "revenue_growth_rate", RATE),
        Col.of("采用增速 growth applied", "growth_rate_applied", RATE),
        new Col("预算总额 chained total", "chained_total_amt", MONEY,
            r -> "ROUND({y1_insuplc_total_amt}*(1+{growth_rate_applied}),2)"),
        Col.of("分配额度 allocation", "allocation_amt", MONEY));
  }

  private static List<Col> bedDayCols() {
    return SheetWriter.cols(Col.of("机构编码 institution", "fixmedins_code", TEXT),
        Col.of("机构名称 name", "fixmedins_name", TEXT), Col.of("县 county", "admdvs", TEXT),
        Col.of("编制床位 beds", "bed_cnt", COUNT), Col.of("年天数 days", "days_in_year", COUNT),
        Col.of("最高使用率 max occupancy", "max_occupancy_rate", RATE),
        new Col("最大床日数 max bed-days", "max_bed_days", MONEY, r -> "ROUND({bed_cnt}*{days_in_year}*{max_occupancy_rate},2)"),
        Col.of("扣减比例 deduction rate", "deduction_rate", RATE), Col.of("上年床日 Y-1 bed-days", "y1_bed_days", COUNT),
        Col.of("上年住院统筹支出 Y-1 fund", "y1_inpatient_fund_amt", MONEY));
  }
}
