package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * Prepayment fund (预付金), docs/policy.md §6 (JX-2026 二(三)9, GY-2025 三(五)):
 * {@code prepay = avg_monthly(Y-1) × prepay_months}, {@code avg_monthly(Y-1) = fund(Y-1) / 12}.
 * Sign: paid by the fund to the community (positive = fund pays); offset at year-end (§7).
 */
public final class Prepayment {
  private Prepayment() {}

  /** Published figures: last year's monthly average and the prepayment, cents HALF_UP. */
  public record Result(BigDecimal avgMonthlyAmt, BigDecimal prepayAmt) {}

  public static Result of(BigDecimal lastYearFund, BigDecimal prepayMonths) {
    BigDecimal avg = Decimals.div(lastYearFund, Decimals.TWELVE);
    return new Result(Decimals.cents(avg), Decimals.cents(avg.multiply(prepayMonths)));
  }
}
