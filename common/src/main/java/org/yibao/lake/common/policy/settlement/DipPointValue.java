package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * DIP point value (病种分值点值), POLICY.md §7 (seed 004 §二(四)10, 12):
 * {@code point_value = DIP budget / Σ case points}; an institution is paid
 * {@code case points × point_value × level coefficient} (等级系数 per {@code hosp_lv} in config); special
 * cases (特例单议) are limited to a share of discharges per region (5 % DRG, 5 ‰ DIP) and paid
 * fee-for-service; the payout rate (清算拨付率) {@code = paid / claimed} should stay at or above 85 %.
 * Payments are paid by the fund to the institution.
 */
public final class DipPointValue {
  private DipPointValue() {}

  /** The point value, unrounded (published at 6 places). */
  public static BigDecimal pointValue(BigDecimal budget, BigDecimal totalPoints) {
    return totalPoints.signum() == 0 ? BigDecimal.ZERO : Decimals.div(budget, totalPoints);
  }

  /** {@code points × value × coefficient} from the unrounded value, cents HALF_UP. */
  public static BigDecimal payment(BigDecimal points, BigDecimal budget, BigDecimal totalPoints,
      BigDecimal levelCoefficient) {
    return Decimals.cents(points.multiply(pointValue(budget, totalPoints)).multiply(levelCoefficient));
  }

  /** The most special cases a region may have: {@code floor(discharges × max_share)}. */
  public static long specialCaseLimit(long discharges, BigDecimal maxShare) {
    return BigDecimal.valueOf(discharges).multiply(maxShare).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
  }

  /** {@code paid / claimed} at 6 places; null when nothing was claimed. */
  public static BigDecimal payoutRate(BigDecimal paid, BigDecimal claimed) {
    return claimed.signum() == 0 ? null : Decimals.rate(Decimals.div(paid, claimed));
  }
}
