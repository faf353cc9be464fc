package org.yibao.lake.common.job;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.yibao.lake.common.config.ConfigException;

/** What a run computes: everything, one year or one month. Given explicitly, never read from the clock. */
public record Period(Integer year, YearMonth month) {
  public static final Period ALL = new Period(null, null);

  public static Period year(int y) {
    return new Period(y, null);
  }

  public static Period month(YearMonth m) {
    return new Period(m.getYear(), m);
  }

  public static Period parse(Integer year, String month) {
    if (month != null) {
      try {
        YearMonth m = YearMonth.parse(month);
        if (year != null && year != m.getYear()) {
          throw new ConfigException("--year " + year + " and --month " + month + " disagree");
        }
        return month(m);
      } catch (DateTimeParseException e) {
        throw new ConfigException("--month must look like 2025-10, not '" + month + "'");
      }
    }
    return year == null ? ALL : year(year);
  }

  public boolean isAll() {
    return year == null;
  }

  /** The Delta replaceWhere predicate for a period column, or null for a whole-table rewrite. */
  public String predicate(String column, JobSpec.PeriodKind kind) {
    if (isAll() || column == null) {
      return null;
    }
    if (kind == JobSpec.PeriodKind.YEAR) {
      return column + " = " + year;
    }
    if (kind == JobSpec.PeriodKind.CALENDAR) {
      return column + " = '" + this + "'";
    }
    return month != null ? column + " = '" + month + "'" : column + " LIKE '" + year + "-%'";
  }

  @Override
  public String toString() {
    return isAll() ? "all" : month != null ? month.toString() : String.valueOf(year);
  }
}
