package org.yibao.lake.common.table;

/** Names of the lake's tables; they are an interface read by jobs, reports, notebooks and checks. */
public final class Tables {
  private Tables() {}

  // ods: landing rows as they came, typed, lineage columns, PII protected
  public static TableId ods(String landingTable) {
    return new TableId("ods", landingTable);
  }

  // dim: reference data
  public static final TableId DIM_ADMDVS = new TableId("dim", "admdvs");
  public static final TableId DIM_MEDINS = new TableId("dim", "medins");
  public static final TableId DIM_MEDCOMMUNITY = new TableId("dim", "medcommunity");

  // dwd: clean detail, corrections and reversals applied
  public static final TableId DWD_SETL = new TableId("dwd", "setl");
  public static final TableId DWD_PSN = new TableId("dwd", "psn");
  public static final TableId DWD_INSU = new TableId("dwd", "insu");
  public static final TableId DWD_CHRONIC_REG = new TableId("dwd", "chronic_reg");
  public static final TableId DWD_FD_SIGN = new TableId("dwd", "fd_sign");
  public static final TableId DWD_FUND_REVENUE = new TableId("dwd", "fund_revenue");
  public static final TableId DWD_MANUAL_SCORE = new TableId("dwd", "manual_score");

  // dws: aggregates at a stated grain
  public static final TableId DWS_FUND_EXPENDITURE_MONTH = new TableId("dws", "fund_expenditure_month");
  public static final TableId DWS_INSURED_PERSON_YEAR = new TableId("dws", "insured_person_year");

  // dq and ops
  public static final TableId DQ_QUARANTINE = new TableId("dq", "quarantine");
  public static final TableId DQ_EXPECTATION_RESULT = new TableId("dq", "expectation_result");
  public static final TableId OPS_BATCH = new TableId("ops", "batch");
  public static final TableId OPS_JOB_RUN = new TableId("ops", "job_run");
  /** Which ingested table-batches each job has absorbed (the nightly refresh's memory). */
  public static final TableId OPS_REFRESH = new TableId("ops", "refresh");

  // ads: budget compilation (issue 3, docs/policy.md §1-§5, §7); every table keyed by budget_run_id
  public static final TableId ADS_BUDGET_RUN = new TableId("ads", "budget_run");
  public static final TableId ADS_BUDGET_BASELINE = new TableId("ads", "budget_baseline");
  public static final TableId ADS_BUDGET_CITY = new TableId("ads", "budget_city");
  public static final TableId ADS_BUDGET_MEDCOMMUNITY = new TableId("ads", "budget_medcommunity");
  public static final TableId ADS_BUDGET_TWO_DISEASE = new TableId("ads", "budget_two_disease");
  public static final TableId ADS_BUDGET_CROSS_REGION = new TableId("ads", "budget_cross_region");
  public static final TableId ADS_BED_DAY_AGREEMENT = new TableId("ads", "bed_day_agreement");

  // ads, monitoring (issue 4): cross-region flows, indicators and alerts (docs/policy.md §9, §10)
  public static final TableId ADS_FLOW_OD = new TableId("ads", "flow_od");
  public static final TableId ADS_FLOW_REGION = new TableId("ads", "flow_region");
  public static final TableId ADS_FLOW_MEDCOMMUNITY_TIER = new TableId("ads", "flow_medcommunity_tier");
  public static final TableId ADS_INDICATOR = new TableId("ads", "indicator");
  public static final TableId ADS_ALERT = new TableId("ads", "alert");

  // ads, settlement (issue 5, docs/policy.md §6–§8); every table keyed by settlement_run_id
  public static final TableId ADS_SETTLEMENT_RUN = new TableId("ads", "settlement_run");
  public static final TableId ADS_SETTLEMENT_PREPAY = new TableId("ads", "settlement_prepay");
  public static final TableId ADS_SETTLEMENT_MONTHLY = new TableId("ads", "settlement_monthly");
  public static final TableId ADS_PERFORMANCE_SCORE = new TableId("ads", "performance_score");
  public static final TableId ADS_SETTLEMENT_YEAR_END = new TableId("ads", "settlement_year_end");
  public static final TableId ADS_CAPITATION_POINTS = new TableId("ads", "capitation_points");
  public static final TableId ADS_OUTPATIENT_BUDGET_CAP = new TableId("ads", "outpatient_budget_cap");
  public static final TableId ADS_DIP_POINT_VALUE = new TableId("ads", "dip_point_value");
  public static final TableId ADS_BED_DAY_DEDUCTION = new TableId("ads", "bed_day_deduction");

  /**
   * Whether {@code t} names a table of the lake's design (every constant here, and {@code ods.<landing
   * table>}) — a name that is merely not written yet, as opposed to a typo.
   */
  public static boolean isKnown(TableId t) {
    if (t.layer().equals("ods")) {
      return true;
    }
    for (java.lang.reflect.Field f : Tables.class.getFields()) {
      try {
        if (f.getType() == TableId.class && t.equals(f.get(null))) {
          return true;
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return false;
  }
}
