package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * Bed-day agreement deduction (床位协议, 超出年度最大床日数扣减), docs/policy.md §3.1 (bed-day agreement):
 * {@code deduction = fund_inpatient × max(0, bed_days − max_bed_days) / bed_days × deduction_rate}.
 * A deduction: withheld by the fund from what it owes the institution's community (positive = less paid).
 */
public final class BedDayDeduction {
  private BedDayDeduction() {}

  public static BigDecimal of(BigDecimal fundInpatient, BigDecimal bedDays, BigDecimal maxBedDays,
      BigDecimal deductionRate) {
    BigDecimal excess = Decimals.nonNegative(bedDays.subtract(maxBedDays));
    if (excess.signum() == 0 || bedDays.signum() <= 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return Decimals.cents(Decimals.div(fundInpatient.multiply(excess), bedDays).multiply(deductionRate));
  }
}
