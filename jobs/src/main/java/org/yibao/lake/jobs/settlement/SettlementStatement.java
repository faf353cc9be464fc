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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.budget.workbook.SheetWriter;
import org.yibao.lake.jobs.budget.workbook.SheetWriter.Kind;
import org.yibao.lake.jobs.budget.workbook.Zh;

/**
 * The year-end statement (年终清算结算单) of one medical community as an xlsx workbook (docs/policy.md §6–§8): the
 * figures of the latest {@code year-end} settlement run of the year ({@code ads.settlement_year_end}), its score
 * sheet ({@code ads.performance_score}) and the monthly pre-settlements the year-end counted (the latest monthly
 * run of each month started before it). The statement prints on one A4 page with its title, period, parties,
 * the manual inputs ({@code conf/settlement_inputs/<year>.yml}) that were absent and a signature/seal block.
 * Every figure is an input cell (yellow, from the year-end table) or an Excel formula: A, surplus, overspend, the
 * band amounts and shares, the score (linked to the score sheet, itself min(Σ items, cap) + bonus), the score
 * factor within its floor and cap, retention, fund share, risk-fund and deposit returns, the monthly totals
 * (linked to the monthly sheet) and the final payment; the cached values equal the table to the cent.
 */
public final class SettlementStatement {
  static final String SHEET_STATEMENT = "结算单";
  static final String SHEET_SCORE = "绩效评分";
  static final String SHEET_MONTHLY = "月度预结算";

  private SettlementStatement() {}

  /** Writes the statement of {@code medcommunityId} for {@code year} to {@code out} and returns it. */
  public static Path write(Lake lake, int year, String medcommunityId, Path out) {
    if (!lake.exists(Tables.ADS_SETTLEMENT_RUN) || !lake.exists(Tables.ADS_SETTLEMENT_YEAR_END)) {
      throw noYearEnd(year);
    }
    List<Row> runs = lake.read(Tables.ADS_SETTLEMENT_RUN)
        .filter(col("kind").equalTo("year-end").and(col("settle_year").equalTo(year)))
        .orderBy(col("started_at").desc(), col("settlement_run_id").desc()).select("settlement_run_id", "started_at", "inputs_source", "parameters")
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
    Map<String, String> params = new HashMap<>();
    String admdvs = ye.get(0).getAs("admdvs");
    for (Row p : runs.get(0).<Row>getList(3)) {
      // the community's own region wins over the province-wide default
      if (admdvs.equals(p.getString(2)) || !params.containsKey(p.getString(0))) {
        params.put(p.getString(0), p.getString(3));
      }
    }
    List<String> absent = absentInputs(runs.get(0).getString(2), year, medcommunityId, score);
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      SheetWriter w = new SheetWriter(wb);
      String title = (name.isEmpty() ? medcommunityId : name) + " " + year + "年度医保基金年终清算结算单";
      int scoreTotal = score(wb, w, score, params, title);
      int[] monthTotals = monthly(wb, w, months, title);
      statement(wb, w, ye.get(0), medcommunityId, name, year, params, scoreTotal, monthTotals, absent, title);
      wb.setSheetOrder(SHEET_STATEMENT, 0);
      wb.setActiveSheet(0);
      wb.setSelectedTab(0);
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

  /**
   * The manual inputs of {@code conf/settlement_inputs/<year>.yml} the year-end had none of for this community,
   * and the manual score items never entered; each line names what was taken instead.
   */
  static List<String> absentInputs(String source, int year, String id, List<Row> score) {
    List<String> out = new ArrayList<>();
    String file = "conf/settlement_inputs/" + year + ".yml";
    SettlementInputs.Community c = null;
    if (source == null || source.equals("none") || source.isEmpty()) {
      out.add(file + " 未提供:其他扣款、风险金、调剂金按0计,月度实付日期未录入");
    } else {
      Path f = Path.of(source);
      if (Files.isRegularFile(f) && f.getParent() != null && f.getParent().getParent() != null) {
        c = SettlementInputs.load(f.getParent().getParent(), year).community(id);
      } else {
        out.add("录入文件 " + source + " 已不可读,无法核对人工输入");
      }
    }
    if (c != null) {
      List<String> missing = new ArrayList<>();
      if (c.otherDeductions() == null) {
        missing.add("其他扣款(按0计)");
      }
      if (c.riskFund() == null) {
        missing.add("风险金(按0计)");
      }
      if (c.adjustmentFund() == null) {
        missing.add("调剂金");
      }
      if (c.payments() == null || c.payments().isEmpty()) {
        missing.add("月度实付日期");
      }
      if (!missing.isEmpty()) {
        out.add(file + " 未录入:" + String.join("、", missing));
      }
    }
    for (Row it : score) {
      if ("manual".equals(it.getAs("source")) && it.isNullAt(it.fieldIndex("manual_score"))) {
        out.add("人工评分未录入:" + it.<String>getAs("item_zh") + "(计为缺失)");
      }
    }
    return out;
  }

  /** label | amount | rate | explanation rows of the statement sheet. */
  private static final class Lines {
    final XSSFSheet sheet;
    final SheetWriter w;
    int next;

    Lines(XSSFSheet sheet, SheetWriter w, int first) {
      this.sheet = sheet;
      this.w = w;
      this.next = first;
    }

    /** An input line: the figure as taken from the year-end table (yellow). Returns its Excel row. */
    int in(String label, BigDecimal v, Kind kind, String note) {
      XSSFRow r = row(label, note);
      Cell c = r.createCell(1);
      if (v == null) {
        c.setCellValue(SheetWriter.NOT_APPLICABLE);
        c.setCellStyle(w.style(Kind.TEXT, false, false));
      } else {
        c.setCellValue(v.doubleValue());
        c.setCellStyle(w.style(kind, true, false));
      }
      return next;
    }

    int formula(String label, String formula, Kind kind, boolean bold, String note) {
      XSSFRow r = row(label, note);
      Cell c = r.createCell(1);
      c.setCellFormula(formula);
      c.setCellStyle(w.style(kind, false, bold));
      return next;
    }

    /** A rate beside the amount (column C), input. */
    void rate(int excelRow, BigDecimal v) {
      Cell c = sheet.getRow(excelRow - 1).createCell(2);
      c.setCellValue(v.doubleValue());
      c.setCellStyle(w.style(Kind.RATE, true, false));
    }

    XSSFRow row(String label, String note) {
      XSSFRow r = sheet.createRow(next++);
      r.createCell(0).setCellValue(label);
      r.getCell(0).setCellStyle(w.style(Kind.TEXT, false, false));
      Cell n = r.createCell(3);
      n.setCellValue(note == null ? "" : note);
      n.setCellStyle(w.style(Kind.TEXT, false, false));
      return r;
    }

    void text(String label, String value) {
      XSSFRow r = sheet.createRow(next++);
      r.createCell(0).setCellValue(label);
      r.createCell(1).setCellValue(value);
    }
  }

  private static void statement(XSSFWorkbook wb, SheetWriter w, Row y, String id, String name, int year,
      Map<String, String> params, int scoreTotal, int[] monthTotals, List<String> absent, String title) {
    XSSFSheet sh = wb.createSheet(SHEET_STATEMENT);
    XSSFRow t = sh.createRow(0);
    t.createCell(0).setCellValue(title);
    t.getCell(0).setCellStyle(w.style(Kind.TEXT, false, true));
    t.setHeightInPoints(24);
    sh.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
    Lines l = new Lines(sh, w, 1);
    l.text("清算期间", year + "年1月1日至" + year + "年12月31日");
    l.text("甲方(医保经办机构)", "");
    l.text("乙方(医共体)", id + " " + name);
    l.text("清算批次", y.getAs("settlement_run_id"));
    l.text("预算批次", y.getAs("budget_run_id"));
    XSSFRow h = sh.createRow(l.next++);
    String[] heads = {"项目", "金额(元)", "比例/系数", "计算说明(黄色底纹为输入数据)"};
    for (int i = 0; i < heads.length; i++) {
      h.createCell(i).setCellValue(heads[i]);
      h.getCell(i).setCellStyle(w.style(Kind.TEXT, false, true));
    }
    int b = l.in("预算总额 (B)", y.getAs("budget_amt"), Kind.MONEY, "采纳预算的医共体打包额度");
    int member = l.in("成员机构基金支出", y.getAs("member_actual_amt"), Kind.MONEY, "县域参保人员在医共体成员机构的统筹基金支出");
    // the package's scope (docs/policy.md §4): chain_growth leaves in-county non-members out on both sides
    boolean withNonMembers = "revenue_share".equals(y.getAs("method"));
    String outsideLabel = withNonMembers ? "县内非成员机构及县外基金支出" : "县外就医基金支出";
    int outside = l.in(outsideLabel, y.getAs("outside_paid_amt"), Kind.MONEY, withNonMembers
        ? "县域参保人员在县内非成员机构和县外的统筹基金支出,基金已直接支付,计入打包"
        : "县域参保人员在县外的统筹基金支出,基金已直接支付,计入打包(县内非成员机构不在打包范围)");
    int a = l.formula("实际支出 (A)", "B" + member + "+B" + outside, Kind.MONEY, false, "成员机构+" + outsideLabel);
    int surplus = l.formula("结余", "MAX(B" + b + "-B" + a + ",0)", Kind.MONEY, false, "B−A,不低于0");
    int overspend = l.formula("超支", "MAX(B" + a + "-B" + b + ",0)", Kind.MONEY, false, "A−B,不低于0");
    int surplusSum = bands(l, "结余", "留用", y.getList(y.fieldIndex("surplus_bands")), b, surplus);
    int scoreRow = l.formula("绩效得分", "'" + SHEET_SCORE + "'!H" + scoreTotal, Kind.NUMBER, false, "见绩效评分表");
    String floor = params.get("settlement.score_factor.floor");
    String cap = params.get("settlement.score_factor.cap");
    int factor;
    if (floor != null && cap != null) {
      int fl = l.in("绩效系数下限", new BigDecimal(floor.trim()), Kind.FACTOR, "政策参数");
      int cp = l.in("绩效系数上限", new BigDecimal(cap.trim()), Kind.FACTOR, "政策参数");
      factor = l.formula("绩效系数", "ROUND(MIN(MAX(B" + scoreRow + "/100,B" + fl + "),B" + cp + "),6)", Kind.FACTOR,
          false, "得分÷100,限于上下限之间,保留6位小数");
    } else {
      factor = l.in("绩效系数", y.getAs("score_factor_rate"), Kind.FACTOR, "清算记录的绩效系数");
    }
    int retained = l.formula("结余留用", "ROUND(B" + surplusSum + "*B" + factor + ",2)", Kind.MONEY, false,
        "结余分档合计×绩效系数");
    int overSum = bands(l, "超支", "基金分担", y.getList(y.fieldIndex("overspend_bands")), b, overspend);
    BigDecimal adj = y.getAs("adjustment_fund_amt");
    int adjRow = l.in("调剂金", adj, Kind.MONEY, adj == null ? "本方式不以调剂金为限" : "基金分担以调剂金为限(人工录入)");
    int share = l.formula("基金超支分担", "IF(B" + overspend + ">0," + (adj == null ? "B" + overSum
        : "MIN(B" + overSum + ",B" + adjRow + ")") + ",0)", Kind.MONEY, false, "超支时:超支分档合计(以调剂金为限)");
    int settled = l.formula("核定清算金额", "IF(B" + surplus + ">0,B" + a + "+B" + retained + ",IF(B" + overspend
        + ">0,B" + b + "+B" + share + ",B" + b + "))", Kind.MONEY, true, "结余时 A+结余留用;超支时 B+基金超支分担;否则 B");
    int riskFund = l.in("风险金", y.getAs("risk_fund_amt"), Kind.MONEY, "人工录入");
    int risk = l.formula("风险金返还", "ROUND(B" + riskFund + "*B" + factor + ",2)", Kind.MONEY, false, "风险金×绩效系数");
    int withheld = monthTotals == null
        ? l.in("质量保证金预留", y.getAs("deposit_withheld_amt"), Kind.MONEY, "月度预结算预留合计")
        : l.formula("质量保证金预留", "'" + SHEET_MONTHLY + "'!F" + monthTotals[0], Kind.MONEY, false, "见月度预结算表合计");
    int deposit = l.formula("质量保证金返还", "ROUND(B" + withheld + "*B" + factor + ",2)", Kind.MONEY, false,
        "预留×绩效系数");
    // gross: the deposit withheld from the monthly payments comes back only as 质量保证金返还 (docs/policy.md §7.1)
    int monthly = monthTotals == null
        ? l.in("月度预结算(毛额)", y.getAs("monthly_paid_amt"), Kind.MONEY, y.getAs("months_settled_cnt")
            + " 个月,含预留的质量保证金;实付 " + y.getAs("monthly_net_paid_amt"))
        : l.formula("月度预结算(毛额)", "'" + SHEET_MONTHLY + "'!E" + monthTotals[0], Kind.MONEY, false,
            y.getAs("months_settled_cnt") + " 个月,含预留的质量保证金,见月度预结算表合计");
    int prepay = l.in("预付金抵扣", y.getAs("prepay_offset_amt"), Kind.MONEY, "年初预付金");
    int bed = l.in("床日超标扣减", y.getAs("bed_day_deduction_amt"), Kind.MONEY, "床日协议超标部分");
    int other = l.in("其他扣款", y.getAs("other_deductions_amt"), Kind.MONEY, "审核扣款、考核扣款(人工录入)");
    l.formula("年终清算应付金额", "B" + settled + "+B" + risk + "+B" + deposit + "-B" + outside + "-B" + monthly
        + "-B" + prepay + "-B" + bed + "-B" + other, Kind.MONEY, true,
        "核定+风险金返还+保证金返还−基金已直接支付部分−月度已付−预付−床日扣减−其他扣款;正数基金支付医共体,负数医共体退回");
    l.next++;
    XSSFRow ah = sh.createRow(l.next++);
    ah.createCell(0).setCellValue("未录入的人工输入");
    ah.getCell(0).setCellStyle(w.style(Kind.TEXT, false, true));
    if (absent.isEmpty()) {
      sh.createRow(l.next++).createCell(0).setCellValue("无");
    }
    for (String line : absent) {
      XSSFRow r = sh.createRow(l.next++);
      r.createCell(0).setCellValue(line);
      sh.addMergedRegion(new CellRangeAddress(r.getRowNum(), r.getRowNum(), 0, 3));
    }
    l.next++;
    String[][] sign = {{"甲方:经办人", "审核人", "盖章", "日期"}, {"乙方:经办人", "审核人", "盖章", "日期"}};
    for (String[] side : sign) {
      XSSFRow r = sh.createRow(l.next++);
      r.setHeightInPoints(28);
      for (int i = 0; i < side.length; i++) {
        r.createCell(i).setCellValue(side[i] + ":");
      }
    }
    sh.setColumnWidth(0, 26 * 256);
    sh.setColumnWidth(1, 20 * 256);
    sh.setColumnWidth(2, 14 * 256);
    sh.setColumnWidth(3, 70 * 256);
    SheetWriter.print(sh, title, null);
    sh.getPrintSetup().setFitHeight((short) 1);
  }

  /**
   * The band lines of a surplus or overspend (docs/policy.md §7): per band its amount, the part of {@code x}
   * between the previous band's upper bound and {@code ROUND(B × up_to, 2)}, and its share
   * {@code ROUND(amount × rate, 2)}; returns the Excel row of the shares' sum.
   */
  private static int bands(Lines l, String what, String shareWord, List<Row> bands, int b, int x) {
    DecimalFormat pct = new DecimalFormat("0.##%");
    List<Integer> shares = new ArrayList<>();
    String prevUpper = null;
    int i = 1;
    for (Row band : bands) {
      BigDecimal upTo = band.getDecimal(0);
      String upper = upTo == null ? "B" + x : "MIN(B" + x + ",ROUND(B" + b + "*C" + (l.next + 1) + ",2))";
      String amount = "MAX(" + upper + "-" + (prevUpper == null ? "0" : prevUpper) + ",0)";
      int amt = l.formula(what + "分档" + i + " 金额", amount, Kind.MONEY, false,
          (upTo == null ? "超过上一档的部分" : "不超过预算的 " + pct.format(upTo) + " 的部分(C列为分档上限)"));
      if (upTo != null) {
        l.rate(amt, upTo);
      }
      int share = l.formula(what + "分档" + i + " " + shareWord, "ROUND(B" + amt + "*C" + (l.next + 1) + ",2)",
          Kind.MONEY, false, "分档金额×比例(C列)");
      l.rate(share, band.getDecimal(1));
      shares.add(share);
      prevUpper = upTo == null ? null : "MIN(B" + x + ",ROUND(B" + b + "*C" + amt + ",2))";
      i++;
    }
    return l.formula(what + "分档合计", shares.isEmpty() ? "0"
        : shares.stream().map(r -> "B" + r).collect(Collectors.joining("+")), Kind.MONEY, false, "各档" + shareWord + "之和");
  }

  /** The score sheet; returns the Excel row of 绩效总分. */
  private static int score(XSSFWorkbook wb, SheetWriter w, List<Row> items, Map<String, String> params, String title) {
    XSSFSheet sh = wb.createSheet(SHEET_SCORE);
    header(sh, w, "考核项目", "来源", "指标值", "目标值", "方向", "人工评分", "满分", "得分", "状态");
    int r = 1;
    for (Row it : items) {
      XSSFRow x = sh.createRow(r++);
      boolean manual = "manual".equals(it.getAs("source"));
      text(x, 0, w, it.getAs("item_zh"));
      text(x, 1, w, manual ? "人工评分" : "监测指标");
      number(x, 2, w, it.getAs("indicator_value"), Kind.FACTOR, manual ? SheetWriter.NOT_APPLICABLE : SheetWriter.MISSING);
      number(x, 3, w, it.getAs("target"), Kind.FACTOR, SheetWriter.NOT_APPLICABLE);
      String dir = it.getAs("direction");
      text(x, 4, w, dir == null ? SheetWriter.NOT_APPLICABLE : Zh.of(dir));
      number(x, 5, w, it.getAs("manual_score"), Kind.NUMBER, manual ? SheetWriter.MISSING : SheetWriter.NOT_APPLICABLE);
      number(x, 6, w, it.getAs("max_points"), Kind.NUMBER, SheetWriter.MISSING);
      number(x, 7, w, it.getAs("points"), Kind.NUMBER, SheetWriter.MISSING);
      boolean missing = Boolean.TRUE.equals(it.getAs("is_missing")) || it.isNullAt(it.fieldIndex("points"));
      text(x, 8, w, missing ? SheetWriter.MISSING : "已评");
    }
    int last = r;
    XSSFRow sum = sh.createRow(r++);
    text(sum, 0, w, "项目得分合计");
    sum.createCell(7).setCellFormula(items.isEmpty() ? "0" : "SUM(H2:H" + last + ")");
    sum.getCell(7).setCellStyle(w.style(Kind.NUMBER, false, true));
    int sumRow = r;
    Row first = items.isEmpty() ? null : items.get(0);
    XSSFRow capRow = sh.createRow(r++);
    text(capRow, 0, w, "得分上限");
    String cap = params.get("settlement.score.cap");
    number(capRow, 7, w, cap == null ? null : new BigDecimal(cap.trim()), Kind.NUMBER, SheetWriter.MISSING);
    int capExcel = r;
    XSSFRow bonus = sh.createRow(r++);
    text(bonus, 0, w, "中医医院附加分");
    number(bonus, 7, w, first == null ? null : first.getAs("tcm_bonus_points"), Kind.NUMBER, SheetWriter.MISSING);
    int bonusRow = r;
    XSSFRow total = sh.createRow(r++);
    text(total, 0, w, "绩效总分");
    text(total, 1, w, "合计与上限取小 + 附加分");
    Cell t = total.createCell(7);
    if (cap != null && first != null) {
      t.setCellFormula("MIN(H" + sumRow + ",H" + capExcel + ")+H" + bonusRow);
      t.setCellStyle(w.style(Kind.NUMBER, false, true));
    } else {
      number(total, 7, w, first == null ? null : first.getAs("total_score"), Kind.NUMBER, SheetWriter.MISSING);
    }
    sh.setColumnWidth(0, 26 * 256);
    for (int c = 1; c < 9; c++) {
      sh.setColumnWidth(c, 12 * 256);
    }
    SheetWriter.print(sh, title + " — " + SHEET_SCORE, "1:1");
    return r;
  }

  /** The monthly sheet; returns {Excel row of the 合计 row} or null without months. */
  private static int[] monthly(XSSFWorkbook wb, SheetWriter w, List<Row> months, String title) {
    XSSFSheet sh = wb.createSheet(SHEET_MONTHLY);
    header(sh, w, "月份", "方式", "实际发生(元)", "封顶额(元)", "预结算金额(元)", "质量保证金预留(元)", "实付金额(元)",
        "申报日期", "应付日期", "实付日期", "是否逾期", "结算批次");
    int r = 1;
    for (Row m : months) {
      XSSFRow x = sh.createRow(r++);
      text(x, 0, w, m.getAs("settle_month"));
      text(x, 1, w, Zh.of(m.getAs("mode")));
      number(x, 2, w, m.getAs("actual_amt"), Kind.MONEY, SheetWriter.MISSING);
      number(x, 3, w, m.getAs("cap_amt"), Kind.MONEY, SheetWriter.NOT_APPLICABLE);
      number(x, 4, w, m.getAs("gross_amt"), Kind.MONEY, SheetWriter.MISSING);
      number(x, 5, w, m.getAs("deposit_withheld_amt"), Kind.MONEY, SheetWriter.MISSING);
      x.createCell(6).setCellFormula("E" + r + "-F" + r);
      x.getCell(6).setCellStyle(w.style(Kind.MONEY, false, false));
      text(x, 7, w, str(m.getAs("declaration_date")));
      text(x, 8, w, str(m.getAs("payment_due_date")));
      text(x, 9, w, m.getAs("paid_date") == null ? "未录入" : m.getAs("paid_date").toString());
      text(x, 10, w, m.getAs("is_late") == null ? SheetWriter.MISSING : Boolean.TRUE.equals(m.getAs("is_late")) ? "是" : "否");
      text(x, 11, w, m.getAs("settlement_run_id"));
    }
    for (int c = 0; c < 12; c++) {
      sh.setColumnWidth(c, (c == 11 ? 30 : 14) * 256);
    }
    SheetWriter.print(sh, title + " — " + SHEET_MONTHLY, "1:1");
    if (months.isEmpty()) {
      return null;
    }
    XSSFRow total = sh.createRow(r);
    text(total, 0, w, "合计");
    for (int c : new int[] {2, 4, 5, 6}) {
      String colName = String.valueOf((char) ('A' + c));
      total.createCell(c).setCellFormula("SUM(" + colName + "2:" + colName + r + ")");
      total.getCell(c).setCellStyle(w.style(Kind.MONEY, false, true));
    }
    return new int[] {r + 1};
  }

  private static String str(Object o) {
    return o == null ? SheetWriter.MISSING : o.toString();
  }

  private static void header(XSSFSheet sheet, SheetWriter w, String... labels) {
    XSSFRow h = sheet.createRow(0);
    for (int i = 0; i < labels.length; i++) {
      h.createCell(i).setCellValue(labels[i]);
      h.getCell(i).setCellStyle(w.style(Kind.TEXT, false, true));
    }
    sheet.createFreezePane(0, 1);
  }

  private static void text(XSSFRow x, int c, SheetWriter w, String v) {
    Cell cell = x.createCell(c);
    cell.setCellValue(v == null ? SheetWriter.MISSING : v);
    cell.setCellStyle(w.style(Kind.TEXT, false, false));
  }

  /** A number stored as a number (input fill), or the text {@code absent} where there is none. */
  private static void number(XSSFRow x, int c, SheetWriter w, BigDecimal v, Kind kind, String absent) {
    Cell cell = x.createCell(c);
    if (v == null) {
      cell.setCellValue(absent);
      cell.setCellStyle(w.style(Kind.TEXT, false, false));
    } else {
      cell.setCellValue(v.doubleValue());
      cell.setCellStyle(w.style(kind, true, false));
    }
  }
}
