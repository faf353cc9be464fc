package org.yibao.lake.common.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.config.ConfigException;

/** The replaceWhere predicates a run writes with: exactly its period, never more. */
class PeriodTest {
  @Test
  void oneMonthOneYearOrEverything() {
    Period m = Period.parse(null, "2025-10");
    assertEquals("period = '2025-10'", m.predicate("period", JobSpec.PeriodKind.CALENDAR));
    assertEquals("setl_month = '2025-10'", m.predicate("setl_month", JobSpec.PeriodKind.MONTH));
    assertEquals("year = 2025", m.predicate("year", JobSpec.PeriodKind.YEAR));
    Period y = Period.parse(2025, null);
    assertEquals("period = '2025'", y.predicate("period", JobSpec.PeriodKind.CALENDAR));
    assertEquals("setl_month LIKE '2025-%'", y.predicate("setl_month", JobSpec.PeriodKind.MONTH));
    assertNull(Period.ALL.predicate("period", JobSpec.PeriodKind.CALENDAR));
    assertThrows(ConfigException.class, () -> Period.parse(2024, "2025-10"));
  }

  @Test
  void touchedMonthsReplaceThoseMonthsAndTheirYears() {
    // December 2024 and January 2025 touched: both months, and the year rows of 2024 and 2025
    Period p = Period.months(List.of(YearMonth.of(2025, 1), YearMonth.of(2024, 12), YearMonth.of(2025, 1)));
    assertEquals("2024-12,2025-01", p.toString());
    assertEquals(List.of(2024, 2025), p.years());
    assertEquals("period IN ('2024-12', '2025-01', '2024', '2025')", p.predicate("period", JobSpec.PeriodKind.CALENDAR));
    assertEquals("setl_month IN ('2024-12', '2025-01')", p.predicate("setl_month", JobSpec.PeriodKind.MONTH));
    assertEquals("year IN (2024, 2025)", p.predicate("year", JobSpec.PeriodKind.YEAR));
    assertThrows(IllegalArgumentException.class, () -> Period.months(List.of()));
  }
}
