package org.yibao.lake.common.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an amount in proportion to weights so the parts, in cents, add up to exactly the amount
 * (largest remainder; ties go to the earlier part): the allocations of docs/policy.md §3 (scaling to
 * the ceiling) and §7 (cross-region shares) must sum to their total to the cent.
 */
public final class ProportionalAllocation {
  private ProportionalAllocation() {}

  public static List<BigDecimal> split(BigDecimal total, List<BigDecimal> weights) {
    BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<BigDecimal> out = new ArrayList<>();
    if (weights.isEmpty()) {
      return out;
    }
    if (sum.signum() == 0) {
      throw new IllegalArgumentException("cannot split " + total + " over weights that sum to zero");
    }
    long totalCents = total.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    long[] cents = new long[weights.size()];
    BigDecimal[] rest = new BigDecimal[weights.size()];
    long given = 0;
    for (int i = 0; i < weights.size(); i++) {
      BigDecimal exact = BigDecimal.valueOf(totalCents).multiply(weights.get(i)).divide(sum, 12, RoundingMode.HALF_UP);
      cents[i] = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
      rest[i] = exact.subtract(BigDecimal.valueOf(cents[i]));
      given += cents[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> rest[i]).reversed().thenComparing(i -> i));
    for (int k = 0; given < totalCents; k = (k + 1) % order.size(), given++) {
      cents[order.get(k)]++;
    }
    for (long c : cents) {
      out.add(BigDecimal.valueOf(c, 2));
    }
    return out;
  }
}
