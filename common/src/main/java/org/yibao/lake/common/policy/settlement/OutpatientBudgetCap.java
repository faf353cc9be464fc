package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * Outpatient budget cap (门诊总额预算封顶), POLICY.md §7 (seed 004 §二(二)6): when compliant claims
 * {@code K} of the year exceed the outpatient budget {@code Bo}, institution i is paid
 * {@code K_i × Bo / K} (pro rata); otherwise {@code K_i}. Paid by the fund to the institution.
 */
public final class OutpatientBudgetCap {
  private OutpatientBudgetCap() {}

  public static boolean isCapped(BigDecimal claimsTotal, BigDecimal budget) {
    return claimsTotal.compareTo(budget) > 0;
  }

  public static BigDecimal payment(BigDecimal claims, BigDecimal claimsTotal, BigDecimal budget) {
    if (!isCapped(claimsTotal, budget)) {
      return Decimals.cents(claims);
    }
    return Decimals.cents(Decimals.div(claims.multiply(budget), claimsTotal));
  }
}
