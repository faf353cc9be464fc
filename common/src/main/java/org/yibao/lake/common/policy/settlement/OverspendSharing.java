package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import java.util.List;

/**
 * Reasonable overspend sharing (合理超支分担), docs/policy.md §7: for {@code O = A − B > 0}, the fund bears
 * {@code Σ band × rate} over bands of {@code O / B} ({@code settlement.year_end.overspend_bands}); in the
 * {@code revenue_share} scheme (GD-2019 附件1 二.2: 合理超支费用按比例在调剂金中支出) that share is capped by
 * the adjustment fund (调剂金). The fund's share is paid by the fund to the community; the rest of the
 * overspend is borne by the community.
 */
public final class OverspendSharing {
  private OverspendSharing() {}

  /** The banded split, the banded total, the cap applied (null = none) and the fund's share after it. */
  public record Result(BandedShare.Result bands, BigDecimal bandedAmt, BigDecimal capAmt, BigDecimal fundShareAmt) {
    public boolean isCapped() {
      return capAmt != null && bandedAmt.compareTo(capAmt) > 0;
    }
  }

  /** @param adjustmentFundCap the adjustment fund of the year, or null when the scheme has no cap */
  public static Result of(BigDecimal budget, BigDecimal actual, List<Band> bands, BigDecimal adjustmentFundCap) {
    BandedShare.Result r = BandedShare.split(actual.subtract(budget), budget, bands);
    BigDecimal share = adjustmentFundCap == null ? r.totalAmt() : r.totalAmt().min(adjustmentFundCap);
    return new Result(r, r.totalAmt(), adjustmentFundCap, share);
  }
}
