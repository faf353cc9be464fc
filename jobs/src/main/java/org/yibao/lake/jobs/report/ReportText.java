package org.yibao.lake.jobs.report;

import java.util.Map;

/**
 * Chinese labels of the monitoring report that are not in {@code conf/codes.yml}: the one-line
 * definition of each indicator shown in the method notes (the formulas are in docs/monitoring.md and
 * docs/policy.md §9), fund and level names.
 */
public final class ReportText {
  private ReportText() {}

  public static final Map<String, String> FUNDS = Map.of("310", "职工基本医疗保险统筹基金", "390", "城乡居民基本医疗保险基金",
      "all", "合计");

  public static final Map<String, String> INSUTYPE_SHORT = Map.of("310", "职工", "390", "居民", "all", "合计");

  public static final Map<String, String> LEVELS = Map.of("province", "省", "city", "市", "county", "县(区)",
      "medcommunity", "医共体", "medins", "医疗机构");

  public static final Map<String, String> WARNING = Map.of("red", "红色", "orange", "橙色", "yellow", "黄色");

  /** Definitions (numerator / denominator) in Chinese, docs/policy.md §9. */
  public static final Map<String, String> DEFINITIONS = Map.ofEntries(
      Map.entry("self_pay_rate", "(全自费 + 超限价自付) / 医疗总费用"),
      Map.entry("personal_burden_rate", "(个人账户 + 个人现金支付) / 医疗总费用"),
      Map.entry("policy_scope_reimbursement_rate", "统筹基金支付 / 政策范围内费用"),
      Map.entry("cost_growth_rate", "本期医疗总费用 / 上年同期 − 1(参保地口径)"),
      Map.entry("inpatient_cost_per_case", "住院医疗总费用 / 住院结算人次"),
      Map.entry("average_length_of_stay", "住院床日 / 住院结算人次"),
      Map.entry("in_county_inpatient_rate", "县域内住院人次 / 本县参保人住院总人次"),
      Map.entry("in_county_inpatient_rate_change", "县域内住院率 − 上年同期县域内住院率(个百分点; 明显下降提示虹吸); 分母取两期住院人次中较小者"),
      Map.entry("admission_rate", "住院人次 / 参保人年"),
      Map.entry("special_case_ratio_drg", "特例单议人次 / DRG 出院人次"),
      Map.entry("special_case_ratio_dip", "特例单议人次 / DIP 出院人次"),
      Map.entry("bed_days_over_agreement", "实际床日超过协议最高床日的部分"),
      Map.entry("readmission_15d_same_medins", "出院后15日内在同一机构再次入院的出院人次 / 出院人次(疑似分解住院)"),
      Map.entry("readmission_15d_any", "出院后15日内再次入院的出院人次 / 出院人次"),
      Map.entry("lead_hospital_share", "本县参保人在牵头医院住院人次 / 住院总人次"),
      Map.entry("upward_share", "(牵头医院 + 县外)住院人次 / 住院总人次"),
      Map.entry("family_doctor_signing_rate", "期末签约参保人 / 期末参保人"));
}
