package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * County medical-community package (医共体打包付费), docs/policy.md §4. Every term is returned so the
 * budget row can publish it.
 */
public final class MedCommunityPackage {
  private MedCommunityPackage() {}

  /**
   * {@code revenue_share} (GD-2019 附件1 二.1): the county's pooled-fund revenue less the adjustment
   * fund (调剂金) and the risk fund (风险金), each rounded to cents.
   */
  public static RevenueShare revenueShare(BigDecimal revenue, BigDecimal adjustmentRate, BigDecimal riskRate) {
    return revenueShare(revenue, adjustmentRate, riskRate, BigDecimal.ZERO);
  }

  /**
   * The same less the budget of the members' DIP part (settled under DIP, GY-2025 三(十); reading: last
   * year's DIP-part spending grown by the county's revenue growth), so package and actual keep one scope.
   */
  public static RevenueShare revenueShare(BigDecimal revenue, BigDecimal adjustmentRate, BigDecimal riskRate,
      BigDecimal dipPartBudget) {
    BigDecimal adjustment = cents(revenue.multiply(adjustmentRate));
    BigDecimal risk = cents(revenue.multiply(riskRate));
    return new RevenueShare(adjustment, risk, revenue.subtract(adjustment).subtract(risk).subtract(dipPartBudget));
  }

  /**
   * {@code chain_growth} (JX-2026 二(二)5, GY-2025): the total budget of the county's insured
   * ({@code base × (1 + g)}) less the reserve (预留金, {@code total × reserve_rate}), less the budget of in-county
   * non-member institutions ({@code non-member spending of Y-1 × (1 + g)}) and less the budget of the members'
   * DIP part ({@code DIP-part spending of Y-1 × (1 + g)}, settled under DIP, GY-2025 三(十)), times the
   * adjustment factors (GY-2025 三(四)). The package and the year-end actual have the same scope
   * (docs/policy.md §4).
   */
  public static ChainGrowth chainGrowth(BigDecimal base, BigDecimal g, BigDecimal reserveRate,
      BigDecimal nonMemberLastYear, BigDecimal dipPartLastYear, BigDecimal factorProduct) {
    BigDecimal total = GrowthCap.grow(base, g);
    BigDecimal reserve = cents(total.multiply(reserveRate));
    BigDecimal nonMember = GrowthCap.grow(nonMemberLastYear, g);
    BigDecimal dip = GrowthCap.grow(dipPartLastYear, g);
    BigDecimal beforeFactors = total.subtract(reserve).subtract(nonMember).subtract(dip);
    return new ChainGrowth(total, reserve, nonMember, dip, beforeFactors,
        cents(beforeFactors.multiply(factorProduct)));
  }

  /** {@link #chainGrowth(BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal)} without a DIP part. */
  public static ChainGrowth chainGrowth(BigDecimal base, BigDecimal g, BigDecimal reserveRate,
      BigDecimal nonMemberLastYear, BigDecimal factorProduct) {
    return chainGrowth(base, g, reserveRate, nonMemberLastYear, BigDecimal.ZERO.setScale(2), factorProduct);
  }

  /**
   * A county's amount shared among its several communities (docs/policy.md §4, reading: a county is budgeted
   * once): in proportion to {@code weights} (each community's members' spending on the county's insured last
   * year; all zero: equal parts), in cents HALF_UP, the last part taking the rounding remainder so the parts
   * add up to the amount exactly. One community: the whole amount.
   */
  public static java.util.List<BigDecimal> apportion(BigDecimal amount, java.util.List<BigDecimal> weights) {
    int n = weights.size();
    BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    java.util.List<BigDecimal> out = new java.util.ArrayList<>();
    BigDecimal given = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      BigDecimal part;
      if (i == n - 1) {
        part = cents(amount.subtract(given));
      } else if (sum.signum() == 0) {
        part = cents(amount.divide(BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128));
      } else {
        part = cents(amount.multiply(weights.get(i)).divide(sum, java.math.MathContext.DECIMAL128));
      }
      given = given.add(part);
      out.add(part);
    }
    return out;
  }

  /** The share of {@code weights[i]} in their sum (equal shares when all zero), DECIMAL(9,6) HALF_UP. */
  public static BigDecimal share(java.util.List<BigDecimal> weights, int i) {
    BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal s = sum.signum() == 0 ? BigDecimal.ONE.divide(BigDecimal.valueOf(weights.size()),
        java.math.MathContext.DECIMAL128) : weights.get(i).divide(sum, java.math.MathContext.DECIMAL128);
    return s.setScale(6, RoundingMode.HALF_UP);
  }

  private static BigDecimal cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  public record RevenueShare(BigDecimal adjustmentFund, BigDecimal riskFund, BigDecimal packageAmt) {}

  public record ChainGrowth(BigDecimal totalBudget, BigDecimal reserve, BigDecimal nonMemberBudget,
      BigDecimal dipPartBudget, BigDecimal beforeFactors, BigDecimal packageAmt) {}
}
