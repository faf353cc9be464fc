package org.yibao.lake.common.policy.settlement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * Settlement calendar, docs/policy.md §6 (JX-2026 二(三)8): month M's declaration closes on day
 * {@code declaration_day} (10) of M+1; payment is due within {@code payment_working_days} (20) working
 * days counted from the day after the close. Working days are Monday–Friday except the configured
 * holidays ({@code settlement.calendar.holidays}); with no holiday list, weekends only.
 */
public final class SettlementCalendar {
  private SettlementCalendar() {}

  /** The declaration close and the payment due date of a month. */
  public record Dates(LocalDate declarationDate, LocalDate paymentDueDate) {}

  public static Dates of(YearMonth month, int declarationDay, int paymentWorkingDays, Set<LocalDate> holidays) {
    LocalDate close = month.plusMonths(1).atDay(declarationDay);
    return new Dates(close, addWorkingDays(close, paymentWorkingDays, holidays));
  }

  /** The n-th working day after {@code from} (from itself not counted). */
  public static LocalDate addWorkingDays(LocalDate from, int n, Set<LocalDate> holidays) {
    LocalDate d = from;
    int left = n;
    while (left > 0) {
      d = d.plusDays(1);
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * Late: paid after the due date, or not paid and the as-of date is past the due date (an unpaid month
   * within its window is not late yet).
   */
  public static boolean isLate(LocalDate due, LocalDate paid, LocalDate asOf) {
    return paid != null ? paid.isAfter(due) : asOf.isAfter(due);
  }
}
