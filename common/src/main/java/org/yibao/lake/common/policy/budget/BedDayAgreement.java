package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.yibao.lake.common.policy.settlement.BedDayDeduction;

/**
 * Bed-day agreement (床位协议), docs/policy.md §3:
 * {@code max_bed_days = beds × days_in_year × max_occupancy} — the one maximum the year-end deduction and the
 * bed-day indicator use; at year end the pooled-fund inpatient expenditure on bed-days above it is deducted
 * proportionally ({@link BedDayDeduction}, the one formula).
 */
public final class BedDayAgreement {
  private BedDayAgreement() {}

  /** HALF_UP to two places. */
  public static BigDecimal maxBedDays(long beds, int daysInYear, BigDecimal maxOccupancy) {
    return BigDecimal.valueOf(beds).multiply(BigDecimal.valueOf(daysInYear)).multiply(maxOccupancy)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** The year-end deduction: {@link BedDayDeduction#of}. */
  public static BigDecimal deduction(BigDecimal fundInpatient, BigDecimal bedDays, BigDecimal maxBedDays,
      BigDecimal deductionRate) {
    return BedDayDeduction.of(fundInpatient, bedDays, maxBedDays, deductionRate);
  }
}
