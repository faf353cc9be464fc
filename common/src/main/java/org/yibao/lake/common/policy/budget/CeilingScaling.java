package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * City-wide expenditure ceiling (以收定支、收支平衡、略有结余), docs/policy.md §3:
 * {@code ceiling = revenue(Y) × (1 − surplus_margin)}; when the bottom-up sum of the category budgets
 * exceeds it, the adjustable categories are scaled down proportionally so the total equals the
 * ceiling, fixed categories are kept.
 */
public final class CeilingScaling {
  private CeilingScaling() {}

  public static BigDecimal ceiling(BigDecimal revenue, BigDecimal surplusMargin) {
    return revenue.multiply(BigDecimal.ONE.subtract(surplusMargin)).setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * @param budgets the category budgets before scaling (null = no budget, left out)
   * @param fixed whether each category is fixed (not scaled)
   * @return the scaling factor (1 when not scaled, 6 places) and the budgets after scaling, summing
   *     to the ceiling to the cent when scaled
   */
  public static Result scale(List<BigDecimal> budgets, List<Boolean> fixed, BigDecimal ceiling) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal fixedSum = BigDecimal.ZERO;
    List<BigDecimal> adjustable = new ArrayList<>();
    for (int i = 0; i < budgets.size(); i++) {
      BigDecimal b = budgets.get(i);
      if (b == null) {
        continue;
      }
      total = total.add(b);
      if (fixed.get(i)) {
        fixedSum = fixedSum.add(b);
      } else {
        adjustable.add(b);
      }
    }
    BigDecimal adjustableSum = total.subtract(fixedSum);
    if (total.compareTo(ceiling) <= 0 || adjustableSum.signum() <= 0) {
      return new Result(BigDecimal.ONE.setScale(6), new ArrayList<>(budgets), total);
    }
    BigDecimal room = ceiling.subtract(fixedSum).max(BigDecimal.ZERO);
    List<BigDecimal> scaled = ProportionalAllocation.split(room, adjustable);
    List<BigDecimal> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < budgets.size(); i++) {
      BigDecimal b = budgets.get(i);
      out.add(b == null ? null : fixed.get(i) ? b : scaled.get(k++));
    }
    return new Result(room.divide(adjustableSum, 6, RoundingMode.HALF_UP), out, total);
  }

  /** Factor applied to the adjustable categories, budgets after scaling, bottom-up total before. */
  public record Result(BigDecimal factor, List<BigDecimal> budgets, BigDecimal bottomUp) {}
}
