package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.yibao.lake.common.config.ConfigException;

/**
 * Three-year weighted baseline (三年加权基数, 1:2:7), docs/policy.md §1 (JX-2026 二(二)4, 6):
 * {@code baseline = (w1·E(Y-3) + w2·E(Y-2) + w3·E(Y-1)) / (w1 + w2 + w3)}, the weights renormalised
 * over the years present (a year without history has a null amount and takes no weight).
 */
public final class WeightedBaseline {
  private WeightedBaseline() {}

  /**
   * @param weights the configured weights of Y-3, Y-2, Y-1
   * @param amounts E(Y-3), E(Y-2), E(Y-1); null where the year is not history for the scope
   * @return the weights used (null for an absent year), the number of history years and the baseline
   *     rounded HALF_UP to cents (null without any history)
   */
  public static Result of(List<BigDecimal> weights, List<BigDecimal> amounts) {
    if (weights.size() != 3 || amounts.size() != 3) {
      throw new ConfigException("the weighted baseline takes three weights and three years, got " + weights);
    }
    List<BigDecimal> used = new ArrayList<>();
    BigDecimal num = BigDecimal.ZERO;
    BigDecimal den = BigDecimal.ZERO;
    int years = 0;
    for (int i = 0; i < 3; i++) {
      BigDecimal e = amounts.get(i);
      if (e == null) {
        used.add(null);
        continue;
      }
      BigDecimal w = weights.get(i);
      used.add(w);
      num = num.add(w.multiply(e));
      den = den.add(w);
      years++;
    }
    if (years == 0) {
      return new Result(used, 0, null);
    }
    if (den.signum() == 0) {
      throw new ConfigException("the baseline weights of the years present sum to zero: " + weights);
    }
    return new Result(used, years, num.divide(den, 2, RoundingMode.HALF_UP));
  }

  /** Weights used (null where the year is absent), history years, baseline (null without history). */
  public record Result(List<BigDecimal> weights, int historyYears, BigDecimal baseline) {}
}
