package org.yibao.lake.jobs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;

/**
 * How an indicator of {@code ads.indicator} is read by a person (docs/policy.md §9): most are shares shown
 * in %, a few are money (元), days, bed-days, persons or percentage points.
 */
public final class Units {
  private Units() {}

  /** The unit of {@code indicatorId}'s value. */
  public static String of(String indicatorId) {
    return switch (indicatorId) {
      case "inpatient_cost_per_case" -> "元";
      case "average_length_of_stay" -> "日";
      case "bed_days_over_agreement" -> "床日";
      case "two_disease_registered" -> "人";
      case "lead_hospital_share_change", "in_county_inpatient_rate_change" -> "个百分点";
      default -> "%";
    };
  }

  /** {@code value} of {@code indicatorId} for a reader: 0.181818 → "18.18%", 5123.4 → "5,123.40元". */
  public static String format(String indicatorId, BigDecimal value) {
    if (value == null) {
      return "";
    }
    return switch (of(indicatorId)) {
      case "%" -> percent(value);
      case "个百分点" -> value.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "个百分点";
      case "元" -> yuan(value) + "元";
      case "人" -> value.setScale(0, RoundingMode.HALF_UP).toPlainString() + "人";
      default -> value.setScale(1, RoundingMode.HALF_UP).toPlainString() + of(indicatorId);
    };
  }

  /** A share as a percentage with two decimals (HALF_UP): 0.181818 → "18.18%". */
  public static String percent(BigDecimal share) {
    return share == null ? "" : share.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** Money with thousands separators and two decimals: 1234567.5 → "1,234,567.50". */
  public static String yuan(BigDecimal amount) {
    return amount == null ? "" : new DecimalFormat("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_UP));
  }

  /** Money in 万元 (ten thousands) with two decimals, the unit of a bureau's report tables. */
  public static String wan(BigDecimal amount) {
    return amount == null ? "" : new DecimalFormat("#,##0.00").format(amount.movePointLeft(4).setScale(2, RoundingMode.HALF_UP));
  }
}
