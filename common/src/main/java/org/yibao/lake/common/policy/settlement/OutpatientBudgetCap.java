package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * Outpatient budget cap (门诊总额预算封顶), docs/policy.md §7.3: when compliant claims
 * {@code K} of the year exceed the outpatient budget {@code Bo}, institution i is paid
 * {@code K_i × Bo / K} (pro rata); otherwise {@code K_i}. Paid by the fund to the institution.
 * Budget and claims have one scope, the city's insured treated in the city: the city budget (by insured place)
 * is cut to it by last year's share, {@code Bo = city_budget × E_local(Y-1) / E_all(Y-1)}.
 */
public final class OutpatientBudgetCap {
  private OutpatientBudgetCap() {}

  /** {@code E_local / E_all} at 6 places (published; the budget is cut with the unrounded share). */
  public static BigDecimal localShare(BigDecimal localLastYear, BigDecimal allLastYear) {
    return Decimals.rate(Decimals.div(localLastYear, allLastYear));
  }

  /** {@code city_budget × E_local / E_all}, HALF_UP to cents. */
  public static BigDecimal localBudget(BigDecimal cityBudget, BigDecimal localLastYear, BigDecimal allLastYear) {
    return Decimals.cents(Decimals.div(cityBudget.multiply(localLastYear), allLastYear));
  }

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
