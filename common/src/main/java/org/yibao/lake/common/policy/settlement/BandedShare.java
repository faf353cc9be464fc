package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.yibao.lake.common.config.ConfigException;

/**
 * Splits a surplus {@code S} or an overspend {@code O} into bands of its ratio to the budget {@code B}
 * and applies each band's rate, docs/policy.md §7: band k holds {@code min(X, upTo_k·B) − min(X, upTo_{k−1}·B)};
 * the share is {@code Σ band_k × rate_k}. Used by {@link SurplusRetention} and {@link OverspendSharing}.
 */
public final class BandedShare {
  private BandedShare() {}

  /** One band's published amount (cents) and rate, and the share it contributes (cents). */
  public record Part(BigDecimal upTo, BigDecimal rate, BigDecimal bandAmt, BigDecimal shareAmt) {}

  /** The parts and their total; the total is the sum of the published parts. */
  public record Result(List<Part> parts, BigDecimal totalAmt) {}

  public static Result split(BigDecimal amount, BigDecimal budget, List<Band> bands) {
    validate(bands);
    List<Part> parts = new ArrayList<>();
    BigDecimal x = Decimals.nonNegative(amount);
    BigDecimal lower = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    for (Band b : bands) {
      BigDecimal upper = b.upTo() == null ? x : x.min(Decimals.cents(budget.multiply(b.upTo())));
      BigDecimal band = Decimals.nonNegative(upper.subtract(lower));
      BigDecimal share = Decimals.cents(band.multiply(b.rate()));
      parts.add(new Part(b.upTo(), b.rate(), Decimals.cents(band), share));
      total = total.add(share);
      lower = lower.max(upper);
    }
    return new Result(List.copyOf(parts), total);
  }

  static void validate(List<Band> bands) {
    if (bands.isEmpty()) {
      throw new ConfigException("a band table must have at least one band");
    }
    BigDecimal prev = BigDecimal.ZERO;
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      if (b.rate() == null || b.rate().signum() < 0 || b.rate().compareTo(BigDecimal.ONE) > 0) {
        throw new ConfigException("band " + (i + 1) + ": rate must be between 0 and 1, is " + b.rate());
      }
      if (b.upTo() == null && i != bands.size() - 1) {
        throw new ConfigException("band " + (i + 1) + ": only the last band may be open (no up_to)");
      }
      if (b.upTo() != null) {
        if (b.upTo().compareTo(prev) <= 0) {
          throw new ConfigException("band " + (i + 1) + ": up_to must rise, " + b.upTo() + " after " + prev);
        }
        prev = b.upTo();
      }
    }
  }
}
