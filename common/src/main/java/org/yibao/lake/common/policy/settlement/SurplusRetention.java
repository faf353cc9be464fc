package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.util.List;

/**
 * Surplus retention (结余留用), docs/policy.md §7: for {@code S = B − A > 0}, the community keeps
 * {@code Σ band × rate} over bands of {@code S / B} ({@code settlement.year_end.surplus_bands}), scaled by
 * the score factor ({@link ScoreFactor}). The retained amount is paid by the fund to the community on
 * top of the actual expenditure.
 */
public final class SurplusRetention {
  private SurplusRetention() {}

  /** The banded split, the banded total before the score, and the retained amount after it. */
  public record Result(BandedShare.Result bands, BigDecimal bandedAmt, BigDecimal retainedAmt) {}

  public static Result of(BigDecimal budget, BigDecimal actual, List<Band> bands, BigDecimal scoreFactor) {
    BandedShare.Result r = BandedShare.split(budget.subtract(actual), budget, bands);
    return new Result(r, r.totalAmt(), Decimals.cents(r.totalAmt().multiply(scoreFactor)));
  }
}
