package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Arithmetic shared by the settlement formulas: quotients at 34 significant digits (no rounding that a
 * finance officer could see), and the one rounding to cents HALF_UP where a figure is published.
 */
final class Decimals {
  static final MathContext MC = MathContext.DECIMAL128;
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  static final BigDecimal TWELVE = BigDecimal.valueOf(12);

  private Decimals() {}

  static BigDecimal div(BigDecimal a, BigDecimal b) {
    return a.divide(b, MC);
  }

  static BigDecimal cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  static BigDecimal rate(BigDecimal v) {
    return v.setScale(6, RoundingMode.HALF_UP);
  }

  static BigDecimal nonNegative(BigDecimal v) {
    return v.signum() < 0 ? BigDecimal.ZERO : v;
  }

  static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
