package org.yibao.lake.jobs.budget.workbook;

import java.util.Map;

/**
 * Chinese names of the English ids a user would otherwise read in a workbook cell (method names, modes,
 * configuration keys); the docs keep the ids. An id without a name here is shown as is.
 */
public final class Zh {
  private Zh() {}

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("weighted", "三年加权基数法"), Map.entry("chain", "环比增长法"),
      Map.entry("sum_of_cities", "各统筹区合计"), Map.entry("chain_growth", "环比增长法"),
      Map.entry("revenue_share", "按基金收入打包"), Map.entry("actual_capped", "按实际封顶"),
      Map.entry("budget_share", "按预算比例预拨"), Map.entry("actual_ratio", "按实际比例预拨"),
      Map.entry("higher", "不低于"), Map.entry("lower", "不高于"),
      Map.entry("manual", "人工评分"), Map.entry("indicator", "监测指标"),
      Map.entry("HTN", "高血压"), Map.entry("DM", "糖尿病"),
      Map.entry("budget.baseline.weights", "基数权重(Y-3,Y-2,Y-1)"),
      Map.entry("budget.growth.requested", "申请增速"), Map.entry("budget.growth.first_year", "方案首年是否计增长"),
      Map.entry("budget.scheme.start_year", "方案起始年度"), Map.entry("budget.ceiling.surplus_margin", "结余率"),
      Map.entry("budget.ceiling.fixed_categories", "不参与调整的支出类别"),
      Map.entry("budget.medcommunity.method", "医共体打包方式"),
      Map.entry("budget.medcommunity.adjustment_rate", "调剂金比例"),
      Map.entry("budget.medcommunity.risk_rate", "风险金比例"), Map.entry("budget.medcommunity.reserve_rate", "预留金比例"),
      Map.entry("budget.medcommunity.factor.age", "年龄结构系数"),
      Map.entry("budget.medcommunity.factor.disease", "疾病谱系数"),
      Map.entry("budget.medcommunity.factor.performance", "绩效系数"),
      Map.entry("budget.two_disease.dise_types", "两病病种"), Map.entry("budget.two_disease.categories", "两病支出类别"),
      Map.entry("budget.bed_day.max_occupancy", "床位最高使用率"), Map.entry("budget.bed_day.deduction_rate", "床日超标扣减比例"),
      Map.entry("budget.closed_year.tolerance_days", "上年数据完整的容差天数"),
      Map.entry("settlement.score_factor.floor", "绩效系数下限"), Map.entry("settlement.score_factor.cap", "绩效系数上限"));

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * A parameter value as recorded (JSON: {@code "chain_growth"}, {@code ["HTN","DM"]}, {@code 0.05}) the way a
   * user reads it: names in Chinese ({@code more}: names known from elsewhere, such as budget categories),
   * lists joined with 、, numbers as they are.
   */
  public static String value(String json, Map<String, String> more) {
    if (json == null) {
      return null;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json);
      java.util.function.Function<String, String> name = id -> more.getOrDefault(id, of(id));
      if (n.isTextual()) {
        return name.apply(n.asText());
      }
      if (n.isArray()) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        n.forEach(e -> parts.add(e.isTextual() ? name.apply(e.asText()) : e.toString()));
        return String.join("、", parts);
      }
      return n.toString();
    } catch (java.io.IOException e) {
      return of(json);
    }
  }

  /** The Chinese name of {@code id}, or the id itself. */
  public static String of(String id) {
    return id == null ? null : NAMES.getOrDefault(id, id);
  }
}
