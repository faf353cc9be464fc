package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Bed-day agreement (床位协议), POLICY.md §3 (seed 004 §二(一)2):
 * {@code max_bed_days = beds × days_in_year × max_occupancy}; at year end the pooled-fund inpatient
 * expenditure on bed-days above it is deducted proportionally,
 * {@code deduction = fund × max(0, bed_days − max_bed_days) / bed_days × deduction_rate}.
 */
public final class BedDayAgreement {
  private BedDayAgreement() {}

  /** HALF_UP to two places. */
  public static BigDecimal maxBedDays(long beds, int daysInYear, BigDecimal maxOccupancy) {
    return BigDecimal.valueOf(beds).multiply(BigDecimal.valueOf(daysInYear)).multiply(maxOccupancy)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** The year-end deduction, HALF_UP to cents; zero when the bed-days stay within the maximum. */
  public static BigDecimal deduction(BigDecimal fundInpatient, BigDecimal bedDays, BigDecimal maxBedDays,
      BigDecimal deductionRate) {
    BigDecimal excess = bedDays.subtract(maxBedDays);
    if (excess.signum() <= 0 || bedDays.signum() == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return fundInpatient.multiply(excess).multiply(deductionRate).divide(bedDays, 2, RoundingMode.HALF_UP);
  }
}
