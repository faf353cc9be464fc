package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;

/**
 * The performance score as a factor, docs/policy.md §7: {@code score / 100}, floored by config
 * ({@code settlement.score_factor.floor}) and capped ({@code settlement.score_factor.cap}, 1 by
 * default: the Chinese-medicine bonus lifts a score toward 100, it does not pay more than the whole).
 * Scales the retained surplus, the paid-back quality deposit and the risk fund paid out.
 */
public final class ScoreFactor {
  private ScoreFactor() {}

  /** The factor at 6 decimals HALF_UP (DECIMAL(9,6), a published rate). */
  public static BigDecimal of(BigDecimal score, BigDecimal floor, BigDecimal cap) {
    BigDecimal f = Decimals.div(score, Decimals.HUNDRED);
    return Decimals.rate(f.max(floor).min(cap));
  }
}
