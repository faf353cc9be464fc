package org.yibao.lake.common.policy.settlement;

import java.math.BigDecimal;
import org.yibao.lake.common.config.ConfigException;

/**
 * Monthly pre-settlement (月度预结算), docs/policy.md §6: the gross amount the fund owes a community for a
 * month, in one of three modes chosen per scheme in config ({@code settlement.monthly.mode}).
 * All amounts are paid by the fund to the community (positive = fund pays).
 */
public final class MonthlyPreSettlement {
  private MonthlyPreSettlement() {}

  /** The configured modes. */
  public enum Mode {
    /** GD-2019: a share of the monthly package. */
    BUDGET_SHARE,
    /** GY-2025 据实封顶: the actual amount, capped at a twelfth of the budget. */
    ACTUAL_CAPPED,
    /** LS-2020: a ratio of the actual fee-for-service amount, never below the floor. */
    ACTUAL_RATIO;

    public static Mode parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("settlement.monthly.mode must be budget_share, actual_capped or actual_ratio, not '"
            + s + "'");
      }
    }

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code budget_share}: {@code package / 12 × monthly_ratio}, cents HALF_UP. */
  public static BigDecimal budgetShare(BigDecimal packageAmt, BigDecimal monthlyRatio) {
    return Decimals.cents(Decimals.div(packageAmt, Decimals.TWELVE).multiply(monthlyRatio));
  }

  /** The monthly cap of {@code actual_capped}: {@code budget / 12}, cents HALF_UP. */
  public static BigDecimal monthlyCap(BigDecimal budget) {
    return Decimals.cents(Decimals.div(budget, Decimals.TWELVE));
  }

  /** {@code actual_capped}: {@code min(actual_m, budget / 12)}. */
  public static BigDecimal actualCapped(BigDecimal actual, BigDecimal budget) {
    return actual.min(monthlyCap(budget));
  }

  /**
   * {@code actual_capped} with {@code cumulative: true}: the year-to-date sum is capped at
   * {@code budget × m / 12}, and month m is paid what the capped year-to-date amount grew by:
   * {@code min(ytd_m, budget·m/12) − min(ytd_{m−1}, budget·(m−1)/12)}.
   */
  public static BigDecimal actualCappedCumulative(BigDecimal ytdActual, BigDecimal ytdActualBefore, BigDecimal budget,
      int month) {
    return cumulativeCapped(ytdActual, budget, month).subtract(cumulativeCapped(ytdActualBefore, budget, month - 1));
  }

  /** The capped year-to-date amount through month m: {@code min(ytd_m, budget × m / 12)}, cents HALF_UP. */
  public static BigDecimal cumulativeCapped(BigDecimal ytdActual, BigDecimal budget, int month) {
    return ytdActual.min(cumulativeCap(budget, month));
  }

  /** The year-to-date cap through month m: {@code budget × m / 12}, cents HALF_UP. */
  public static BigDecimal cumulativeCap(BigDecimal budget, int month) {
    return Decimals.cents(Decimals.div(budget.multiply(BigDecimal.valueOf(month)), Decimals.TWELVE));
  }

  /**
   * {@code actual_ratio}: {@code actual × monthly_ratio}; a configured ratio below the floor is a
   * configuration error (LS-2020: 原则上不低于90%), not silently raised.
   */
  public static BigDecimal actualRatio(BigDecimal actual, BigDecimal monthlyRatio, BigDecimal floor) {
    if (monthlyRatio.compareTo(floor) < 0) {
      throw new ConfigException("settlement.monthly.ratio " + monthlyRatio.toPlainString()
          + " is below settlement.monthly.ratio_floor " + floor.toPlainString());
    }
    return Decimals.cents(actual.multiply(monthlyRatio));
  }
}
