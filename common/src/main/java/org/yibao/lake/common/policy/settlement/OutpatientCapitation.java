package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Outpatient capitation by points (门诊按人头付费, 点数法), docs/policy.md §7.2 (outpatient capitation), exactly:
 * <pre>
 *   share    = |F − C| × fund_share
 *   T        = C + adjustment + share (F &gt; C) − share (F &lt; C)          清算总额
 *   T_local  = T − cross_region − special
 *   P        = patients × points_per_patient (100)
 *   weight_i = fund_i / Σ fund        points_i = P × weight_i        v = T_local / P
 *   settlement_i = points_i × v + special_i − monthly_prepaid_i − deductions_i
 * </pre>
 * One region, one insutype, one scope (general or chronic outpatient, settled separately).
 * {@code points_i × v} is computed unrounded ({@code = T_local × fund_i / Σ fund}) and published in cents;
 * {@code weight_i} (6 places), {@code points_i} (4 places) and {@code v} (6 places) are published to explain it.
 * Sign: {@code settlement_i > 0} the fund pays the institution; {@code < 0} the institution pays back.
 */
public final class OutpatientCapitation {
  private OutpatientCapitation() {}

  /** Region figures: C, F, adjustment (signed), fund share rate, cross-region and special fees, patients. */
  public record Region(BigDecimal controlTotal, BigDecimal ffsFund, BigDecimal adjustment, BigDecimal fundShareRate,
      BigDecimal crossRegion, BigDecimal special, long patients, BigDecimal pointsPerPatient) {}

  /** One institution: fee-for-service fund (special fees excluded), special fees, monthly prepaid, deductions. */
  public record Institution(String code, BigDecimal fund, BigDecimal special, BigDecimal monthlyPrepaid,
      BigDecimal deductions) {}

  public record RegionResult(BigDecimal shareAmt, BigDecimal settlementTotalAmt, BigDecimal localTotalAmt,
      BigDecimal totalPoints, BigDecimal pointValue, BigDecimal fundTotal) {}

  public record InstitutionResult(String code, BigDecimal weight, BigDecimal points, BigDecimal pointsAmt,
      BigDecimal special, BigDecimal monthlyPrepaid, BigDecimal deductions, BigDecimal settlementAmt) {}

  public record Result(RegionResult region, List<InstitutionResult> institutions) {}

  public static Result of(Region r, List<Institution> members) {
    BigDecimal diff = r.ffsFund().subtract(r.controlTotal());
    BigDecimal share = Decimals.cents(diff.abs().multiply(r.fundShareRate()));
    BigDecimal t = r.controlTotal().add(r.adjustment()).add(diff.signum() > 0 ? share : share.negate());
    BigDecimal tLocal = t.subtract(r.crossRegion()).subtract(r.special());
    BigDecimal p = BigDecimal.valueOf(r.patients()).multiply(r.pointsPerPatient());
    BigDecimal v = p.signum() == 0 ? BigDecimal.ZERO : Decimals.div(tLocal, p);
    BigDecimal sum = members.stream().map(Institution::fund).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<InstitutionResult> out = new ArrayList<>();
    for (Institution m : members) {
      BigDecimal w = sum.signum() == 0 ? BigDecimal.ZERO : Decimals.div(m.fund(), sum);
      BigDecimal pointsAmt = Decimals.cents(tLocal.multiply(w));
      BigDecimal settle = pointsAmt.add(m.special()).subtract(m.monthlyPrepaid()).subtract(m.deductions());
      out.add(new InstitutionResult(m.code(), Decimals.rate(w), p.multiply(w).setScale(4, RoundingMode.HALF_UP),
          pointsAmt, m.special(), m.monthlyPrepaid(), m.deductions(), Decimals.cents(settle)));
    }
    return new Result(new RegionResult(share, Decimals.cents(t), Decimals.cents(tLocal), p, Decimals.rate(v), sum),
        List.copyOf(out));
  }
}
