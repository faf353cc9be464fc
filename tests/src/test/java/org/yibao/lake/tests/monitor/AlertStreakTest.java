package org.yibao.lake.tests.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.policy.indicator.AlertStreak;
import org.yibao.lake.tests.Fixtures;

/** Streaks of broken thresholds (docs/policy.md §9 alerts) over hand-made indicator rows. */
class AlertStreakTest {
  private static final String DDL = "indicator_id STRING, entity_id STRING, period_type STRING, period STRING, "
      + "is_alert BOOLEAN";

  @Test
  void consecutiveCalendarPeriodsFormOneStreakAndAGapEndsIt() {
    Dataset<Row> indicators = Fixtures.frame(DDL,
        // E1 months: 2024-11, 2024-12, 2025-01 broken (a streak over the year boundary), 2025-02 not,
        // 2025-03 broken again (a new streak), 2025-05 broken after a month without data (new streak)
        Fixtures.row("x", "E1", "month", "2024-11", true),
        Fixtures.row("x", "E1", "month", "2024-12", true),
        Fixtures.row("x", "E1", "month", "2025-01", true),
        Fixtures.row("x", "E1", "month", "2025-02", false),
        Fixtures.row("x", "E1", "month", "2025-03", true),
        Fixtures.row("x", "E1", "month", "2025-05", true),
        // E1 years 2024 and 2025 broken: two in a row; E2's 2025 alone: a streak of one
        Fixtures.row("x", "E1", "year", "2024", true),
        Fixtures.row("x", "E1", "year", "2025", true),
        Fixtures.row("x", "E2", "year", "2025", true));
    Map<String, String> got = new TreeMap<>();
    for (Row r : AlertStreak.of(indicators, "indicator_id", "entity_id", "period_type").collectAsList()) {
      got.put(r.getAs("entity_id") + " " + r.getAs("period"),
          r.getAs("first_alert_period") + "/" + r.<Integer>getAs("consecutive_periods"));
    }
    assertEquals(Map.of(
        "E1 2024-11", "2024-11/1", "E1 2024-12", "2024-11/2", "E1 2025-01", "2024-11/3",
        "E1 2025-03", "2025-03/1", "E1 2025-05", "2025-05/1",
        "E1 2024", "2024/1", "E1 2025", "2024/2", "E2 2025", "2025/1"), got); // no row for 2025-02
  }
}
