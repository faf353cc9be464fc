package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * County medical-community package (医共体打包付费), POLICY.md §4. Every term is returned so the
 * budget row can publish it.
 */
public final class MedCommunityPackage {
  private MedCommunityPackage() {}

  /**
   * {@code revenue_share} (seed 001 附件1 二.1): the county's pooled-fund revenue less the adjustment
   * fund (调剂金) and the risk fund (风险金), each rounded to cents.
   */
  public static RevenueShare revenueShare(BigDecimal revenue, BigDecimal adjustmentRate, BigDecimal riskRate) {
    BigDecimal adjustment = cents(revenue.multiply(adjustmentRate));
    BigDecimal risk = cents(revenue.multiply(riskRate));
    return new RevenueShare(adjustment, risk, revenue.subtract(adjustment).subtract(risk));
  }

  /**
   * {@code chain_growth} (seed 004 §二(二)5, seed 000): the total budget of the county's insured
   * ({@code base × (1 + g)}) less the reserve (预留金, {@code total × reserve_rate}) and less the budget
   * of in-county non-member institutions ({@code non-member spending of Y-1 × (1 + g)}), times the
   * adjustment factors (seed 000 §三(四)).
   */
  public static ChainGrowth chainGrowth(BigDecimal base, BigDecimal g, BigDecimal reserveRate,
      BigDecimal nonMemberLastYear, BigDecimal factorProduct) {
    BigDecimal total = GrowthCap.grow(base, g);
    BigDecimal reserve = cents(total.multiply(reserveRate));
    BigDecimal nonMember = GrowthCap.grow(nonMemberLastYear, g);
    BigDecimal beforeFactors = total.subtract(reserve).subtract(nonMember);
    return new ChainGrowth(total, reserve, nonMember, beforeFactors, cents(beforeFactors.multiply(factorProduct)));
  }

  private static BigDecimal cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  public record RevenueShare(BigDecimal adjustmentFund, BigDecimal riskFund, BigDecimal packageAmt) {}

  public record ChainGrowth(BigDecimal totalBudget, BigDecimal reserve, BigDecimal nonMemberBudget,
      BigDecimal beforeFactors, BigDecimal packageAmt) {}
}
