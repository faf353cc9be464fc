package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.util.List;

/**
 * Year-end settlement of a community (年终清算), docs/policy.md §7 (GY-2025 三(八)(十), GD-2019 附件1 二.2):
 * <pre>
 *   settled (B-based amount) = A + retained surplus      when S = B − A &gt; 0
 *                            = B + fund's overspend share when O = A − B &gt; 0
 *                            = B                          when A = B
 *   final_payment = settled + risk_fund_paid + deposit_returned
 *                   − outside_paid − monthly_gross − prepay_offset − bed_day_deduction − other_deductions
 * </pre>
 * {@code monthly_gross} is the GROSS monthly pre-settlement of the year (before the quality deposit was
 * withheld): the deposit withheld was never paid, so only the part returned is added back. Over the year
 * the community then receives exactly
 * <pre>
 *   prepay + Σ net monthly + final = entitlement − deposit_withheld × (1 − score factor)
 *   entitlement = settled + risk_fund_paid − outside_paid − bed_day_deduction − other_deductions
 * </pre>
 * ({@link #received}; the settlement job checks it on every run). Every term is published in cents and
 * {@code final_payment} is their sum, so a statement adds up. Sign: {@code final_payment > 0} the fund pays
 * the community; {@code < 0} the community pays the fund back. {@code outside_paid} is the pooled fund
 * already paid directly to institutions outside the community for the county's insured and charged to the
 * package (GD-2019 附件1 二.3).
 */
public final class YearEndSettlement {
  private YearEndSettlement() {}

  /**
   * Inputs of one community-year, in cents. {@code monthlyGross}: Σ gross monthly amounts;
   * {@code adjustmentFundCap} null when the scheme has no cap.
   */
  public record Input(BigDecimal budget, BigDecimal actual, BigDecimal outsidePaid, BigDecimal monthlyGross,
      BigDecimal prepayOffset, BigDecimal depositWithheld, BigDecimal bedDayDeduction, BigDecimal otherDeductions,
      BigDecimal adjustmentFundCap, BigDecimal riskFund, BigDecimal scoreFactor, List<Band> surplusBands,
      List<Band> overspendBands) {}

  /** Every published term. */
  public record Result(BigDecimal surplusAmt, BigDecimal overspendAmt, SurplusRetention.Result surplus,
      OverspendSharing.Result overspend, BigDecimal settledAmt, BigDecimal riskFundPaidAmt,
      BigDecimal depositReturnedAmt, BigDecimal depositForfeitedAmt, BigDecimal entitlementAmt,
      BigDecimal finalPaymentAmt) {}

  public static Result of(Input in) {
    BigDecimal b = in.budget();
    BigDecimal a = in.actual();
    BigDecimal s = Decimals.nonNegative(b.subtract(a));
    BigDecimal o = Decimals.nonNegative(a.subtract(b));
    SurplusRetention.Result sr = SurplusRetention.of(b, a, in.surplusBands(), in.scoreFactor());
    OverspendSharing.Result os = OverspendSharing.of(b, a, in.overspendBands(), in.adjustmentFundCap());
    BigDecimal settled = s.signum() > 0 ? a.add(sr.retainedAmt()) : o.signum() > 0 ? b.add(os.fundShareAmt()) : b;
    BigDecimal risk = Decimals.cents(Decimals.orZero(in.riskFund()).multiply(in.scoreFactor()));
    BigDecimal deposit = QualityDeposit.returned(in.depositWithheld(), in.scoreFactor());
    BigDecimal entitlement = settled.add(risk).subtract(in.outsidePaid()).subtract(in.bedDayDeduction())
        .subtract(in.otherDeductions());
    BigDecimal fin = entitlement.add(deposit).subtract(in.monthlyGross()).subtract(in.prepayOffset());
    return new Result(Decimals.cents(s), Decimals.cents(o), sr, os, Decimals.cents(settled), risk, deposit,
        Decimals.cents(in.depositWithheld().subtract(deposit)), Decimals.cents(entitlement), Decimals.cents(fin));
  }

  /**
   * What the community received over the year: the prepayment, the net monthly payments
   * ({@code gross − withheld}) and the final payment (negative when paid back).
   */
  public static BigDecimal received(BigDecimal prepay, BigDecimal monthlyGross, BigDecimal depositWithheld,
      BigDecimal finalPayment) {
    return prepay.add(monthlyGross).subtract(depositWithheld).add(finalPayment);
  }
}
