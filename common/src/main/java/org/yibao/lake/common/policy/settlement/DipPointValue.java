package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.yibao.lake.common.policy.budget.ProportionalAllocation;

/**
 * DIP/DRG point value (病种分值点值), docs/policy.md §7.4, §7.5.
 *
 * <pre>
 *   pool             = city DRG/DIP budget − outflows of its insured (chained, allocated elsewhere)
 *                      + in-province cross-region allocations to the city as place of treatment
 *   weighted_points_i = case points_i × level coefficient_i          (等级系数 per hosp_lv)
 *   point_value      = pool / Σ weighted_points
 *   payment_i        = weighted_points_i × point_value, in cents by largest remainder, so Σ payment_i = pool
 * </pre>
 * The level coefficient is inside the point value, so the whole pool is distributed (a coefficient below 1
 * does not leave money behind). Special cases (特例单议) are limited to a share of discharges per pooling
 * region, the share of the region's pay method (5 % DRG, 5 ‰ DIP) and paid fee-for-service; the payout rate
 * (清算拨付率) {@code = paid / claimed} should stay at or above 85 %. Payments are paid by the fund to the
 * institution.
 */
public final class DipPointValue {
  private DipPointValue() {}

  /** The pool of a city × insutype; see the class comment. */
  public static BigDecimal pool(BigDecimal cityBudget, BigDecimal outflows, BigDecimal inflows) {
    return cityBudget.subtract(outflows).add(inflows);
  }

  /** {@code points × coefficient}: the points the point value is computed over. */
  public static BigDecimal weightedPoints(BigDecimal points, BigDecimal levelCoefficient) {
    return points.multiply(levelCoefficient);
  }

  /** The point value, unrounded (published at 6 places); zero when there are no points. */
  public static BigDecimal pointValue(BigDecimal pool, BigDecimal totalWeightedPoints) {
    return totalWeightedPoints.signum() == 0 ? BigDecimal.ZERO : Decimals.div(pool, totalWeightedPoints);
  }

  /**
   * The payments of the institutions of one pool, in the order of {@code weightedPoints}: {@code pool} split in
   * proportion to the weighted points, cents by largest remainder (ties to the earlier one), so they add up
   * to the pool exactly. No points: nothing is paid (all zero, the pool stays undistributed).
   */
  public static List<BigDecimal> payments(BigDecimal pool, List<BigDecimal> weightedPoints) {
    BigDecimal sum = weightedPoints.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    if (sum.signum() == 0) {
      List<BigDecimal> zeros = new ArrayList<>();
      weightedPoints.forEach(w -> zeros.add(BigDecimal.ZERO.setScale(2)));
      return zeros;
    }
    if (pool.signum() < 0) {
      throw new IllegalArgumentException("a DRG/DIP pool cannot be negative: " + pool.toPlainString());
    }
    return ProportionalAllocation.split(pool, weightedPoints);
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
