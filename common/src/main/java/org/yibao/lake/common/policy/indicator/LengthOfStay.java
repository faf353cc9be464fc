package org.yibao.lake.common.policy.indicator;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Bed-days of a stay (docs/policy.md §3 bed-day agreement, §9 平均住院日): nights between admission and
 * discharge, a same-day stay counting one bed-day; dws.fund_expenditure_month sums it.
 */
public final class LengthOfStay {
  private LengthOfStay() {}

  public static Column bedDays(Column begndate, Column enddate) {
    return functions.greatest(functions.datediff(enddate, begndate), functions.lit(1));
  }
}
