package org.yibao.lake.generate;

import java.math.BigDecimal;

/**
 * Money and other two-decimal figures are simulated as {@code long} hundredths (cents) so that the
 * contract's equations hold to the cent; this class only formats and scales them.
 */
final class Money {
  private Money() {
  }

  /** {@code 12345 -> "123.45"}, {@code -5 -> "-0.05"}. */
  static String format(long cents) {
    StringBuilder sb = new StringBuilder(16);
    append(sb, cents);
    return sb.toString();
  }

  static void append(StringBuilder sb, long cents) {
    long abs = Math.abs(cents);
    if (cents < 0) {
      sb.append('-');
    }
    sb.append(abs / 100).append('.');
    long frac = abs % 100;
    if (frac < 10) {
      sb.append('0');
    }
    sb.append(frac);
  }

  static BigDecimal toYuan(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** {@code amount * permille / 1000}, rounded half up; integer arithmetic only. */
  static long permille(long amount, long permille) {
    long p = amount * permille;
    return p >= 0 ? (p + 500) / 1000 : -((-p + 500) / 1000);
  }
}
