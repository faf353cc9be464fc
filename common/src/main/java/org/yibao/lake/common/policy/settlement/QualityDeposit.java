package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * Quality guarantee deposit (质量保证金), docs/policy.md §6 (JX-2026 二(三)8): {@code rate × monthly} is
 * withheld from each monthly amount and paid back at year-end {@code × score factor} (§7, see
 * {@link ScoreFactor}). Withheld: kept by the fund (reduces what the community receives); returned: paid
 * by the fund to the community.
 */
public final class QualityDeposit {
  private QualityDeposit() {}

  /** Withheld from a month's gross amount, cents HALF_UP. */
  public static BigDecimal withheld(BigDecimal gross, BigDecimal rate) {
    return Decimals.cents(gross.multiply(rate));
  }

  /** Paid back at year-end: the year's withheld total × score factor, cents HALF_UP. */
  public static BigDecimal returned(BigDecimal withheldTotal, BigDecimal scoreFactor) {
    return Decimals.cents(withheldTotal.multiply(scoreFactor));
  }
}
