package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Two-disease outpatient capitation (两病门诊按人头付费), docs/policy.md §5 (JX-2026 二(二)6): the
 * per-capita standard is the §1 weighted mean of the yearly per-patient outpatient pooled-fund
 * expenditure ({@link WeightedBaseline}); the package is the standard times the signed managed
 * patients, less the outpatient fund spending of those patients outside the community's members.
 */
public final class TwoDiseaseCapitation {
  private TwoDiseaseCapitation() {}

  /** Yearly per-patient expenditure, HALF_UP to cents; null when there were no patients. */
  public static BigDecimal perPatient(BigDecimal expenditure, long patients) {
    return patients == 0 ? null : expenditure.divide(BigDecimal.valueOf(patients), 2, RoundingMode.HALF_UP);
  }

  /** {@code standard × signed patients}, HALF_UP to cents. */
  public static BigDecimal grossPackage(BigDecimal standard, long signedPatients) {
    return standard.multiply(BigDecimal.valueOf(signedPatients)).setScale(2, RoundingMode.HALF_UP);
  }

  /** The gross package less the outside-member spending; never below zero (超支不补). */
  public static BigDecimal netPackage(BigDecimal gross, BigDecimal outsideMembers) {
    return gross.subtract(outsideMembers).max(BigDecimal.ZERO.setScale(2));
  }
}
