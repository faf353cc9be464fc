package org.yibao.lake.common.job;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yibao.lake.common.config.ConfigException;

/**
 * What a run computes: everything, one year, one month, or a set of months (the months touched by newly
 * ingested data, with the years that contain them). Given explicitly, never read from the clock.
 */
public record Period(Integer year, YearMonth month, List<YearMonth> months) {
  public static final Period ALL = new Period(null, null, List.of());

  public Period {
    months = List.copyOf(new TreeSet<>(months));
  }

  public static Period year(int y) {
    return new Period(y, null, List.of());
  }

  public static Period month(YearMonth m) {
    return new Period(m.getYear(), m, List.of());
  }

  /** The given months and, for year-keyed rows, the years they fall in; must not be empty. */
  public static Period months(Collection<YearMonth> ms) {
    if (ms.isEmpty()) {
      throw new IllegalArgumentException("a period of months needs at least one month");
    }
    return new Period(null, null, List.copyOf(ms));
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
    return year == null && months.isEmpty();
  }

  /** True for a set of months (a refresh of what new data touched). */
  public boolean isMonths() {
    return !months.isEmpty();
  }

  /** The calendar years this period covers (empty for everything). */
  public List<Integer> years() {
    if (isMonths()) {
      return months.stream().map(YearMonth::getYear).distinct().sorted().toList();
    }
    return year == null ? List.of() : List.of(year);
  }

  /** The Delta replaceWhere predicate for a period column, or null for a whole-table rewrite. */
  public String predicate(String column, JobSpec.PeriodKind kind) {
    if (isAll() || column == null) {
      return null;
    }
    if (isMonths()) {
      List<String> values = switch (kind) {
        case YEAR -> years().stream().map(String::valueOf).toList();
        case MONTH -> months.stream().map(m -> "'" + m + "'").toList();
        case CALENDAR -> java.util.stream.Stream.concat(months.stream().map(m -> "'" + m + "'"),
            years().stream().map(y -> "'" + y + "'")).toList();
      };
      return column + " IN (" + String.join(", ", values) + ")";
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
    if (isMonths()) {
      return months.stream().map(YearMonth::toString).collect(Collectors.joining(","));
    }
    return isAll() ? "all" : month != null ? month.toString() : String.valueOf(year);
  }
}
