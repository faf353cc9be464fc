package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Growth multiplication (增速乘法), docs/policy.md §2 (JX-2026 二(二)4-7): the growth applied is the
 * requested growth capped by the fund-revenue growth of the same region,
 * {@code g = min(g_requested, revenue(Y) / revenue(Y-1) − 1)}; no requested growth means the cap.
 */
public final class GrowthCap {
  private GrowthCap() {}

  /** {@code revenue(Y) / revenue(Y-1) − 1}, HALF_UP to 6 places (the published rate). */
  public static BigDecimal revenueGrowth(BigDecimal revenueBudgetYear, BigDecimal revenueActualLastYear) {
    if (revenueActualLastYear.signum() <= 0) {
      throw new IllegalArgumentException("last year's revenue must be positive to give a growth rate, is "
          + revenueActualLastYear);
    }
    return revenueBudgetYear.divide(revenueActualLastYear, 6, RoundingMode.HALF_UP).subtract(BigDecimal.ONE);
  }

  /** {@code min(requested, cap)}; a null request takes the cap. */
  public static BigDecimal applied(BigDecimal requested, BigDecimal cap) {
    return requested == null ? cap : requested.min(cap);
  }

  /** {@code base × (1 + g)}, HALF_UP to cents. */
  public static BigDecimal grow(BigDecimal base, BigDecimal g) {
    return base.multiply(BigDecimal.ONE.add(g)).setScale(2, RoundingMode.HALF_UP);
  }
}
