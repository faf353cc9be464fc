package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.text.DecimalFormat;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;

/**
 * The year-end statement (年终清算结算单) of one medical community as an xlsx workbook (POLICY.md §6–§8): the
 * figures of the latest {@code year-end} settlement run of the year ({@code ads.settlement_year_end}), its score
 * sheet ({@code ads.performance_score}) and the monthly pre-settlements the year-end counted (the latest monthly
 * run of each month started before it). Where a figure is arithmetic of others on the sheet (A, surplus,
 * overspend, final payment, the score sum, each month's net and the totals) the cell is an Excel formula whose
 * cached value is evaluated before writing; it equals the published figure to the cent.
 */
public final class SettlementStatement {
  static final String SHEET_STATEMENT = "结算单";
  static final String SHEET_SCORE = "绩效评分";
  static final String SHEET_MONTHLY = "月度预结算";
  private static final String MONEY = "#,##0.00";

  private SettlementStatement() {}

  /** Writes the statement of {@code medcommunityId} for {@code year} to {@code out} and returns it. */
  public static Path write(Lake lake, int year, String medcommunityId, Path out) {
    if (!lake.exists(Tables.ADS_SETTLEMENT_RUN) || !lake.exists(Tables.ADS_SETTLEMENT_YEAR_END)) {
      throw noYearEnd(year);
    }
    List<Row> runs = lake.read(Tables.ADS_SETTLEMENT_RUN)
        .filter(col("kind").equalTo("year-end").and(col("settle_year").equalTo(year)))
        .orderBy(col("started_at").desc(), col("settlement_run_id").desc()).select("settlement_run_id", "started_at")
        .limit(1).collectAsList();
    if (runs.isEmpty()) {
      throw noYearEnd(year);
    }
    String run = runs.get(0).getString(0);
    Timestamp started = runs.get(0).getTimestamp(1);
    List<Row> ye = lake.read(Tables.ADS_SETTLEMENT_YEAR_END)
        .filter(col("settlement_run_id").equalTo(run).and(col("medcommunity_id").equalTo(medcommunityId)))
        .collectAsList();
    if (ye.isEmpty()) {
      throw new ConfigException("medical community " + medcommunityId + " is not in year-end run " + run);
    }
    String name = lake.exists(Tables.DIM_MEDCOMMUNITY) ? lake.read(Tables.DIM_MEDCOMMUNITY)
        .filter(col("medcommunity_id").equalTo(medcommunityId)).select("medcommunity_name").collectAsList().stream()
        .map(r -> r.getString(0)).findFirst().orElse("") : "";
    List<Row> score = lake.read(Tables.ADS_PERFORMANCE_SCORE)
        .filter(col("settlement_run_id").equalTo(run).and(col("medcommunity_id").equalTo(medcommunityId)))
        .orderBy("item").collectAsList();
    List<Row> months = List.of();
    if (lake.exists(Tables.ADS_SETTLEMENT_MONTHLY)) {
      Dataset<Row> monthlyRuns = lake.read(Tables.ADS_SETTLEMENT_RUN).filter(col("started_at").leq(started));
      months = SettlementYearEndJob.latest(lake.read(Tables.ADS_SETTLEMENT_MONTHLY)
              .filter(col("settle_year").equalTo(year).and(col("medcommunity_id").equalTo(medcommunityId))),
          monthlyRuns, "medcommunity_id", "settle_month").orderBy("settle_month").collectAsList();
    }
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles s = new Styles(wb);
      statement(wb, s, ye.get(0), name, year);
      score(wb, s, score);
      monthly(wb, s, months);
      XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      try (OutputStream os = Files.newOutputStream(out)) {
        wb.write(os);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static ConfigException noYearEnd(int year) {
    return new ConfigException("no year-end settlement for " + year + ": run `yibao settle year-end --year " + year
        + "`");
  }

  /** Cell styles of the workbook. */
  private static final class Styles {
    final CellStyle header;
    final CellStyle money;
    final CellStyle moneyBold;
    final CellStyle rate;
    final CellStyle score;

    Styles(XSSFWorkbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setBorderBottom(BorderStyle.THIN);
      money = wb.createCellStyle();
      money.setDataFormat(wb.createDataFormat().getFormat(MONEY));
      moneyBold = wb.createCellStyle();
      moneyBold.cloneStyleFrom(money);
      moneyBold.setFont(bold);
      rate = wb.createCellStyle();
      rate.setDataFormat(wb.createDataFormat().getFormat("0.000000"));
      score = wb.createCellStyle();
      score.setDataFormat(wb.createDataFormat().getFormat("0.00"));
    }
  }

  /** Label | amount | note rows, one line per figure; returns the 1-based Excel row of each added line. */
  private static final class Lines {
    final XSSFSheet sheet;
    final Styles s;
    int next = 1;

    Lines(XSSFSheet sheet, Styles s) {
      this.sheet = sheet;
      this.s = s;
    }

    int text(String label, String value) {
      XSSFRow r = sheet.createRow(next);
      r.createCell(0).setCellValue(label);
      r.createCell(1).setCellValue(value == null ? "" : value);
      return ++next;
    }

    int value(String label, BigDecimal v, CellStyle style, String note) {
      XSSFRow r = sheet.createRow(next);
      r.createCell(0).setCellValue(label);
      Cell c = r.createCell(1);
      if (v != null) {
        c.setCellValue(v.doubleValue());
      }
      c.setCellStyle(style);
      if (note != null) {
        r.createCell(2).setCellValue(note);
      }
      return ++next;
    }

    int formula(String label, String formula, CellStyle style, String note) {
      XSSFRow r = sheet.createRow(next);
      r.createCell(0).setCellValue(label);
      Cell c = r.createCell(1);
      c.setCellFormula(formula);
      c.setCellStyle(style);
      if (note != null) {
        r.createCell(2).setCellValue(note);
      }
      return ++next;
    }
  }

  private static void header(XSSFSheet sheet, Styles s, String... labels) {
    XSSFRow h = sheet.createRow(0);
    for (int i = 0; i < labels.length; i++) {
      h.createCell(i).setCellValue(labels[i]);
      h.getCell(i).setCellStyle(s.header);
    }
    sheet.createFreezePane(0, 1);
  }

  private static void statement(XSSFWorkbook wb, Styles s, Row y, String name, int year) {
    XSSFSheet sh = wb.createSheet(SHEET_STATEMENT);
    header(sh, s, "项目", "金额(元)", "说明");
    Lines l = new Lines(sh, s);
    l.text("医共体", y.getAs("medcommunity_id") + " " + name);
    l.text("清算年度", String.valueOf(year));
    l.text("清算批次", y.getAs("settlement_run_id"));
    l.text("预算批次", y.getAs("budget_run_id"));
    int b = l.value("预算总额 (B)", y.getAs("budget_amt"), s.money, "采纳预算的打包金额");
    int member = l.value("成员机构基金支出", y.getAs("member_actual_amt"), s.money, "县域参保人员在医共体成员机构");
    int outside = l.value("非成员机构基金支出", y.getAs("outside_paid_amt"), s.money, "基金已直接支付,计入打包");
    int a = l.formula("实际支出 (A)", "B" + member + "+B" + outside, s.money, "统筹基金支出");
    l.formula("结余", "MAX(B" + b + "-B" + a + ",0)", s.money, null);
    l.formula("超支", "MAX(B" + a + "-B" + b + ",0)", s.money, null);
    bands(l, "结余分档", y.getList(y.fieldIndex("surplus_bands")), "留用");
    l.value("结余分档合计", y.getAs("surplus_banded_amt"), s.money, null);
    l.value("结余留用", y.getAs("retained_amt"), s.money, "分档合计 × 绩效系数");
    bands(l, "超支分档", y.getList(y.fieldIndex("overspend_bands")), "基金分担");
    l.value("超支分档合计", y.getAs("overspend_banded_amt"), s.money, null);
    l.value("调剂金", y.getAs("adjustment_fund_amt"), s.money, "基金分担以调剂金为限");
    l.value("基金超支分担", y.getAs("fund_overspend_share_amt"), s.money, null);
    int settled = l.value("核定清算金额", y.getAs("settled_amt"), s.money, "A + 结余留用, 或 B + 基金超支分担");
    l.value("绩效得分", y.getAs("total_score"), s.score, null);
    l.value("绩效系数", y.getAs("score_factor_rate"), s.rate, "得分 / 100");
    l.value("风险金", y.getAs("risk_fund_amt"), s.money, null);
    int risk = l.value("风险金返还", y.getAs("risk_fund_paid_amt"), s.money, "风险金 × 绩效系数");
    l.value("质量保证金预留", y.getAs("deposit_withheld_amt"), s.money, null);
    int deposit = l.value("质量保证金返还", y.getAs("deposit_returned_amt"), s.money, "预留 × 绩效系数");
    int monthly = l.value("月度预结算已付", y.getAs("monthly_paid_amt"), s.money,
        y.getAs("months_settled_cnt") + " 个月, 毛额 (含预留的质量保证金; 实付 " + y.getAs("monthly_net_paid_amt") + ")");
    int prepay = l.value("预付金抵扣", y.getAs("prepay_offset_amt"), s.money, null);
    int bed = l.value("床日超标扣减", y.getAs("bed_day_deduction_amt"), s.money, null);
    int other = l.value("其他扣款", y.getAs("other_deductions_amt"), s.money, "审核扣款、考核扣款");
    l.formula("年终清算应付金额", "B" + settled + "+B" + risk + "+B" + deposit + "-B" + outside + "-B" + monthly
        + "-B" + prepay + "-B" + bed + "-B" + other, s.moneyBold, "正数: 基金支付医共体; 负数: 医共体退回基金");
    sh.setColumnWidth(0, 22 * 256);
    sh.setColumnWidth(1, 20 * 256);
    sh.setColumnWidth(2, 44 * 256);
  }

  private static void bands(Lines l, String label, List<Row> bands, String shareWord) {
    DecimalFormat pct = new DecimalFormat("0.##%");
    DecimalFormat amt = new DecimalFormat("#,##0.00");
    int i = 1;
    for (Row band : bands) {
      BigDecimal upTo = band.getDecimal(0);
      String note = (upTo == null ? "以上" : "≤ " + pct.format(upTo)) + ", 比例 " + pct.format(band.getDecimal(1))
          + ", 分档金额 " + amt.format(band.getDecimal(2));
      l.value(label + i++ + " " + shareWord, band.getDecimal(3), l.s.money, note);
    }
  }

  private static void score(XSSFWorkbook wb, Styles s, List<Row> items) {
    XSSFSheet sh = wb.createSheet(SHEET_SCORE);
    header(sh, s, "考核项目", "来源", "指标值", "目标值", "方向", "满分", "得分");
    int r = 1;
    for (Row it : items) {
      XSSFRow x = sh.createRow(r++);
      x.createCell(0).setCellValue(it.<String>getAs("item_zh"));
      x.createCell(1).setCellValue("manual".equals(it.getAs("source")) ? "人工评分" : "监测指标");
      BigDecimal value = it.getAs("indicator_value");
      x.createCell(2).setCellValue(value == null ? ("manual".equals(it.getAs("source")) ? "" : "缺失")
          : value.stripTrailingZeros().toPlainString());
      BigDecimal target = it.getAs("target");
      x.createCell(3).setCellValue(target == null ? "" : target.stripTrailingZeros().toPlainString());
      String dir = it.getAs("direction");
      x.createCell(4).setCellValue(dir == null ? "" : "higher".equals(dir) ? "不低于" : "不高于");
      number(x, 5, it.getAs("max_points"), s.score);
      number(x, 6, it.getAs("points"), s.score);
    }
    if (items.isEmpty()) {
      return;
    }
    Row first = items.get(0);
    XSSFRow sum = sh.createRow(r++);
    sum.createCell(0).setCellValue("项目得分合计");
    sum.createCell(6).setCellFormula("SUM(G2:G" + (items.size() + 1) + ")");
    sum.getCell(6).setCellStyle(s.score);
    XSSFRow bonus = sh.createRow(r++);
    bonus.createCell(0).setCellValue("中医医院附加分");
    number(bonus, 6, first.getAs("tcm_bonus_points"), s.score);
    XSSFRow total = sh.createRow(r);
    total.createCell(0).setCellValue("绩效总分");
    total.createCell(1).setCellValue("min(合计, 上限) + 附加分");
    number(total, 6, first.getAs("total_score"), s.score);
    sh.setColumnWidth(0, 22 * 256);
  }

  private static void monthly(XSSFWorkbook wb, Styles s, List<Row> months) {
    XSSFSheet sh = wb.createSheet(SHEET_MONTHLY);
    header(sh, s, "月份", "方式", "实际发生", "封顶额", "预结算金额", "质量保证金预留", "实付金额", "申报日期",
        "应付日期", "实付日期", "是否逾期", "结算批次");
    int r = 1;
    for (Row m : months) {
      XSSFRow x = sh.createRow(r++);
      x.createCell(0).setCellValue(m.<String>getAs("settle_month"));
      x.createCell(1).setCellValue(m.<String>getAs("mode"));
      number(x, 2, m.getAs("actual_amt"), s.money);
      number(x, 3, m.getAs("cap_amt"), s.money);
      number(x, 4, m.getAs("gross_amt"), s.money);
      number(x, 5, m.getAs("deposit_withheld_amt"), s.money);
      x.createCell(6).setCellFormula("E" + r + "-F" + r);
      x.getCell(6).setCellStyle(s.money);
      x.createCell(7).setCellValue(String.valueOf(m.<Object>getAs("declaration_date")));
      x.createCell(8).setCellValue(String.valueOf(m.<Object>getAs("payment_due_date")));
      Object paid = m.getAs("paid_date");
      x.createCell(9).setCellValue(paid == null ? "" : paid.toString());
      x.createCell(10).setCellValue(Boolean.TRUE.equals(m.getAs("is_late")) ? "是" : "否");
      x.createCell(11).setCellValue(m.<String>getAs("settlement_run_id"));
    }
    if (!months.isEmpty()) {
      XSSFRow total = sh.createRow(r);
      total.createCell(0).setCellValue("合计");
      for (int c : new int[] {2, 4, 5, 6}) {
        String colName = String.valueOf((char) ('A' + c));
        total.createCell(c).setCellFormula("SUM(" + colName + "2:" + colName + r + ")");
        total.getCell(c).setCellStyle(s.moneyBold);
      }
    }
    for (int c = 0; c < 12; c++) {
      sh.setColumnWidth(c, (c == 11 ? 34 : 14) * 256);
    }
  }

  private static void number(XSSFRow x, int c, BigDecimal v, CellStyle style) {
    Cell cell = x.createCell(c);
    if (v != null) {
      cell.setCellValue(v.doubleValue());
    }
    cell.setCellStyle(style);
  }
}
